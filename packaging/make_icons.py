"""Render the app icon's PNG sizes (and the Windows .ico) from resources/icons/softtoken.svg.

    python packaging/make_icons.py          # rewrites resources/icons/softtoken-<N>.png and softtoken.ico

The SVG is the only hand-made icon; the PNGs and the .ico are generated from it
and committed (they are small), so a build machine needs no SVG tooling. Run this
again whenever the SVG changes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "softtoken.svg"
SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 32, 48, 64, 128, 256)  # the sizes Windows uses; 256 is the largest an .ico holds


def png_path(size: int) -> Path:
    return ICONS / f"softtoken-{size}.png"


def render(sizes: tuple[int, ...] = SIZES) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"error: {SVG} is not a valid SVG")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        target = png_path(size)
        if not image.convertToFormat(QImage.Format.Format_ARGB32).save(str(target), "PNG"):
            raise SystemExit(f"error: could not write {target}")
        written.append(target)
    return written


def write_ico() -> Path:
    """One multi-size .ico (installer and .exe icon), from the rendered PNGs."""
    from PIL import Image

    target = ICONS / "softtoken.ico"
    images = [Image.open(png_path(size)).convert("RGBA") for size in ICO_SIZES]
    images[-1].save(target, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    return target


def main() -> int:
    for path in [*render(), write_ico()]:
        print(f"wrote {path.relative_to(ICONS.parents[1])} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
