"""Colours by meaning, made from the palette in force and checked for contrast.

Every colour here is the palette's own (or a fallback hue) moved towards black
or white until it stands out from the window as WCAG 2 asks: 4.5:1 for text,
3:1 for focus rings and the outlines of fields (1.4.11). So a prescriber's
own theme, light, dark or high contrast, keeps its character and stays readable.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

TEXT_CONTRAST = 4.5  # WCAG 1.4.3, text
RING_CONTRAST = 3.0  # WCAG 1.4.11, focus rings and the outlines of fields
MUTED_CONTRAST = 5.0  # captions are small and grey: a margin above 4.5:1 so they do not look faint


class Role(Enum):
    """Semantic colours: what a colour means, not which colour it is."""

    ACCENT = "accent"  # primary buttons, focus rings, the countdown
    SUCCESS = "success"  # "Ready", "Copied", the Done page
    WARNING = "warning"  # "Waiting for network sync", the last 5 seconds
    DANGER = "danger"  # wrong PIN, disabled, errors
    MUTED = "muted"  # captions: serial, state lines, hints
    TEXT = "text"  # the window's text
    SURFACE = "surface"  # a card's background
    BORDER = "border"  # a card's and a field's outline


TEXT_ROLES = (Role.ACCENT, Role.SUCCESS, Role.WARNING, Role.DANGER, Role.MUTED, Role.TEXT)

# (light, dark) hues for the meanings a palette has no colour for; moved further if a theme needs it.
_HUES = {
    Role.SUCCESS: ("#1c6b35", "#8ff0a4"),
    Role.WARNING: ("#8a4b00", "#f8c66d"),
    Role.DANGER: ("#b00020", "#ff8a80"),
}
# High contrast (white on black, yellow accent): bright hues, each far above 4.5:1 on black, and the
# warning amber rather than the accent's yellow so the countdown's last seconds still change colour.
_CONTRAST_HUES = {Role.SUCCESS: "#7cfc7c", Role.WARNING: "#ffa64d", Role.DANGER: "#ff6e6e"}


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` with ``amount`` (0 to 1) of ``b`` in it; opaque."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def flatten(c: QColor, background: QColor) -> QColor:
    """A translucent colour as it shows on ``background`` (Qt's placeholder text is half see-through)."""
    return mix(background, QColor(c.red(), c.green(), c.blue()), c.alphaF())


def readable(c: QColor, background: QColor, minimum: float) -> QColor:
    """``c``, or ``c`` taken towards black or white just enough to reach ``minimum`` on ``background``."""
    c = flatten(c, background)
    if contrast(c, background) >= minimum:
        return c
    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    towards = black if contrast(black, background) >= contrast(white, background) else white
    for step in range(1, 41):
        exact = mix(c, towards, step / 40)
        moved = QColor(exact.red(), exact.green(), exact.blue())  # 8 bits a channel: what screens show
        if contrast(moved, background) >= minimum:
            return moved
    return towards


def _window(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.Window)


def palette_is_dark(palette: QPalette) -> bool:
    return _window(palette).lightness() < 128


HIGH_CONTRAST = 19.5  # black on white and white on black are 21:1; Fusion's black on #efefef is 18:1


def palette_is_high_contrast(palette: QPalette) -> bool:
    """A high-contrast theme: text on the window at 19.5:1 or more (white on black, black on white)."""
    return contrast(palette.color(QPalette.ColorRole.WindowText), _window(palette)) >= HIGH_CONTRAST


def is_dark(widget: QWidget) -> bool:
    return palette_is_dark(widget.palette())


def is_high_contrast(widget: QWidget) -> bool:
    return palette_is_high_contrast(widget.palette())


def palette_color(palette: QPalette, role: Role) -> QColor:
    """``role``'s colour on ``palette``: text roles at 4.5:1 on its window and on its base (cards are
    base-coloured), the border at 3:1 on both."""
    window = _window(palette)
    base = flatten(palette.color(QPalette.ColorRole.Base), window)
    text = flatten(palette.color(QPalette.ColorRole.WindowText), window)
    high_contrast = palette_is_high_contrast(palette)

    def on_both(c: QColor, minimum: float) -> QColor:
        return readable(readable(c, window, minimum), base, minimum)

    if role is Role.TEXT:
        return text
    if role is Role.SURFACE:
        return base
    if role is Role.BORDER:
        return text if high_contrast else on_both(palette.color(QPalette.ColorRole.Mid), RING_CONTRAST)
    if role is Role.MUTED:
        if high_contrast:
            return text
        return on_both(palette.color(QPalette.ColorRole.PlaceholderText), MUTED_CONTRAST)
    if role is Role.ACCENT:  # a ring, a fill, and text too (links, the accent tone): 4.5:1 serves all
        if high_contrast:
            return flatten(palette.color(QPalette.ColorRole.Highlight), window)
        return on_both(palette.color(QPalette.ColorRole.Highlight), TEXT_CONTRAST)
    if high_contrast:
        return on_both(QColor(_CONTRAST_HUES[role]), TEXT_CONTRAST)
    light, dark = _HUES[role]
    return on_both(QColor(dark if palette_is_dark(palette) else light), TEXT_CONTRAST)


def on_color(fill: QColor, preferred: QColor) -> QColor:
    """Text on a ``fill`` (a primary button): ``preferred`` if readable on it, else black or white."""
    if contrast(preferred, fill) >= TEXT_CONTRAST:
        return preferred
    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    return black if contrast(black, fill) >= contrast(white, fill) else white


def color(widget: QWidget, role: Role) -> QColor:
    """``role``'s colour on ``widget``'s palette: readable on its window in light, dark and high contrast."""
    return palette_color(widget.palette(), role)


def problem_color(widget: QWidget) -> str:
    """A red readable on the widget's background (as ``#rrggbb``)."""
    return color(widget, Role.DANGER).name()


def focus_color(widget: QWidget) -> QColor:
    """The keyboard-focus ring: the accent, at least 3:1 on the window (WCAG 1.4.11)."""
    return color(widget, Role.ACCENT)


def link_color(widget: QWidget) -> QColor:
    """Text of a link-style button: the theme's link colour, at least 4.5:1 on the window."""
    palette = widget.palette()
    return readable(palette.color(QPalette.ColorRole.Link), _window(palette), TEXT_CONTRAST)


# ---------------------------------------------------------------- themes to check the screens in


def _fill(palette: QPalette, colours: dict[QPalette.ColorRole, QColor]) -> None:
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role, colour in colours.items():
            palette.setColor(group, role, colour)


def dark_palette() -> QPalette:
    """Fusion's colours turned dark: used to check the screens in a dark theme."""
    palette = QPalette()
    R = QPalette.ColorRole
    base, window, text = QColor(30, 30, 30), QColor(45, 45, 48), QColor(230, 230, 230)
    _fill(
        palette,
        {
            R.Window: window,
            R.WindowText: text,
            R.Base: base,
            R.AlternateBase: window,
            R.Text: text,
            R.Button: QColor(58, 58, 62),
            R.ButtonText: text,
            R.Mid: QColor(110, 110, 115),
            R.Highlight: QColor(64, 128, 220),
            R.HighlightedText: QColor(255, 255, 255),
            R.PlaceholderText: QColor(150, 150, 150),
            R.Link: QColor(153, 193, 241),
            R.ToolTipBase: window,
            R.ToolTipText: text,
        },
    )
    for role in (R.Window, R.Base, R.Button):
        palette.setColor(QPalette.ColorGroup.Disabled, role, window)  # a disabled field stays dark
    for role in (R.Text, R.ButtonText, R.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 120, 120))
    return palette


