"""The support card dialog, opened through the real Controller: plain words to read aloud first,
the technical lines behind "Show details", why "Check the clock" is off, the bundle saved in
Documents by default, and every line of the card in Spanish."""

from __future__ import annotations

import ast
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from defusedxml import ElementTree as ET
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from softtoken.core import cardtext
from softtoken.core.clock import FixedClock
from softtoken.core.policy import Policy
from softtoken.gui import dialogs, i18n
from softtoken.gui.app import Controller
from softtoken.gui.support import CONTEXT, SupportDialog
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault

NOW = 1_764_165_910.0  # 2025-11-26 14:05:10 UTC, 08:05:10 in Chicago
CATALOG = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "softtoken_es.ts"
TECHNICAL = ("Platform:", "Keystore backend:", "argon2id", "Data directory:", "Python ", "Policy:")


@pytest.fixture(autouse=True)
def chicago(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "CST6CDT,M3.2.0,M11.1.0")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def open_card(qtbot: QtBot, tmp_path: Path, keyring: MemoryKeyring, policy: Policy) -> SupportDialog:
    vault = make_vault(tmp_path / "data", keyring, clock=FixedClock(NOW), policy=policy)
    vault.activate(description(extra="&serial=TOTP0001"), "EPCS", PIN, PIN)
    controller = Controller(vault, policy, vault.clock)
    qtbot.addWidget(controller.window)
    controller.start()
    qtbot.waitUntil(lambda: controller.window.built)
    controller.window.support_requested.emit()  # Help → Support card…
    dialog: SupportDialog = controller.support_dialog
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.card) and bool(dialog.details.toPlainText()))
    return dialog


