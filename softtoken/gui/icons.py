"""The app's icon set: SVGs in resources/icons/ui/, tinted by meaning and sharp at any scale.

Each SVG draws with ``currentColor``; :func:`icon` paints it in a semantic
colour of the design system (the window's text by default) at 1x and 2x (and
the screen's own ratio), so icons follow light, dark and high-contrast themes.
QtSvg is imported only when the first icon is drawn: never before first paint.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from .resources import find_resource

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon, QPixmap
    from PySide6.QtWidgets import QWidget

    from .style import Role

# Every icon the screens use; tests/gui/test_icons.py checks each file exists and draws.
NAMES = (
    "ready",  # state: a check in a circle
    "waiting",  # state: a clock
    "disabled",  # state: a circle with a bar
    "copy",
    "lock",
    "unlock",
    "warning",
    "error",
    "info",
    "help",
    "qr",
    "file",
    "screen",
    "link",
    "name",  # a tag: the naming step
    "pin",  # a keypad/asterisks: the PIN step
    "done",  # a check: the Done step
    "key",
    "chip",  # the TPM ("security chip")
    "show",
    "hide",
    "token",  # the token itself (a card with a code)
)

SIZES = (16, 24, 32, 48, 64)


@cache
def svg_text(name: str) -> str:
    if name not in NAMES:
        raise ValueError(f"no icon named {name!r}")
    path = find_resource(f"icons/ui/{name}.svg")
    return path.read_text(encoding="utf-8") if path else ""


def pixmap(
    name: str, size: int, widget: QWidget | None = None, role: Role | None = None, ratio: float = 0
) -> QPixmap:
    """``name`` drawn ``size`` logical pixels square, in ``role``'s colour on ``widget``'s palette."""
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QGuiApplication, QPainter, QPixmap
    from PySide6.QtSvg import QSvgRenderer

    from .style import Role as Roles
    from .style import color

    if ratio <= 0:
        ratio = (
            widget.devicePixelRatioF()
            if widget is not None
            else QGuiApplication.primaryScreen().devicePixelRatio()
            if QGuiApplication.primaryScreen()
            else 1.0
        )
    ink = "#000000"
    if widget is not None:
        ink = color(widget, role or Roles.TEXT).name()
    text = svg_text(name).replace("currentColor", ink)
    image = QPixmap(round(size * ratio), round(size * ratio))
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image


def icon(name: str, widget: QWidget | None = None, role: Role | None = None) -> QIcon:
    """A QIcon of ``name`` for buttons and labels: drawn at every size in SIZES, 1x and 2x."""
    from PySide6.QtGui import QIcon

    made = QIcon()
    for size in SIZES:
        for ratio in (1.0, 2.0):
            made.addPixmap(pixmap(name, size, widget, role, ratio))
    return made
