"""Colours that work on light, dark and high-contrast themes: the palette's, checked for contrast."""

from __future__ import annotations

from enum import Enum

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def problem_color(widget: QWidget) -> str:
    """A red readable on the widget's background (WCAG AA on both default themes)."""
    return "#ff8a80" if is_dark(widget) else "#b00020"


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _readable(widget: QWidget, role: QPalette.ColorRole, minimum: float, light: str, dark: str) -> QColor:
    """The palette's colour for ``role`` if it stands out from the window enough, else ours."""
    palette = widget.palette()
    colour = palette.color(role)
    if contrast(colour, palette.color(QPalette.ColorRole.Window)) >= minimum:
        return colour
    return QColor(dark if is_dark(widget) else light)


def focus_color(widget: QWidget) -> QColor:
    """The keyboard-focus ring: the theme's highlight, at least 3:1 on the window (WCAG 1.4.11)."""
    return _readable(widget, QPalette.ColorRole.Highlight, 3.0, "#1a5fb4", "#78aeed")


def link_color(widget: QWidget) -> QColor:
    """Text of a link-style button: the theme's link colour, at least 4.5:1 on the window."""
    return _readable(widget, QPalette.ColorRole.Link, 4.5, "#1a5fb4", "#99c1f1")


def dark_palette() -> QPalette:
    """Fusion's colours turned dark: used to check the screens in a dark theme."""
    palette = QPalette()
    base, window, text = QColor(30, 30, 30), QColor(45, 45, 48), QColor(230, 230, 230)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Window, window)
        palette.setColor(group, QPalette.ColorRole.WindowText, text)
        palette.setColor(group, QPalette.ColorRole.Base, base)
        palette.setColor(group, QPalette.ColorRole.AlternateBase, window)
        palette.setColor(group, QPalette.ColorRole.Text, text)
        palette.setColor(group, QPalette.ColorRole.Button, window)
        palette.setColor(group, QPalette.ColorRole.ButtonText, text)
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(64, 128, 220))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(150, 150, 150))
        palette.setColor(group, QPalette.ColorRole.Link, QColor(153, 193, 241))
        palette.setColor(group, QPalette.ColorRole.ToolTipBase, window)
        palette.setColor(group, QPalette.ColorRole.ToolTipText, text)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        palette.setColor(QPalette.ColorGroup.Disabled, role, window)  # a disabled field stays dark
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(120, 120, 120))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(120, 120, 120))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(120, 120, 120))
    return palette


_kept: list[QPalette] = []


def use_dark_theme(app: QApplication) -> None:
    palette = dark_palette()
    _kept.append(palette)  # PySide 6.12 crashes at exit if this palette is collected first
    app.setStyle("Fusion")
    app.setPalette(palette)


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


# (light, dark) fallbacks, each ≥ 4.5:1 on the default light and dark windows (WCAG AA text).
_FALLBACK = {
    Role.ACCENT: ("#1a5fb4", "#78aeed"),
    Role.SUCCESS: ("#1c6b35", "#8ff0a4"),
    Role.WARNING: ("#8a4b00", "#f8c66d"),
    Role.DANGER: ("#b00020", "#ff8a80"),
}


def is_high_contrast(widget: QWidget) -> bool:
    """A high-contrast theme: text on the window at 15:1 or more (black on white, white on black)."""
    palette = widget.palette()
    return (
        contrast(palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)) >= 15
    )


def color(widget: QWidget, role: Role) -> QColor:
    """``role``'s colour on ``widget``'s palette: readable on its window in light, dark and high contrast."""
    palette = widget.palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    if role is Role.TEXT:
        return text
    if role is Role.SURFACE:
        return palette.color(QPalette.ColorRole.Base)
    if role is Role.BORDER:
        return text if is_high_contrast(widget) else palette.color(QPalette.ColorRole.Mid)
    if role is Role.MUTED:
        if is_high_contrast(widget):
            return text
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        return muted if contrast(muted, window) >= 4.5 else text
    if role is Role.ACCENT:
        return focus_color(widget)
    light, dark = _FALLBACK[role]
    return QColor(dark if is_dark(widget) else light)


def contrast_palette() -> QPalette:
    """A high-contrast theme (white on black, yellow accents), to check the screens in one."""
    palette = QPalette()
    black, white, yellow = QColor(0, 0, 0), QColor(255, 255, 255), QColor(255, 255, 0)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role in (
            QPalette.ColorRole.Window,
            QPalette.ColorRole.Base,
            QPalette.ColorRole.Button,
            QPalette.ColorRole.AlternateBase,
            QPalette.ColorRole.ToolTipBase,
        ):
            palette.setColor(group, role, black)
        for role in (
            QPalette.ColorRole.WindowText,
            QPalette.ColorRole.Text,
            QPalette.ColorRole.ButtonText,
            QPalette.ColorRole.ToolTipText,
            QPalette.ColorRole.PlaceholderText,
            QPalette.ColorRole.Mid,
        ):
            palette.setColor(group, role, white)
        palette.setColor(group, QPalette.ColorRole.Highlight, yellow)
        palette.setColor(group, QPalette.ColorRole.HighlightedText, black)
        palette.setColor(group, QPalette.ColorRole.Link, yellow)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        palette.setColor(QPalette.ColorGroup.Disabled, role, black)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(170, 170, 170))
    return palette


def use_theme(app: QApplication, name: str) -> None:
    """Screenshots and tests: "light" (the platform's own), "dark" or "contrast"."""
    if name == "dark":
        use_dark_theme(app)
    elif name == "contrast":
        palette = contrast_palette()
        _kept.append(palette)
        app.setStyle("Fusion")
        app.setPalette(palette)
