"""The design system's one rule, read from the source: no size or colour of a page's own.

Outside softtoken/gui/style/, no ``setPointSize``/``setPointSizeF``/``setPixelSize``,
no ``QColor(``, no ``setStyleSheet(``, no ``font-size`` or ``#rrggbb`` inside a
string, and ``setContentsMargins``/``setSpacing`` take ``Space.*`` (or 0), not
a number. Read with ``ast``, so comments and docstrings do not count.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "softtoken" / "gui"
EXEMPT = {
    "softtoken/gui/qr_image.py",  # a QR code stays black on white, whatever the theme
}
FORBIDDEN_CALLS = {"setPointSize", "setPointSizeF", "setPixelSize", "setStyleSheet", "QColor"}
MEASURED_CALLS = {"setContentsMargins", "setSpacing"}
IN_STRINGS = re.compile(r"font-size|#[0-9a-fA-F]{3,6}\b")


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes (a module's, class's or function's first string)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def breaches(source: str) -> list[tuple[int, str]]:
    """(line, what) for each place ``source`` breaks the rule."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node)
            if name in FORBIDDEN_CALLS:
                found.append((node.lineno, f"{name}("))
            elif name in MEASURED_CALLS:
                for arg in node.args:
                    for part in ast.walk(arg):
                        if (
                            isinstance(part, ast.Constant)
                            and isinstance(part.value, (int, float))
                            and not isinstance(part.value, bool)
                            and part.value != 0
                        ):
                            found.append((node.lineno, f"{name}({part.value})"))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and IN_STRINGS.search(node.value)
        ):
            found.append((node.lineno, f"string {IN_STRINGS.search(node.value).group(0)!r}"))  # type: ignore[union-attr]
    return sorted(set(found))


def breaking_files() -> dict[str, list[tuple[int, str]]]:
    """Every GUI module outside style/ (and the exempt ones) that breaks the rule, with where."""
    result = {}
    for path in sorted(GUI.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("softtoken/gui/style/") or relative in EXEMPT:
            continue
        found = breaches(path.read_text(encoding="utf-8"))
        if found:
            result[relative] = found
    return result
