"""Labels the token window's pages share: plain text, titles, and the inline message line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from .style import MessageText, Role, Type, set_tone, set_type
from .text import tr


def plain(label: QLabel) -> QLabel:
    """Token names, issuers and messages are shown as typed: never as Qt rich text."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def title(text: str, kind: Type = Type.TITLE) -> QLabel:
    """A screen's heading (the type scale's TITLE, or ``kind``), wrapped."""
    label = plain(QLabel(text))
    set_type(label, kind)
    label.setWordWrap(True)
    return label


class MessageLabel(MessageText):
    """Inline problems, in plain words, readable by screen readers.

    A warning is drawn in the danger tone, with ``icon`` (a warning sign placed
    beside it by the page) shown; a note (``warning=False``) in the text's own colour.
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName(tr("Message"))
        self.icon: QWidget | None = None
        self.warning = False
        self.hide()

    def show_text(self, text: str, warning: bool = True) -> None:
        self.warning = warning and bool(text)
        set_tone(self, Role.DANGER if warning else None)
        self.setText(text)
        self.setVisible(bool(text))
        if self.icon is not None:
            self.icon.setVisible(self.warning)
