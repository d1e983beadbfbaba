"""Small shared look-and-feel helpers: colours that work on light and dark themes, message labels."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

NO_BREAK_HYPHEN = "\u2011"
_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_KEEP_AS_TYPED = re.compile(r"[/\\=@]|\.\w")  # paths, links, addresses, file names: copied from labels


def wrap_between_words(text: str) -> str:
    """The text to show in a wrapped label: lines break between words, never after "e-" of "e-mail".

    Qt may break a line after any hyphen, which reads as odd hyphenation
    ("e-/mail", "4-/digit"). Hyphens inside words become non-breaking hyphens
    (the same glyph); words that are paths, links or file names keep theirs,
    since a prescriber may copy them from a selectable label.
    """

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        return token if _KEEP_AS_TYPED.search(token) else _WORD_HYPHEN.sub(NO_BREAK_HYPHEN, token)

    return re.sub(r"\S+", word, text)


class MessageText(QLabel):
    """The one kind of label that shows a message: plain text, wrapped between words, the full width.

    Used by the PIN page, the wizard pages' problem lines and the token
    window's notices; message boxes get :func:`wrap_between_words` too.
    ``text()`` is the message as given (and what screen readers get); the
    label paints it with no-break hyphens inside words.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSizePolicy

        super().__init__(parent)
        self._message = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def setText(self, text: str) -> None:
        self._message = text
        super().setText(wrap_between_words(text))
        self.setAccessibleDescription(text)

    def text(self) -> str:
        return self._message


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
