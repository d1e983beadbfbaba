"""The app's icon set: SVGs in resources/icons/ui/, tinted by meaning and sharp at any scale.

The pictures are Lucide's (ISC licence, resources/icons/ui/LICENSE), renamed
for what they mean here. Each SVG draws with ``currentColor``; :func:`pixmap`
paints it in a semantic colour of the design system (the window's text by
default) at the screen's pixel ratio, so icons follow light, dark and
high-contrast themes and stay sharp at scale 2. :class:`IconLabel` shows one
and draws it again when the theme or the screen changes.

The app draws them from masks of the SVGs (``<name>.png``, made by
gui/icon_masks.py), never with QtSvg: its renderer holds about 2.5 MB for the
rest of the session. No icon is drawn before the first window's first paint.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from .resources import find_resource

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon, QImage, QPaintEvent, QPixmap

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
    "pin",  # a field of dots: the PIN step
    "done",  # a check: the Done step
    "key",
    "chip",  # the TPM ("security chip")
    "show",
    "hide",
    "token",  # the token itself (a shield with a check)
)

SIZES = (16, 24, 32, 48, 64)


def describe(name: str) -> str:
    """The icon's meaning in words, translated: what a screen reader says of a picture."""
    words = {
        "ready": QCoreApplication.translate("Icons", "Ready"),
        "waiting": QCoreApplication.translate("Icons", "Waiting"),
        "disabled": QCoreApplication.translate("Icons", "Disabled"),
        "copy": QCoreApplication.translate("Icons", "Copy"),
        "lock": QCoreApplication.translate("Icons", "Locked"),
        "unlock": QCoreApplication.translate("Icons", "Unlocked"),
        "warning": QCoreApplication.translate("Icons", "Warning"),
        "error": QCoreApplication.translate("Icons", "Error"),
        "info": QCoreApplication.translate("Icons", "Information"),
        "help": QCoreApplication.translate("Icons", "Help"),
        "qr": QCoreApplication.translate("Icons", "QR code"),
        "file": QCoreApplication.translate("Icons", "Key file"),
        "screen": QCoreApplication.translate("Icons", "Screen"),
        "link": QCoreApplication.translate("Icons", "Link"),
        "name": QCoreApplication.translate("Icons", "Name"),
        "pin": QCoreApplication.translate("Icons", "PIN"),
        "done": QCoreApplication.translate("Icons", "Done"),
        "key": QCoreApplication.translate("Icons", "Key"),
        "chip": QCoreApplication.translate("Icons", "Security chip"),
        "show": QCoreApplication.translate("Icons", "Show"),
        "hide": QCoreApplication.translate("Icons", "Hide"),
        "token": QCoreApplication.translate("Icons", "Token"),
    }
    _check(name)
    return words[name]


def _check(name: str) -> None:
    if name not in NAMES:
        raise ValueError(f"no icon named {name!r}")


_drawn_any: list[bool] = []  # one item once any icon was drawn (IconLabel waits until then)


def _mask(name: str) -> QImage:
    """``name``'s mask (gui/icon_masks.py: the SVG drawn once, 128 px); a null image when missing."""
    from PySide6.QtGui import QImage

    path = find_resource(f"icons/ui/{name}.png")
    return QImage(str(path)) if path else QImage()


