"""The layers import one way: core knows nothing of Qt, the CLI or the GUI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "softtoken"
FRONT_ENDS = ("gui", "cli", "helpdesk")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's package
                base = path.relative_to(PACKAGE.parent).with_suffix("").parts[: -node.level]
                names.add(".".join((*base, node.module or "")).rstrip("."))
            elif node.module:
                names.add(node.module)
    return names


def _modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def test_core_has_modules() -> None:
    assert len(_modules("core")) > 5


@pytest.mark.parametrize("path", _modules("core"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_never_imports_qt_or_front_ends(path: Path) -> None:
    bad = {
        name
        for name in _imports(path)
        if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6")
        or any(name.startswith(f"softtoken.{front}") for front in FRONT_ENDS)
    }
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("layer", FRONT_ENDS)
def test_front_ends_do_not_reach_into_each_other(layer: str) -> None:
    others = [f"softtoken.{o}" for o in FRONT_ENDS if o != layer]
    for path in _modules(layer):
        bad = {n for n in _imports(path) if any(n.startswith(o) for o in others)}
        assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}"


def test_importing_all_of_core_loads_no_qt() -> None:
    """Belt and braces: a real interpreter imports every core module and checks sys.modules."""
    code = (
        "import importlib, pkgutil, sys, softtoken.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'softtoken.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_cli_start_up_does_not_load_heavy_modules() -> None:
    """--version must not pay for crypto, QR, PSKC or Qt (start-up is what users feel)."""
    code = (
        "import sys\n"
        "from softtoken.cli.__main__ import run\n"
        "run(['--version'])\n"
        "heavy = ('PySide6', 'cryptography', 'zxingcpp', 'pskc', 'PIL', 'qrcode',\n"
        "         'httpx', 'argon2')\n"
        "bad = [m for m in sys.modules if m.startswith(heavy)]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
