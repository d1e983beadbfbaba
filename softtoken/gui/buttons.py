"""Buttons that show keyboard focus plainly, whatever the style and palette.

Fusion (the style Qt uses on most Linux desktops) draws a default button and a
focused one alike, and a flat button not at all: a keyboard user cannot see
where Tab went. These buttons draw a ring in the theme's highlight colour
while they have focus (WCAG 2.4.7, with 3:1 contrast on the window).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionButton, QStylePainter, QWidget

from .style import focus_color, link_color

RING_WIDTH = 2


class FocusRingButton(QPushButton):
    """A push button with a visible focus ring."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)

    def style_option(self) -> QStyleOptionButton:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        return option

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        painter.drawControl(QStyle.ControlElement.CE_PushButton, self.style_option())
        painter.end()
        if self.hasFocus():
            ring = QPainter(self)
            ring.setRenderHint(QPainter.RenderHint.Antialiasing)
            ring.setPen(QPen(focus_color(self), RING_WIDTH))
            ring.setBrush(Qt.BrushStyle.NoBrush)
            inset = RING_WIDTH / 2
            ring.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 3, 3)
            ring.end()


class LinkButton(FocusRingButton):
    """A button that looks like a link (flat, underlined, link colour): "Forgot PIN?"."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
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

    def style_option(self) -> QStyleOptionButton:
        option = super().style_option()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):  # disabled stays grey
            option.palette.setColor(group, QPalette.ColorRole.ButtonText, link_color(self))
        return option
