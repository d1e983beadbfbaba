"""Step 1 never shows a link's secret once it is read; the real link is the one activated."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
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

OTHER_SEED = bytes(range(90, 110))
SECRET = base64.b32encode(RFC_SEED).decode()
OTHER_SECRET = base64.b32encode(OTHER_SEED).decode()
EMAIL = f"Dear Dr Jones,\n\nyour activation link:\n{link(extra='&serial=TOTP0001')}\n\nThe help desk"
MASKED = "otpauth://totp/ACME:dr.jones?secret=••••••••&issuer=ACME&serial=TOTP0001"


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring) -> Vault:
    return make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))


@pytest.fixture
def wizard(qtbot: QtBot, vault: Vault) -> Iterator[ActivationWizard]:
    """A first run through the real Controller, the focus in the paste box."""
    controller = Controller(vault, vault.policy, vault.clock)
    controller.start()
    wizard = controller.wizard
    assert isinstance(wizard, ActivationWizard)
    qtbot.waitUntil(lambda: len(wizard.pageIds()) == 4)
    box = wizard.activate_page.link_edit
    wizard.activateWindow()
    box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    yield wizard
    if isValid(wizard):
        wizard.done(0)
    if controller._window is not None:
        controller._window.close()


def box_text(wizard: ActivationWizard) -> str:
    return wizard.activate_page.link_edit.toPlainText()


def seed_read(wizard: ActivationWizard) -> bytes | None:
    token = wizard.activate_page.selected()
    return None if token is None else bytes(token.secret.buffer)


def paste(qtbot: QtBot, wizard: ActivationWizard, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(wizard.activate_page.link_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    if wizard.activate_page.tokens():
        qtbot.waitUntil(wizard.activate_page.isComplete)  # core's check, on the vault worker


def test_a_pasted_email_is_read_then_its_secret_hidden(qtbot: QtBot, wizard: ActivationWizard) -> None:
    paste(qtbot, wizard, EMAIL)
    assert box_text(wizard) == MASKED and SECRET not in box_text(wizard)
    assert "serial TOTP0001" in wizard.activate_page.summary_label.text()
    assert seed_read(wizard) == RFC_SEED and wizard.activate_page.isComplete()
    box = wizard.activate_page.link_edit
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo brings nothing back
    assert box_text(wizard) == MASKED
    assert "hidden" in box.accessibleDescription()


def test_pasting_over_the_masked_link_replaces_it(qtbot: QtBot, wizard: ActivationWizard) -> None:
    paste(qtbot, wizard, EMAIL)
    (first,) = wizard.activate_page.tokens()
    qtbot.keyClick(wizard.activate_page.link_edit, Qt.Key.Key_End)  # no selection: still replaced whole
    paste(qtbot, wizard, link(OTHER_SEED))
    assert OTHER_SECRET not in box_text(wizard) and "secret=••••••••" in box_text(wizard)
    assert seed_read(wizard) == OTHER_SEED and first.secret.wiped


def test_backspace_empties_the_masked_box_and_forgets_it(qtbot: QtBot, wizard: ActivationWizard) -> None:
    paste(qtbot, wizard, EMAIL)
    (token,) = wizard.activate_page.tokens()
    qtbot.keyClick(wizard.activate_page.link_edit, Qt.Key.Key_Backspace)
    assert box_text(wizard) == "" and wizard.activate_page.tokens() == [] and token.secret.wiped
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_typed_link_is_hidden_when_the_box_is_left(qtbot: QtBot, wizard: ActivationWizard) -> None:
    box = wizard.activate_page.link_edit
    qtbot.keyClicks(box, link())
    assert box_text(wizard) == link()  # left alone while it is being typed
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not box
    assert SECRET not in box_text(wizard) and seed_read(wizard) == RFC_SEED


@needs_oathtool
def test_the_link_read_is_the_one_activated(qtbot: QtBot, wizard: ActivationWizard, vault: Vault) -> None:
    paste(qtbot, wizard, EMAIL)
    qtbot.keyClick(wizard.activate_page.link_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert wizard.currentPage() is wizard.name_page
    wizard.next()
    wizard.pin_page.pin_edit.setText(PIN)
    wizard.pin_page.confirm_edit.setText(PIN)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=5000)
    assert vault.unlock(None, PIN).codes[0].code == oathtool_totp(RFC_SEED, 59)
    assert vault.status()[0].serial == "TOTP0001"


def test_a_migration_export_hides_its_data() -> None:
    from softtoken.gui.wizard.paste_box import masked_link

    assert masked_link("otpauth-migration://offline?data=CjEKCkhlbGxvIQ%3D%3D&x=1") == (
        "otpauth-migration://offline?data=••••••••&x=1"
    )
    assert masked_link("otpauth://totp/A?Secret=ABC#frag") == "otpauth://totp/A?Secret=••••••••#frag"


def test_a_pasted_or_handed_over_link_never_enters_the_widget(qtbot: QtBot, wizard: ActivationWizard) -> None:
    """Every text the box's document ever held is recorded: the secret is in none (a screen reader's
    "text inserted" events are made from those changes; tests/atspi checks the events themselves)."""
    box = wizard.activate_page.link_edit
    seen: list[str] = []
    box.document().contentsChanged.connect(lambda: seen.append(box.toPlainText()))
    paste(qtbot, wizard, EMAIL)
    assert seed_read(wizard) == RFC_SEED and box_text(wizard) == MASKED
    wizard.activate_page.set_link(link(OTHER_SEED))  # a link handed over by the e-mail's click
    qtbot.waitUntil(lambda: seed_read(wizard) == OTHER_SEED)
    assert seen and not [text for text in seen if SECRET in text or OTHER_SECRET in text]
