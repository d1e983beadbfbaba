"""The translation catalogs: every build ships one per language, and a missing one is loud.

The whole path (a wheel built like ``pip install .``, installed into a fresh venv, run with the
source tree out of reach) is tests/packaging/test_wheel.py, in scripts/package-test.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from softtoken.gui import i18n

SOURCES = Path(__file__).resolve().parents[2] / "resources" / "i18n"


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    instance = qapp
    yield instance
    for translator in i18n._keep:
        instance.removeTranslator(translator)
    i18n._keep.clear()


def test_every_catalog_source_is_a_language_the_app_must_ship() -> None:
    assert sorted(i18n.LANGUAGES) == sorted(p.stem.split("_", 1)[1] for p in SOURCES.glob("softtoken_*.ts"))


def test_a_missing_catalog_is_an_error_not_english(
    app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "COMPILED", tmp_path / "none")
    with pytest.raises(i18n.MissingCatalog) as raised:
        i18n.install_translator(app, "es_ES")
    assert raised.value.message == (
        "This copy of softtoken is incomplete: its translation file softtoken_es.qm is missing; "
        "reinstall softtoken or ask your help desk."
    )
    assert i18n._keep == []


def test_a_catalog_older_than_its_source_is_refused_in_a_checkout(
    app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "COMPILED", tmp_path / "compiled")
    monkeypatch.setattr(i18n, "SOURCE", tmp_path / "sources")
    shutil.copytree(SOURCES, tmp_path / "sources")
    (compiled,) = i18n.compile_catalogs()
    assert i18n.install_translator(app, "es") == str(compiled)
    source = tmp_path / "sources" / "softtoken_es.ts"
    later = compiled.stat().st_mtime + 10
    os.utime(source, (later, later))  # the .ts was edited after the catalog was made
    with pytest.raises(
        i18n.MissingCatalog, match=r"older than softtoken_es\.ts; run: python -m softtoken\.gui\.i18n"
    ):
        i18n.install_translator(app, "es")


def test_an_unreadable_catalog_is_an_error(
    app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "COMPILED", tmp_path)
    (tmp_path / "softtoken_es.qm").write_bytes(b"not a catalog")
    with pytest.raises(i18n.MissingCatalog, match="cannot be read"):
        i18n.install_translator(app, "es")


def test_languages_without_a_catalog_are_english(app: QApplication) -> None:
    assert i18n.install_translator(app, "fr_FR") is None
    assert i18n.install_translator(app, "en_US") is None
