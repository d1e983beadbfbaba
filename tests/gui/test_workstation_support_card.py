"""The support card shows the workstation's registration (core's words), in English and in Spanish."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.containers import Workstation, parse_container_link
from softtoken.core.vault.vault import Vault
from softtoken.gui import i18n, workers
from softtoken.gui.support import SupportDialog
from tests.fake_container_issuer import FakeContainerIssuer
from tests.keyrings import MemoryKeyring
from tests.vaults import make_vault

NOW = time.time()


@pytest.fixture
def registered(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Vault]:
    with FakeContainerIssuer(now=lambda: NOW, issuer_name="ACME Health") as issuer:
        issuer.add_token("TOTP0000C0DE")
        vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(NOW))
        workstation = Workstation(vault)
        workstation.register(parse_container_link(issuer.registration_link()))
        workstation.sync()  # the token waits to be named: "delivered and waiting"
        yield vault


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    i18n.install_translator(qapp, "es")
    yield
    for translator in i18n._keep:
        qapp.removeTranslator(translator)
    i18n._keep.clear()


def card_text(qtbot: QtBot, vault: Vault) -> str:
    dialog = SupportDialog(vault, vault.policy, vault.clock)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.card), timeout=10_000)
    qtbot.waitUntil(lambda: not workers.busy())
    return dialog.text.toPlainText()


def test_the_card_says_where_the_workstation_is_registered(qtbot: QtBot, registered: Vault) -> None:
    text = card_text(qtbot, registered)
    assert "Registered with ACME Health (container SMPH0000FAKE), last synchronized " in text
    assert "Tokens delivered and waiting to be set up: 1" in text


def test_the_registration_line_reads_in_spanish(qtbot: QtBot, registered: Vault, spanish: None) -> None:
    text = card_text(qtbot, registered)
    assert "Registrado con ACME Health (contenedor SMPH0000FAKE), última sincronización " in text
    assert "Tokens entregados que esperan a configurarse: 1" in text
