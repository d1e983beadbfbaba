"""Core's messages read in Spanish where the prescriber meets them, through the real Controller.

The keystore banner, the clock warning and step 1's refusals were English in a Spanish app:
their templates had no catalog line, or were f-strings with the numbers baked in. Words
inside a message ("number of digits") and a message inside another ("Entry 2 of 2 (…): …")
are translated too.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from softtoken.core.clock import FixedClock, SystemClock
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from softtoken.gui import i18n
from softtoken.gui.app import Controller
from softtoken.gui.wizard.activation import ActivationWizard
from tests.keyrings import MemoryKeyring
from tests.ntp_responder import NtpResponder
from tests.vaults import CHEAP, PIN, description, link, make_vault


@pytest.fixture(autouse=True)
def spanish() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install_translator(app, "es")
    yield
    for translator in i18n._keep:
        app.removeTranslator(translator)
    i18n._keep.clear()


def step_one_problem(qtbot: QtBot, tmp_path: Path, keyring: MemoryKeyring, pasted: str) -> str:
    vault = make_vault(tmp_path / "home", keyring, clock=FixedClock(59))
    controller = Controller(vault, vault.policy, vault.clock)
    controller.start(pasted)
    wizard = controller.wizard
    assert isinstance(wizard, ActivationWizard)
    try:
        page = wizard.activate_page  # its problem line is made after the first paint
        qtbot.waitUntil(lambda: hasattr(page, "problem_label") and page.problem_label.isVisible())
        return page.problem_label.text()

    finally:
        if isValid(wizard):
            wizard.done(0)


def test_words_inside_a_message_are_translated(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    said = step_one_problem(qtbot, tmp_path, memory_keyring, link(extra="&digits=six"))
    assert said == (
        "El número de dígitos del enlace (digits=…) no es un número entero. "
        "Vuelva a copiar el enlace completo del correo del emisor."
    )


def test_a_message_inside_another_is_translated(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    weak = base64.b32encode(bytes(range(8))).decode()  # 64 bits: below RFC 4226's 128
    pasted = f"{link()}\notpauth://totp/Other:x?secret={weak}&issuer=Other"
    said = step_one_problem(qtbot, tmp_path, memory_keyring, pasted)
    assert said.startswith("Entrada 2 de 2 (")
    assert "La semilla del enlace tiene solo 64 bits" in said


def test_the_keystore_banner_is_spanish(qtbot: QtBot, tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        home = tmp_path / "home"
        policy, clock = Policy(), FixedClock(59)
        controller = Controller(
            lambda: Vault(home, policy=policy, clock=clock, kdf=CHEAP), policy, clock, home=home
        )
        controller.start()
        assert controller.wizard is not None
        qtbot.addWidget(controller.wizard)

        def banner() -> QLabel | None:
            assert controller.wizard is not None
            found = controller.wizard.findChild(QLabel, "keystoreBanner")
            return found if isinstance(found, QLabel) and found.isVisible() else None

        qtbot.waitUntil(lambda: banner() is not None, timeout=10_000)
        shown = banner()
        assert shown is not None
        assert shown.text().startswith("No hay ningún almacén de claves seguro disponible")
    finally:
        keyring.set_keyring(previous)


def test_the_clock_warning_is_spanish(qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    with NtpResponder(-42.0) as ntp:
        policy = Policy(ntp_server=ntp.server)
        vault = make_vault(tmp_path / "h", memory_keyring, clock=SystemClock(), policy=policy)
        vault.activate(description(), "EPCS", PIN, PIN)
        controller = Controller(vault, policy, SystemClock())
        qtbot.addWidget(controller.window)
        controller.start()
        qtbot.waitUntil(controller.window.clock_warning.isVisible, timeout=5000)
    assert controller.window.clock_warning.text() == (
        "El reloj de su equipo va 42 s adelantado: es posible que se rechacen los códigos."
    )


def test_the_support_cards_keystore_line_is_spanish(qtbot: QtBot, tmp_path: Path) -> None:
    """The card says the keystore problem in core's words (a CoreMessage), in Spanish too."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        home = tmp_path / "home"
        policy, clock = Policy(), FixedClock(59)
        controller = Controller(
            lambda: Vault(home, policy=policy, clock=clock, kdf=CHEAP), policy, clock, home=home
        )
        controller.support()  # Help → Support card…
        dialog = controller.support_dialog
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: bool(dialog.card), timeout=10_000)
        lines = dialog.text.toPlainText().splitlines()
    finally:
        keyring.set_keyring(previous)
    (keystore,) = [line for line in lines if line.startswith("Almacén de claves:")]
    assert keystore.startswith("Almacén de claves: No hay ningún almacén de claves seguro disponible")
