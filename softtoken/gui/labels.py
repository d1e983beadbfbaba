"""Labels the token window's pages share: plain text, titles, and the inline message line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from .style import MessageText, problem_color
from .text import tr


def plain(label: QLabel) -> QLabel:
    """Token names, issuers and messages are shown as typed: never as Qt rich text."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def title(text: str, size_delta: int = 4) -> QLabel:
    label = plain(QLabel(text))
    font = label.font()
    font.setPointSize(font.pointSize() + size_delta)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class MessageLabel(MessageText):
    """Inline problems, in plain words, readable by screen readers."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName(tr("Message"))
        self.hide()

    def show_text(self, text: str, warning: bool = True) -> None:
        self.setStyleSheet(f"color: {problem_color(self)};" if warning else "color: palette(text);")
        self.setText(text)
        self.setVisible(bool(text))
