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


# The window icon's sizes: X11 gets every size a QIcon has (_NET_WM_ICON), so the 256 and 512 px
# pictures (for installers and docks) are left out; 128 px covers a 64 px dock at scale 2.
APP_ICON_SIZES = (16, 32, 48, 64, 128)


def app_icon() -> QIcon:
    """The window icon from its PNG sizes (a QIcon; the theme's when the files are missing).

    Not from ``softtoken.svg``: a QIcon made from an SVG loads QtSvg and its icon engine,
    about 1.2 MB held for the whole session (docs/performance.md).
    """
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in APP_ICON_SIZES:
        path = find_resource(f"icons/softtoken-{size}.png")
        if path is not None:
            icon.addFile(str(path), QSize(size, size))
    return icon if not icon.isNull() else QIcon.fromTheme("softtoken")
