"""Translations: Qt catalogs (``.qm``) compiled from ``resources/i18n/*.ts``.

The catalogs are made by the package build (setup.py's build hook, so every
wheel, ``pip install .`` and ``pip install -e .`` has them), by the PyInstaller
spec, and in a checkout by ``python -m softtoken.gui.i18n`` after a ``.ts``
was edited (see :mod:`softtoken.gui.i18n_build`). They are never committed and
live in ``softtoken/gui/i18n_catalogs/``.

Qt's own words (the wizard's "< Back" and "Next >", Cancel, Finish, Yes and No,
the file dialog) come from the ``qtbase_<lang>.qm`` catalog that ships with
PySide6 (PySide6-Essentials, in ``PySide6/Qt/translations``), found through
``QLibraryInfo`` or, failing that, beside the PySide6 package (a PyInstaller
bundle keeps that layout; packaging/softtoken.spec keeps those catalogs).

A language softtoken is translated into (:data:`LANGUAGES`) whose catalog (its
own or Qt's) is missing or unreadable is a loud error (:class:`MissingCatalog`),
never a silent fallback to English: it means a broken build. In a checkout, a
catalog older than its ``.ts`` is refused the same way.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from softtoken.core.errors import SoftTokenError

LANGUAGES = ("es",)  # the catalogs every build must ship (tests/gui/test_catalogs.py: one per .ts)
PACKAGE_DIR = Path(__file__).resolve().parent
COMPILED = PACKAGE_DIR / "i18n_catalogs"
SOURCE = PACKAGE_DIR.parents[1] / "resources" / "i18n"  # only in a checkout
_keep: list[QTranslator] = []


class MissingCatalog(SoftTokenError):
    """This installation lacks (or has a stale copy of) a catalog it must have: a build bug."""


def install_translator(app: QCoreApplication, language: str | None = None) -> str | None:
    """Install the catalog for ``language`` (default: the system's); return the file used.

    None for English and for languages softtoken is not translated into.
    Raises :class:`MissingCatalog` when the catalog of a shipped language is
    missing, unreadable or (in a checkout) older than its source.
    """
    lang = (language or QLocale.system().name()).split("_")[0]
    if lang not in LANGUAGES:
        return None
    compiled = COMPILED / f"softtoken_{lang}.qm"
    if not compiled.is_file():
        raise MissingCatalog(
            "This copy of softtoken is incomplete: its translation file {file} is missing; "
            "reinstall softtoken or ask your help desk.",
            params={"file": compiled.name},
        )
    source = SOURCE / f"softtoken_{lang}.ts"
    if source.is_file() and source.stat().st_mtime > compiled.stat().st_mtime:
        raise MissingCatalog(
            "The translation file {file} is older than {source}; run: python -m softtoken.gui.i18n",
            params={"file": compiled.name, "source": source.name},
        )
    translator = QTranslator()
    if not translator.load(str(compiled)) or translator.isEmpty():
        raise MissingCatalog(
            "This copy of softtoken is damaged: its translation file {file} cannot be read; "
            "reinstall softtoken or ask your help desk.",
            params={"file": compiled.name},
        )
    qt = _qt_translator(lang)
    for installed in (qt, translator):  # the last installed is asked first: ours before Qt's
        app.installTranslator(installed)
        _keep.append(installed)
    return str(compiled)


def qt_translation_folders() -> list[Path]:
    """Where Qt's own catalogs may be: Qt's translations folder, then the PySide6 package's."""
    import PySide6
    from PySide6.QtCore import QLibraryInfo

    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    for package in PySide6.__path__:
        folders.append(Path(package) / "Qt" / "translations")
    return folders


def _qt_translator(lang: str) -> QTranslator:
    """Qt's own catalog for ``lang`` (qtbase: dialog buttons, wizard buttons, the file dialog)."""
    name = f"qtbase_{lang}.qm"
    for folder in qt_translation_folders():
        path = folder / name
        if path.is_file():
            translator = QTranslator()
            if translator.load(str(path)) and not translator.isEmpty():
                return translator
            raise MissingCatalog(
                "This copy of softtoken is damaged: Qt's translation file {file} cannot be read; "
                "reinstall softtoken or ask your help desk.",
                params={"file": name},
            )
    raise MissingCatalog(
        "This copy of softtoken is incomplete: Qt's translation file {file} is missing; "
        "reinstall softtoken or ask your help desk.",
        params={"file": name},
    )


def compile_catalogs() -> list[Path]:
    """A checkout's ``resources/i18n/*.ts`` into :data:`COMPILED` (what the package build does)."""
    from .i18n_build import compile_catalogs as compile_into

    return compile_into(SOURCE, COMPILED)


if __name__ == "__main__":
    for path in compile_catalogs():
        print(f"compiled {path}")
