"""Translations: Qt catalogs compiled from ``resources/i18n/*.ts``.

``python -m softtoken.gui.i18n`` compiles the catalogs with ``pyside6-lrelease``
into ``softtoken/gui/i18n_catalogs/`` (run by scripts/run, scripts/test and the
packaging build; compiled catalogs are not committed). If a catalog was not
compiled, the ``.ts`` source is read directly, so a language never silently
falls back to English just because a build step was skipped.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
COMPILED = PACKAGE_DIR / "i18n_catalogs"
SOURCES = [PACKAGE_DIR.parents[1] / "resources" / "i18n", Path(sys.prefix) / "share" / "softtoken" / "i18n"]
_keep: list[QTranslator] = []


class TsTranslator(QTranslator):
    """Reads a Qt Linguist ``.ts`` file directly (the fallback when no ``.qm`` was built)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        import xml.etree.ElementTree as ET

        self.messages: dict[tuple[str, str], str] = {}
        root = ET.parse(path).getroot()  # noqa: S314 - shipped catalog
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                translation = message.find("translation")
                if translation is None or translation.get("type") in ("unfinished", "obsolete"):
                    continue
                if translation.text:
                    self.messages[(name, source)] = translation.text

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return self.messages.get((context, source), "")

    def isEmpty(self) -> bool:
        return not self.messages


def install_translator(app: QCoreApplication, language: str | None = None) -> str | None:
    """Install the catalog for ``language`` (default: the system's); return the file used."""
    lang = (language or QLocale.system().name()).split("_")[0]
    if lang == "en":
        return None
    translator: QTranslator | None = None
    compiled = COMPILED / f"softtoken_{lang}.qm"
    if compiled.exists():
        candidate = QTranslator()
        if candidate.load(str(compiled)):
            translator, used = candidate, compiled
    if translator is None:
        for folder in SOURCES:
            source = folder / f"softtoken_{lang}.ts"
            if source.exists():
                translator, used = TsTranslator(source), source
                break
    if translator is None:
        return None
    app.installTranslator(translator)
    _keep.append(translator)
    return str(used)


def compile_catalogs() -> list[Path]:
    import shutil
    import subprocess

    tool = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    COMPILED.mkdir(exist_ok=True)
    made = []
    for folder in SOURCES:
        for source in sorted(folder.glob("softtoken_*.ts")):
            target = COMPILED / (source.stem + ".qm")
            subprocess.run([tool, "-silent", str(source), "-qm", str(target)], check=True)  # noqa: S603
            made.append(target)
        if made:
            break
    return made


if __name__ == "__main__":
    for path in compile_catalogs():
        print(f"compiled {path}")
