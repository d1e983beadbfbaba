"""The disabled screen names the help-desk contact once, as the admin wrote it, or says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.errors import WrongPin
from softtoken.core.policy import Policy
from softtoken.gui.app import Controller
from softtoken.gui.token_window import TokenWindow
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault

CONTACT = "EPCS help desk: 555-0100"


def _disabled_window(qtbot: QtBot, tmp_path: Path, keyring: MemoryKeyring, contact: str) -> TokenWindow:
    policy = Policy(max_attempts=1, helpdesk_contact=contact)
    vault = make_vault(tmp_path / "home", keyring, clock=FixedClock(10**6), policy=policy)
    vault.activate(description(), "EPCS", PIN, PIN)
    with pytest.raises(WrongPin):
        vault.unlock(None, "1357")
    controller = Controller(vault, policy, vault.clock)
    qtbot.addWidget(controller.window)
    controller.start()
    window = controller.window
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.disabled_page)
    return window


def _shown_text(window: TokenWindow) -> str:
    page = window.disabled_page
    return "\n".join(label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page))


def test_the_contact_is_shown_once_as_the_admin_wrote_it(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    window = _disabled_window(qtbot, tmp_path, memory_keyring, CONTACT)
    text = _shown_text(window)
    assert text.count("555-0100") == 1
    assert text.lower().count("help desk") == 1, text  # not "Help desk: EPCS help desk: …"
    contact = window.disabled_page.contact
    assert contact is not None and contact.text() == CONTACT
    assert "new token" in window.disabled_page.next_step.text()


def test_without_a_contact_it_says_to_ask_the_help_desk(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    window = _disabled_window(qtbot, tmp_path, memory_keyring, "")
    text = _shown_text(window)
    assert "ask your help desk for a new activation" in text, text
    assert window.disabled_page.replace_button.isVisible()
