"""The Done page does not claim a link to the account for a token without an issuer serial.

A mail that cut the link after its secret loses the serial; step 1's summary says so, and the
Done page used to undo that with "Your token is now linked to your account". Through the real
Controller, by link, as a prescriber would.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from softtoken.core.clock import FixedClock
from softtoken.core.policy import Policy
from softtoken.gui import i18n
from softtoken.gui.app import Controller
from softtoken.gui.wizard.activation import ActivationWizard
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, link, make_vault

SERIAL = "TOTP0001A2B3"
NO_SERIAL = "not linked to an issuer serial — ask your help desk if they expect one"


def done_sentence(
    qtbot: QtBot, tmp_path: Path, keyring: MemoryKeyring, pasted: str, policy: Policy, what: str = "syncLabel"
) -> str:
    vault = make_vault(tmp_path / "home", keyring, clock=FixedClock(59), policy=policy)
    controller = Controller(vault, policy, vault.clock)
    controller.start(pasted)
    wizard = controller.wizard
    assert isinstance(wizard, ActivationWizard)
    try:
        qtbot.waitUntil(wizard.activate_page.isComplete)
        wizard.next()
        wizard.next()
        wizard.pin_page.pin_edit.setText(PIN)
        wizard.pin_page.confirm_edit.setText(PIN)
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=5000)
        label = wizard.done_page.findChild(QLabel, what)
        assert label is not None and label.isVisibleTo(wizard.done_page)
        return label.text()
    finally:
        if isValid(wizard):
            wizard.done(0)
        if controller._window is not None:
            controller._window.close()


SYNC = Policy()  # the default: 60 minutes of network sync
READY = Policy(sync_window_minutes=0)


def test_without_a_serial_the_sync_sentence_says_it_is_not_linked(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    about = datetime.fromtimestamp(59 + 60 * 60).strftime("%H:%M")
    assert done_sentence(qtbot, tmp_path, memory_keyring, link(), SYNC) == (
        f"Your token is {NO_SERIAL}. It will automatically be activated for use after syncing with "
        f"the network, which may take up to 60 minutes (about {about})."
    )


def test_without_a_serial_a_ready_token_says_it_is_not_linked(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    sentence = done_sentence(qtbot, tmp_path, memory_keyring, link(), READY)
    assert sentence == f"Your token is ready for use, but it is {NO_SERIAL}."


@pytest.mark.parametrize("policy", [SYNC, READY], ids=["sync", "ready"])
def test_with_a_serial_it_is_linked_to_the_account(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, policy: Policy
) -> None:
    sentence = done_sentence(qtbot, tmp_path, memory_keyring, link(extra=f"&serial={SERIAL}"), policy)
    assert sentence.startswith("Your token is now linked to your account")


@pytest.fixture
def spanish() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install_translator(app, "es")
    try:
        yield
    finally:
        for translator in i18n._keep:
            app.removeTranslator(translator)
        i18n._keep.clear()


@pytest.mark.usefixtures("spanish")
@pytest.mark.parametrize("policy", [SYNC, READY], ids=["sync", "ready"])
def test_the_sentence_in_spanish(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, policy: Policy
) -> None:
    sentence = done_sentence(qtbot, tmp_path, memory_keyring, link(), policy)
    assert "no está vinculado a un número de serie del emisor" in sentence
    assert "cuenta" not in sentence


def test_the_done_page_says_where_the_key_is(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """Never a silent fallback to software (issue 14): the level in force, and why, at activation."""
    policy = Policy(protection="software")
    text = done_sentence(qtbot, tmp_path, memory_keyring, link(), policy, what="protectionLabel")
    assert text == (
        "Protection: software (PIN and system keystore), because the admin policy keeps tokens in software"
    )


@pytest.mark.usefixtures("spanish")
def test_where_the_key_is_in_spanish(qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    policy = Policy(protection="software")
    text = done_sentence(qtbot, tmp_path, memory_keyring, link(), policy, what="protectionLabel")
    assert text == (
        "Protección: software (PIN y almacén de claves del sistema), "
        "porque la política del administrador guarda los tokens en software"
    )