@lru_cache(maxsize=256)
def _drawn(name: str, size: int, ink: str, ratio: float, gap: int = 0) -> QPixmap:
    """The mask scaled to ``size`` × ``ratio`` pixels (area-averaged) and filled with ``ink``.

    Not the SVG: QtSvg's renderer would hold about 2.5 MB for the session (icon_masks.py).
    """
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QImage, QPainter, QPixmap

    _drawn_any[:] = [True]
    side = max(1, round(size * ratio))
    canvas = QImage(side + round(gap * ratio), side, QImage.Format.Format_ARGB32_Premultiplied)
    canvas.fill(Qt.GlobalColor.transparent)  # ``gap``: blank on the right (a button's icon)
    mask = _mask(name)
    if not mask.isNull():
        scaled = mask.scaled(
            side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        painter = QPainter(canvas)
        painter.drawImage(QPoint(0, 0), scaled)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(0, 0, side, side, ink)  # the role colour (a "#rrggbb" name)
        painter.end()
    image = QPixmap.fromImage(canvas)
    image.setDevicePixelRatio(ratio)
    return image


def _ratio(widget: QWidget | None) -> float:
    if widget is not None:
        return widget.devicePixelRatioF()
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    return screen.devicePixelRatio() if screen is not None else 1.0


def ink(widget: QWidget | None, role: Role | None = None) -> str:
    """The colour an icon is drawn in: ``role`` (default: text) on the widget's palette, else the app's."""
    from PySide6.QtGui import QGuiApplication

    from .style import Role as Roles
    from .style import palette_color

    palette = widget.palette() if widget is not None else QGuiApplication.palette()
    return palette_color(palette, role or Roles.TEXT).name()


def pixmap(
    name: str, size: int, widget: QWidget | None = None, role: Role | None = None, ratio: float = 0
) -> QPixmap:
    """``name`` drawn ``size`` logical pixels square, in ``role``'s colour on ``widget``'s palette.

    ``ratio`` (default: the widget's, else the primary screen's) is the device pixel ratio.
    Drawn pictures are kept (by name, size, colour and ratio): drawing one again is free.
    """
    from PySide6.QtGui import QPixmap

    _check(name)
    return QPixmap(_drawn(name, size, ink(widget, role), ratio if ratio > 0 else _ratio(widget)))


def icon(name: str, widget: QWidget | None = None, role: Role | None = None) -> QIcon:
    """A QIcon of ``name`` for a push button, at 1x and 2x, unfocused and focused.

    It holds the button size (style.sheet.BUTTON_ICON) with a blank strip on its right,
    the size the style sheet gives every push button's icon: Qt's own 4 px between a button's
    icon and its text is too little, and no style-sheet property changes it.
    """
    from PySide6.QtGui import QIcon

    from .style.sheet import BUTTON_ICON, BUTTON_ICON_GAP

    normal, focused = _button_inks(widget) or (ink(widget, role), ink(widget, role))
    _check(name)
    made = QIcon()
    # Qt draws a push button's icon in the Active mode while the button has the focus.
    # Only the button size, at 1x and 2x (each drawn size is memory held for the session).
    for mode, colour in ((QIcon.Mode.Normal, normal), (QIcon.Mode.Active, focused)):
        for ratio in (1.0, 2.0):
            made.addPixmap(_drawn(name, BUTTON_ICON, colour, ratio, BUTTON_ICON_GAP), mode)
    return made


def _button_inks(widget: QWidget | None) -> tuple[str, str] | None:
    """A primary or danger button's icon in its text's colour (white on blue), unfocused and focused.

    High-contrast themes outline those buttons (text in the button's colour) and fill them
    when focused (black text): the icon follows. None for any other widget.
    """
    button_role = widget.property("role") if widget is not None else None
    if button_role not in ("primary", "danger") or widget is None:
        return None
    from PySide6.QtGui import QGuiApplication

    from .style.sheet import Colours

    # The application's palette, the one the sheet was made from: a styled button's own palette
    # is the sheet's doing (its Button role is the fill), and would give the wrong text colour.
    colours = Colours(QGuiApplication.palette())
    fill, on_fill = (
        (colours.accent, colours.on_accent)
        if button_role == "primary"
        else (colours.danger, colours.on_danger)
    )
    if colours.high_contrast:
        return fill.name(), on_fill.name()
    return on_fill.name(), on_fill.name()


class IconLabel(QLabel):
    """A label showing one icon, drawn in its role's colour again when the theme or screen changes.

    Its accessible name is ``accessible`` or, by default, the icon's meaning in
    words ("Warning"); an icon beside text that says the same can be given
    ``accessible`` that says so (e.g. the step's name).

    Made before any icon was drawn (the first window's first paint), it draws
    in the event loop's turn after its own first paint, so no icon work comes
    before the window is on screen. Once one icon is drawn the others draw at once.
    """

    def __init__(
        self,
        name: str,
        size: int,
        role: Role | None = None,
        accessible: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        _check(name)
        self._name, self._size, self._role = name, size, role
        self._accessible = accessible
        self.setFixedSize(size, size)
        self.setAccessibleName(accessible or describe(name))
        self._waiting = not _drawn_any  # see the class's docstring
        self._drawn_for: tuple[str, float] | None = None
        if not self._waiting:
            self._draw()

    @property
    def name(self) -> str:
        return self._name

    @property
    def role(self) -> Role | None:
        return self._role

    def set_icon(self, name: str, role: Role | None = None) -> None:
        """Show another icon (a state that changed), in ``role``'s colour."""
        _check(name)
        self._name, self._role = name, role
        if not self._accessible:
            self.setAccessibleName(describe(name))
        self._draw()

    def _draw(self) -> None:
        if not self._waiting:
            self._drawn_for = self._look()
            self.setPixmap(pixmap(self._name, self._size, self, self._role))

    def _look(self) -> tuple[str, float]:
        """What the picture depends on besides the icon: the role's colour now, the screen's ratio."""
        return ink(self, self._role), self.devicePixelRatioF()

    def _draw_at_last(self) -> None:
        self._waiting = False
        self._draw()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._waiting:
            QTimer.singleShot(0, self, self._draw_at_last)
        elif self._look() != self._drawn_for:  # another theme, style sheet or screen since drawn
            self._draw()
        super().paintEvent(event)

    # Not a changeEvent() override (palette, style and screen changes): every widget's change
    # events then pass through Python, and PySide makes a Python type for each kind of event
    # it is handed (about 50, 0.3 MB). Those changes all repaint the label, which checks here.
