"""Making the ``.qm`` translation catalogs from ``resources/i18n/*.ts`` with Qt's ``lrelease``.

One implementation for every build: setup.py's build hook (so any wheel, and
``pip install .``, holds the catalogs), ``packaging/softtoken.spec`` (the
bundle) and ``python -m softtoken.gui.i18n`` (a checkout, after editing a
``.ts``). Standard library only, and no import of PySide6: setup.py loads this
file by its path, before softtoken can be imported, and finds ``lrelease``
inside the PySide6 package of the interpreter that runs it (the build
requirements, in an isolated build).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

CATALOG_GLOB = "softtoken_*.ts"


class LreleaseMissing(RuntimeError):
    """No ``lrelease`` to run: PySide6-Essentials is not installed for this interpreter."""


def lrelease() -> str:
    """The path of Qt's ``lrelease``: the binary PySide6 ships, else ``pyside6-lrelease`` on PATH."""
    spec = importlib.util.find_spec("PySide6")  # finds the package without importing Qt
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for name in ("lrelease.exe", "lrelease") if sys.platform == "win32" else ("lrelease",):
            candidate = Path(folder) / name
            if candidate.is_file():
                return str(candidate)
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    raise LreleaseMissing(
        f"cannot compile the translation catalogs: no lrelease for {sys.executable} "
        "(install PySide6-Essentials)"
    )


def compile_catalogs(sources: Path, target: Path) -> list[Path]:
    """Compile every ``softtoken_*.ts`` in ``sources`` into ``target``; return the ``.qm`` files.

    Raises if there is no catalog to compile or ``lrelease`` fails: a build must
    never quietly produce an app without its translations.
    """
    catalogs = sorted(sources.glob(CATALOG_GLOB))
    if not catalogs:
        raise FileNotFoundError(f"no translation catalogs ({CATALOG_GLOB}) in {sources}")
    tool = lrelease()
    target.mkdir(parents=True, exist_ok=True)
    made = []
    for source in catalogs:
        compiled = target / (source.stem + ".qm")
        subprocess.run([tool, "-silent", str(source), "-qm", str(compiled)], check=True)  # noqa: S603
        if not compiled.is_file() or compiled.stat().st_size == 0:
            raise RuntimeError(f"lrelease made no catalog from {source}")
        made.append(compiled)
    return made
