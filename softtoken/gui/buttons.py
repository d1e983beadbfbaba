"""Buttons that show keyboard focus plainly, whatever the style and palette, and a link-style one.

The focus ring itself is the style sheet's (softtoken/gui/style/sheet.py), the
one place focus rings are drawn: a 2 px ring in the accent colour on every
button, field and card (WCAG 2.4.7, 3:1 on the window). These classes only
say what kind of button they are.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton, QWidget


class FocusRingButton(QPushButton):
    """A push button with a visible focus ring (the style sheet's; any QPushButton has it)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)


class LinkButton(FocusRingButton):
    """A button that looks like a link (flat, underlined, link colour): "Forgot PIN?"."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setProperty("link", "true")  # the style sheet's link look, and its focus ring
        self.setFlat(True)
        self.setAutoDefault(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        font = self.font()
        font.setUnderline(True)
        self.setFont(font)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # like a link: Enter follows it
            event.accept()
            self.click()
            return
        super().keyPressEvent(event)
