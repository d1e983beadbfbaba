"""The package build's one addition to pyproject.toml: the wheel gets its catalogs and icons.

``build_py`` also compiles ``resources/i18n/*.ts`` into
``softtoken/gui/i18n_catalogs/*.qm`` (with the ``lrelease`` of the PySide6 in
the build requirements) and copies ``resources/icons`` (the app icon, and the
screens' icon set in ``ui/`` with its masks and licence) into
``softtoken/gui/icons``, so ``pip install .``, ``pip wheel .`` and a wheel
built from the sdist are whole: the app needs no source tree beside it. An
editable install compiles the catalogs in place (the checkout has the icons).
A catalog that cannot be made fails the build. Everything else is declared in
pyproject.toml.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# ui/: the screens' icons, their masks (gui/icon_masks.py) and their licence
ICON_FILES = ("softtoken.svg", "softtoken-*.png", "ui/*.svg", "ui/*.png", "ui/LICENSE")


def _i18n_build() -> ModuleType:
    """softtoken/gui/i18n_build.py, loaded by path: softtoken itself is not importable here."""
    spec = importlib.util.spec_from_file_location(
        "_softtoken_i18n_build", ROOT / "softtoken/gui/i18n_build.py"
    )
    assert spec is not None and spec.loader is not None  # noqa: S101 - the file is in the source tree
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildPyWithCatalogs(build_py):
    """setuptools' build_py, then the compiled catalogs and the icons into the package."""

    def run(self) -> None:
        super().run()
        editable = bool(getattr(self, "editable_mode", False))
        gui = (ROOT if editable else Path(self.build_lib)) / "softtoken" / "gui"
        made = _i18n_build().compile_catalogs(ROOT / "resources" / "i18n", gui / "i18n_catalogs")
        self.announce(f"compiled {', '.join(p.name for p in made)} into {gui / 'i18n_catalogs'}", level=2)
        if editable:
            return  # softtoken.gui.resources finds the checkout's resources/icons
        icons = gui / "icons"
        icons.mkdir(parents=True, exist_ok=True)
        for pattern in ICON_FILES:
            for icon in sorted((ROOT / "resources" / "icons").glob(pattern)):
                target = icons / icon.relative_to(ROOT / "resources" / "icons")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(icon, target)
        if not (icons / "softtoken.svg").is_file():
            raise FileNotFoundError("resources/icons/softtoken.svg is missing: the app icon")
        if not (icons / "ui" / "LICENSE").is_file():
            raise FileNotFoundError("resources/icons/ui/LICENSE is missing: the icon set's licence")


setup(cmdclass={"build_py": BuildPyWithCatalogs})
