"""The support card dialog, and the clock check at start (a real NTP responder on 127.0.0.1)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from softtoken.core.clock import SystemClock
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from softtoken.gui import dialogs
from softtoken.gui.app import Controller
from softtoken.gui.support import SupportDialog
from tests.keyrings import MemoryKeyring
from tests.ntp_responder import NtpResponder
from tests.vaults import PIN, description, make_vault


def test_support_dialog_copies_and_saves(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    vault.activate(description(extra="&serial=TOTP0001"), "EPCS", PIN, PIN)
    dialog = SupportDialog(vault, Policy(helpdesk_contact="555-0100"), vault.clock)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "Token 1: EPCS" in dialog.text.toPlainText())
    text = dialog.full_text()
    assert "TOTP0001" in text and "Qt " in text and PIN not in text
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == text
    target = tmp_path / "bundle.zip"
    dialogs.answer_next("file", str(target))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: target.exists() and "Saved" in dialog.status.text())
    with zipfile.ZipFile(target) as bundle:
        assert "support-card.json" in bundle.namelist()


def test_clock_check_from_the_dialog(qtbot: QtBot, vault: Vault) -> None:
    vault.activate(description(), "EPCS", PIN, PIN)
    with NtpResponder(-42.0) as ntp:
        dialog = SupportDialog(vault, Policy(ntp_server=ntp.server), SystemClock())
        qtbot.addWidget(dialog)
        dialog.clock_button.click()
        qtbot.waitUntil(lambda: "42 s fast" in dialog.status.text(), timeout=5000)
    said = f"Clock: 42 s fast against {ntp.server} (checked "
    assert dialog.status.text().startswith(said)
    qtbot.waitUntil(lambda: said in dialog.text.toPlainText())


def test_a_wrong_clock_is_shown_at_start(qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    with NtpResponder(90.0) as ntp:
        policy = Policy(ntp_server=ntp.server)
        vault = make_vault(tmp_path / "h", memory_keyring, clock=SystemClock(), policy=policy)
        vault.activate(description(), "EPCS", PIN, PIN)
        controller = Controller(vault, policy, SystemClock())
        qtbot.addWidget(controller.window)
        controller.start()
        qtbot.waitUntil(controller.window.clock_warning.isVisible, timeout=5000)
    assert "90 s slow: passcodes will be rejected" in controller.window.clock_warning.text()
