"""Finding the app's own files (icons) in a checkout, an installed wheel or a PyInstaller bundle.

A wheel carries the icons inside the package (``softtoken/gui/icons``, copied
there by setup.py's build hook); a checkout has them in ``resources/``; the
bundle in its own ``resources/``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

PACKAGE_DIR = Path(__file__).resolve().parent


def find_resource(relative: str) -> Path | None:
    """``relative`` (e.g. ``icons/softtoken.svg``) in the first place that has it, else None."""
    bundle = getattr(sys, "_MEIPASS", None)
    bases = [
        Path(bundle) / "resources" if bundle else None,
        PACKAGE_DIR,  # an installed wheel
        PACKAGE_DIR.parents[1] / "resources",  # a checkout (also an editable install)
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