def test_plain_words_first_and_details_behind_a_button(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = open_card(qtbot, tmp_path, memory_keyring, Policy(helpdesk_contact="555-0100"))
    plain = dialog.text.toPlainText()
    for words in (
        "Token 1: EPCS",
        "  Account: dr.jones",
        "  Serial: TOTP0001",
        "  State: waiting for network sync until 2025-11-26 09:05 CST",
        "  Attempts left: 10 of 10",
        "  Last used: never",
        "This computer's time: 2025-11-26 08:05:10 CST (UTC-06:00)",
        "Keystore: tests.keyrings.MemoryKeyring",
        "Help desk contact: 555-0100",
    ):
        assert words in plain
    assert not any(word in plain for word in TECHNICAL)
    assert not dialog.details.isVisibleTo(dialog)
    dialog.details_button.click()
    assert dialog.details.isVisibleTo(dialog) and dialog.details_button.text() == "Hide details"
    details = dialog.details.toPlainText()
    assert all(word in details for word in TECHNICAL) and "Qt " in details
    assert dialog.full_text().index("Help desk contact") < dialog.full_text().index("\nDetails\n  softtoken ")


def test_check_the_clock_says_why_it_is_off(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = open_card(qtbot, tmp_path, memory_keyring, Policy())
    assert not dialog.clock_button.isEnabled()
    for why in (dialog.clock_button.toolTip(), dialog.status.text()):
        assert "no time server set" in why and "administrator can set a time server (ntp_server)" in why
    assert "Clock: no time server set" in dialog.text.toPlainText()


def _ask_where(monkeypatch: pytest.MonkeyPatch, answer: Path) -> list[str]:
    """Records where the save dialog would start; answers it (through dialogs' own test seam)."""
    asked: list[str] = []
    real = dialogs.save_file

    def save_file(parent: Any, title: str, name_filter: str, suggested: str = "") -> str | None:
        asked.append(suggested)
        dialogs.answer_next("file", str(answer))
        return real(parent, title, name_filter, suggested)

    monkeypatch.setattr(dialogs, "save_file", save_file)
    return asked


@pytest.mark.parametrize("documents", [True, False])
def test_the_bundle_is_offered_in_documents_or_home(
    qtbot: QtBot,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    documents: bool,
) -> None:
    home = Path.home()  # tests/conftest.py made it in tmp_path
    if documents:
        (home / "Documents").mkdir()
    dialog = open_card(qtbot, tmp_path, memory_keyring, Policy())
    target = tmp_path / "chosen.zip"
    asked = _ask_where(monkeypatch, target)
    monkeypatch.chdir(tmp_path)  # not the working directory
    dialog.save_button.click()
    qtbot.waitUntil(lambda: target.exists() and "Saved" in dialog.status.text())
    folder = home / "Documents" if documents else home
    assert asked == [str(folder / "softtoken-support-2025-11-26.zip")]


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
def test_the_card_in_spanish(qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    dialog = open_card(qtbot, tmp_path, memory_keyring, Policy(helpdesk_contact="555-0100"))
    plain = dialog.text.toPlainText()
    for words in (
        "  Cuenta: dr.jones",
        "  Número de serie: TOTP0001",
        "  Estado: esperando la sincronización con la red hasta 2025-11-26 09:05 CST",
        "  Intentos restantes: 10 de 10",
        "  Último uso: nunca",
        "Hora de este equipo: 2025-11-26 08:05:10 CST (UTC-06:00)",
        "Reloj: no hay servidor de hora configurado",
        "Contacto del servicio de asistencia: 555-0100",
    ):
        assert words in plain
    english = [
        t.split("{")[0] for t in _templates() if t.split("{")[0].strip() not in ("", "Token", "softtoken")
    ]
    for line in (plain + "\n" + dialog.details.toPlainText()).splitlines():
        assert not any(line.strip().startswith(prefix.strip()) for prefix in english), line
    assert "\nDetalles\n" in dialog.full_text() and dialog.details_button.text() == "Mostrar detalles"


def _templates() -> set[str]:
    """Every template and phrase the card can say: the literals of Line(…) and Phrase(…) in cardtext."""
    tree = ast.parse(Path(cardtext.__file__).read_text(encoding="utf-8"))
    found = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) in ("Line", "Phrase")
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    from softtoken.core.lifecycle import EXPLANATIONS

    keystores = {"a file (weaker: admin policy)", "the Secret Service"}  # keystore.keystore_in_words
    return found | keystores | set(EXPLANATIONS.values())  # the reasons of earlier tokens


def test_the_catalog_has_every_line_of_the_card() -> None:
    root = ET.parse(CATALOG).getroot()
    (context,) = [c for c in root.iter("context") if c.findtext("name") == CONTEXT]
    catalog = {m.findtext("source"): m.findtext("translation") for m in context.iter("message")}
    assert len(_templates()) > 40
    for template in _templates():
        assert catalog.get(template), template
        placeholders = set(re.findall(r"\{\w+\}", template))
        assert set(re.findall(r"\{\w+\}", catalog[template] or "")) == placeholders, template


@pytest.mark.usefixtures("spanish")
def test_buttons_fit_their_words_and_the_card_is_shown_whole(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """At the dialog's own size in Spanish, no button is narrower than its words (they wrap onto
    another row instead), the card box is as tall as its lines and the details are monospace."""
    from PySide6.QtGui import QFontDatabase, QFontInfo

    dialog = open_card(
        qtbot, tmp_path, memory_keyring, Policy(helpdesk_contact="555-0100", ntp_server="time.example")
    )
    dialog.show()
    dialog.details_button.click()
    qtbot.waitUntil(dialog.details.isVisible)
    QApplication.processEvents()
    for name in ("copySupportButton", "saveBundleButton", "checkClockButton", "closeSupportButton"):
        button = dialog.findChild(QPushButton, name)
        assert button.width() >= button.sizeHint().width(), name
        assert dialog.rect().contains(button.geometry()), name
    assert not dialog.details_button.isCheckable()
    assert dialog.text.verticalScrollBar().maximum() == 0  # every line of the card in view
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    assert QFontInfo(dialog.details.font()).family() == QFontInfo(fixed).family()