def contrast_palette() -> QPalette:
    """A high-contrast theme (white on black, yellow accents), to check the screens in one."""
    palette = QPalette()
    R = QPalette.ColorRole
    black, white, yellow = QColor(0, 0, 0), QColor(255, 255, 255), QColor(255, 255, 0)
    colours = dict.fromkeys((R.Window, R.Base, R.Button, R.AlternateBase, R.ToolTipBase), black)
    colours.update(
        dict.fromkeys((R.WindowText, R.Text, R.ButtonText, R.ToolTipText, R.PlaceholderText, R.Mid), white)
    )
    colours.update({R.Highlight: yellow, R.HighlightedText: black, R.Link: yellow})
    _fill(palette, colours)
    for role in (R.Window, R.Base, R.Button):
        palette.setColor(QPalette.ColorGroup.Disabled, role, black)
    for role in (R.Text, R.ButtonText, R.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(170, 170, 170))
    return palette


_kept: list[QPalette] = []


def _use_palette(app: QApplication, palette: QPalette) -> None:
    _kept.append(palette)  # PySide 6.12 crashes at exit if this palette is collected first
    # Fusion follows the palette (native styles may not). Behind a style sheet the style has no
    # name to check, and changing it then can crash Qt while windows are being deleted: choose a
    # theme before style.install(), as the app and the screenshots do, or keep the style as it is.
    if not app.styleSheet() and app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(palette)


def use_dark_theme(app: QApplication) -> None:
    _use_palette(app, dark_palette())


def use_theme(app: QApplication, name: str) -> None:
    """Screenshots and tests: "light" (the platform's own), "dark" or "contrast".

    The style sheet follows by itself once :func:`~softtoken.gui.style.install` has run.
    """
    if name == "dark":
        use_dark_theme(app)
    elif name == "contrast":
        _use_palette(app, contrast_palette())
    elif name == "light":
        app.setPalette(QPalette())  # nothing set: the platform's own, as before any theme
    else:
        raise ValueError(f"unknown theme {name!r}")
