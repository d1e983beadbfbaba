"""A check shared by the GUI tests: text from links and users is never drawn as Qt rich text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def labels_showing_markup(widget: QWidget) -> list[str]:
    """Labels whose text has a tag in it but would be drawn as Qt rich text."""
    return [
        f"{label.objectName() or type(label).__name__}: {label.text()!r}"
        for label in widget.findChildren(QLabel)
        if "<" in label.text() and label.textFormat() != Qt.TextFormat.PlainText
    ]
