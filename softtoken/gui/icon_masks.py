"""The icon set's masks: each SVG of resources/icons/ui/ drawn once, 128 px, black on transparent.

    python -m softtoken.gui.icon_masks        # after changing an SVG: writes resources/icons/ui/<name>.png

The app draws its icons from these masks (gui/icons.py: scaled down, then
filled with the role's colour), not from the SVGs: drawing an SVG loads
QtSvg's renderer, about 2.5 MB of memory held for the rest of the session
(docs/performance.md), for pictures that never change. The SVGs stay the
source; tests/gui/test_icons.py checks that every mask is the SVG drawn now.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

MASK_SIZE = 128  # 64 logical pixels at scale 2, the largest the screens use; smaller ones are scaled down
SOURCE = Path(__file__).resolve().parents[2] / "resources" / "icons" / "ui"  # only in a checkout


def render(name: str) -> QImage:
    """``name``'s SVG drawn MASK_SIZE square in black (its strokes' alpha is the mask)."""
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    source = (SOURCE / f"{name}.svg").read_text(encoding="utf-8")
    text = source.replace("currentColor", "black")  # a mask: only its alpha counts
    image = QImage(MASK_SIZE, MASK_SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(text.encode("utf-8"))).render(painter)
    painter.end()
    return image


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    from .icons import NAMES

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for name in NAMES:
        path = SOURCE / f"{name}.png"
        if not render(name).save(str(path)):
            print(f"could not write {path}", file=sys.stderr)
            return 1
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
