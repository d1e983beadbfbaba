"""The replacement wizard's Done page, through the real Controller: even paragraphs, "Show a passcode"."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from softtoken.core.clock import FixedClock
from softtoken.gui.app import Controller
from softtoken.gui.wizard.replacement import ReplacementWizard
from tests.keyrings import MemoryKeyring
from tests.oracles import needs_oathtool, oathtool_totp
from tests.vaults import PIN, description, link, make_vault

NEW_SEED = bytes(range(150, 170))
NEW_PIN = "5173"


@pytest.fixture
def replaced(qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[ReplacementWizard]:
    """Forgot PIN? ▸ the replacement wizard, walked to its Done page with a new link and PIN."""
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    vault.activate(description(extra="&serial=OLD1"), "EPCS", PIN, PIN)
    controller = Controller(vault, vault.policy, vault.clock)
    window = controller.window
    qtbot.addWidget(window)
    controller.start()
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    window.pin_page.forgot_button.click()
    wizard = controller.wizard
    assert isinstance(wizard, ReplacementWizard)
    wizard.next()
    wizard.activate_page.set_link(link(NEW_SEED, extra="&serial=NEW2"))
    qtbot.waitUntil(wizard.activate_page.isComplete)
    wizard.next()
    wizard.next()
    wizard.pin_page.pin_edit.setText(NEW_PIN)
    wizard.pin_page.confirm_edit.setText(NEW_PIN)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=5000)
    yield wizard
    if isValid(wizard):
        wizard.done(0)


def gaps(widgets: list[QWidget]) -> list[int]:
    """The space between each paragraph and the next, top to bottom."""
    return [b.geometry().top() - a.geometry().bottom() for a, b in itertools.pairwise(widgets)]


def test_paragraphs_are_evenly_spaced(qtbot: QtBot, replaced: ReplacementWizard) -> None:
    page = replaced.done_page
    qtbot.waitUntil(lambda: page.old_note.height() > 0)
    paragraphs: list[QWidget] = [
        page.values,  # the card with the name and serial
        page.sync_label,
        page.protection_label,  # where the key is (issue 14)
        page.old_note,
        page.confirm_note,
        page.proof,
    ]
    assert all(p.isVisible() for p in paragraphs)
    assert [p.geometry().top() for p in paragraphs] == sorted(p.geometry().top() for p in paragraphs)
    spacing = gaps(paragraphs)
    assert max(spacing) - min(spacing) <= 1, spacing
    assert min(spacing) >= 8  # paragraphs, not lines run together


@needs_oathtool
def test_the_new_pin_shows_a_passcode_there(qtbot: QtBot, replaced: ReplacementWizard) -> None:
    proof = replaced.done_page.proof
    assert proof.isVisible()
    replaced.activateWindow()
    proof.pin_edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is proof.pin_edit)
    qtbot.keyClicks(proof.pin_edit, NEW_PIN)
    qtbot.keyClick(proof.pin_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(proof.code), timeout=5000)
    assert proof.code.replace(" ", "") == oathtool_totp(NEW_SEED, 59)
    assert proof.countdown.text() == "Changes in 1 s"
    assert replaced.isVisible() and replaced.currentPage() is replaced.done_page
