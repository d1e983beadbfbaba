"""Step 1's summary line says whether the link names an issuer serial (through the real Controller).

A link without a serial used to be summarised like any other and the token
"linked to your account"; a mail that cut the link after its secret lost the
serial that way without a word.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.gui import i18n
from softtoken.gui.app import Controller
from tests.keyrings import MemoryKeyring
from tests.vaults import link, make_vault

SERIAL = "TOTP0001A2B3"
NO_SERIAL_NOTE = "not linked to an issuer serial — ask your help desk if they expect one"


def _summary(qtbot: QtBot, tmp_path: Path, keyring: MemoryKeyring, pasted: str) -> str:
    vault = make_vault(tmp_path / "home", keyring, clock=FixedClock(59))
    controller = Controller(vault, vault.policy, vault.clock)
    controller.start(pasted)
    wizard = controller.wizard
    assert isinstance(wizard, QWidget)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: _label(wizard) is not None and _label(wizard).isVisible())
    return _label(wizard).text()


def _label(wizard: QWidget) -> QLabel:
    return wizard.findChild(QLabel, "summaryLabel")  # type: ignore[return-value]


def _mail(text: str) -> str:
    """The link as a mail program cuts it: right after the secret, at the 76th column."""
    cut = text.index("&issuer")
    return f"> Dear Dr Jones, activate your token:\n> {text[:cut]}\n> {text[cut:]}\n>\n> Thanks\n"


def test_a_link_without_serial_says_so(qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    summary = _summary(qtbot, tmp_path, memory_keyring, _mail(link()))
    assert NO_SERIAL_NOTE in summary and "serial " not in summary.replace(NO_SERIAL_NOTE, "")


def test_a_serial_after_the_cut_is_kept_and_shown(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    summary = _summary(qtbot, tmp_path, memory_keyring, _mail(link(extra=f"&serial={SERIAL}")))
    assert f"serial {SERIAL}" in summary and "not linked" not in summary


@pytest.fixture
def spanish() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install_translator(app, "es") is not None
    try:
        yield
    finally:
        for translator in i18n._keep:
            app.removeTranslator(translator)
        i18n._keep.clear()


@pytest.mark.usefixtures("spanish")
def test_the_note_in_spanish(qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    summary = _summary(qtbot, tmp_path, memory_keyring, link())
    assert "no está vinculado a un número de serie del emisor" in summary
