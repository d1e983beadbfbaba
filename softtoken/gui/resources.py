"""Finding the app's own files (icons) in a checkout, an installed copy or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon


def find_resource(relative: str) -> Path | None:
    bases = [
        Path(getattr(sys, "_MEIPASS", "")) / "resources" if getattr(sys, "_MEIPASS", None) else None,
        Path(__file__).resolve().parents[2] / "resources",
        Path(sys.prefix) / "share" / "softtoken",
    ]
    for base in bases:
        if base is not None and (base / relative).exists():
            return base / relative
    return None


def app_icon() -> QIcon:
    """The window icon (a QIcon; empty when the file is missing rather than an error)."""
    from PySide6.QtGui import QIcon

    path = find_resource("icons/softtoken.svg")
    return QIcon(str(path)) if path else QIcon.fromTheme("softtoken")
