"""The Done page's "Show a passcode", through the real Controller: Enter shows it, with a countdown."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from softtoken.core.clock import FixedClock
from softtoken.core.vault.vault import Vault
from softtoken.gui.app import Controller
from softtoken.gui.wizard.activation import ActivationWizard
from tests.keyrings import MemoryKeyring
from tests.oracles import needs_oathtool, oathtool_totp
from tests.vaults import PIN, RFC_SEED, link, make_vault


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(59)


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring, clock: FixedClock) -> Vault:
    return make_vault(tmp_path / "home", memory_keyring, clock=clock)


@contextlib.contextmanager
def first_run(qtbot: QtBot, vault: Vault, focused: bool = False) -> Iterator[ActivationWizard]:
    """A first run through the real Controller, walked to the Done page; closed after.

    ``focused``: the wizard is the active window first, as on a desktop (QWizard
    gives a page's first child the focus only then).
    """
    controller = Controller(vault, vault.policy, vault.clock)
    controller.start(link())
    wizard = controller.wizard
    assert isinstance(wizard, ActivationWizard)
    qtbot.waitUntil(wizard.activate_page.isComplete)
    if focused:
        wizard.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    wizard.next()
    wizard.next()
    wizard.pin_page.pin_edit.setText(PIN)
    wizard.pin_page.confirm_edit.setText(PIN)
    wizard.next()
    try:
        yield wizard
    finally:
        if isValid(wizard):
            wizard.done(0)
        if controller._window is not None:
            controller._window.close()


@pytest.fixture
def wizard(qtbot: QtBot, vault: Vault) -> Iterator[ActivationWizard]:
    """The wizard on its Done page."""
    with first_run(qtbot, vault) as wizard:
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=5000)
        yield wizard


def type_pin_and_enter(qtbot: QtBot, wizard: ActivationWizard, pin: str) -> None:
    field = wizard.done_page.proof.pin_edit
    assert field.isVisible()
    wizard.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClicks(field, pin)
    qtbot.keyClick(field, Qt.Key.Key_Return)


@needs_oathtool
def test_enter_in_the_pin_field_shows_the_passcode_and_does_not_finish(
    qtbot: QtBot, wizard: ActivationWizard, clock: FixedClock
) -> None:
    proof = wizard.done_page.proof
    type_pin_and_enter(qtbot, wizard, PIN)
    qtbot.waitUntil(lambda: bool(proof.code), timeout=5000)
    assert wizard.isVisible() and wizard.currentPage() is wizard.done_page  # not finished
    assert proof.code.replace(" ", "") == oathtool_totp(RFC_SEED, 59)
    assert proof.countdown.text() == "Changes in 1 s"
    assert proof.pin_edit.text() == ""  # the PIN is not left in the field

    clock.advance(1)  # t = 60: the next time step
    proof.tick()
    assert proof.code.replace(" ", "") == oathtool_totp(RFC_SEED, 60)
    assert proof.countdown.text() == "Changes in 30 s"
    clock.advance(30)  # t = 90: both passcodes used up
    proof.tick()
    assert proof.code == "" and proof.countdown.text() == ""
    assert "expired" in proof.message.text()

    # Enter elsewhere still finishes, as on every page.
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    finish.setFocus()
    qtbot.keyClick(finish, Qt.Key.Key_Return)
    assert not wizard.isVisible()


def test_a_wrong_pin_there_is_said_inline(qtbot: QtBot, wizard: ActivationWizard, vault: Vault) -> None:
    proof = wizard.done_page.proof
    type_pin_and_enter(qtbot, wizard, "1357")
    qtbot.waitUntil(proof.message.isVisible, timeout=5000)
    assert "attempt" in proof.message.text() and proof.code == ""
    assert wizard.isVisible() and vault.status()[0].failures == 1


def test_opening_the_page_focuses_no_hidden_activation_code(qtbot: QtBot, vault: Vault) -> None:
    """Without an activation code, its hidden label is never given the focus, not even by QWizard.

    QWizard focuses a new page's first focusable child, hidden or not, before the page's own
    take_focus() picks Finish: Qt keeps a hidden widget it was asked to focus as its own focus
    widget, and told screen readers the "Activation code" label had the focus (the atspi
    tier recorded it on every one-step activation).
    """
    with first_run(qtbot, vault, focused=True) as wizard:
        page = wizard.done_page
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is finish, timeout=5000)
        assert not page.client_part_label.isVisible()
        assert page.client_part_label.focusWidget() is None  # QWizard's setFocus() did not take
