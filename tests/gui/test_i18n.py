"""The Spanish catalog: complete, placeholders intact, and really used by the screens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from defusedxml import ElementTree as ET
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from softtoken.gui import i18n

CATALOG = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "softtoken_es.ts"
GUI = Path(__file__).resolve().parents[2] / "softtoken" / "gui"


def _messages() -> list[tuple[str, str, str | None]]:
    root = ET.parse(CATALOG).getroot()
    return [
        (context.findtext("name") or "", m.findtext("source") or "", m.findtext("translation"))
        for context in root.iter("context")
        for m in context.iter("message")
    ]


def test_every_message_is_translated_with_the_same_placeholders() -> None:
    messages = _messages()
    assert len(messages) > 100
    for _, source, translation in messages:
        assert translation, source
        assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", translation)), source
        assert source.count("&") == translation.count("&"), source


def test_catalog_covers_every_string_in_the_code() -> None:
    """A tr("…") added to the GUI without a Spanish line fails here (run pyside6-lupdate)."""
    sources = {source for _, source, _ in _messages()}
    literal = re.compile(r'\btr\(\s*"((?:[^"\\]|\\.)*)"\s*\)')
    for path in GUI.rglob("*.py"):
        for text in literal.findall(path.read_text(encoding="utf-8")):
            assert text.encode().decode("unicode_escape") in sources or text in sources, (path.name, text)


def test_spanish_screens(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = QApplication.instance()
    assert app is not None
    monkeypatch.setattr(i18n, "COMPILED", tmp_path)
    made = i18n.compile_catalogs()
    assert [p.name for p in made] == ["softtoken_es.qm"]
    used = i18n.install_translator(app, "es")
    try:
        assert used is not None and used.endswith(".qm")
        assert QCoreApplication.translate("", "Unlock") == "Desbloquear"
        assert QCoreApplication.translate("ActivationWizard", "Name your token") == "Ponga nombre a su token"
        assert QCoreApplication.translate("WizardFrame", "Step {number} of {count}").startswith("Paso")
        from softtoken.gui.pin_page import PinPage

        page = PinPage()
        qtbot.addWidget(page)
        assert page.forgot_button.text() == "¿Olvidó el PIN?"
    finally:
        for translator in i18n._keep:
            app.removeTranslator(translator)
        i18n._keep.clear()


def test_english_needs_no_catalog() -> None:
    app = QApplication.instance()
    assert i18n.install_translator(app, "en_US") is None  # type: ignore[arg-type]
