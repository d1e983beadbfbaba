"""The busy state's spinner: a painted arc that turns while Argon2 or the TPM works.

Its timer runs only while it is started *and* visible, so a spinner on a hidden
page (or a minimised window) costs no CPU. The pages' empty and error states are
trouble_pages.py's; "Opening your tokens…" is window_parts.py's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QProgressBar, QWidget

from .text import tr

if TYPE_CHECKING:
    from PySide6.QtGui import QHideEvent, QPaintEvent, QShowEvent


__all__ = ["Spinner"]


class Spinner(QProgressBar):
    """A turning arc in the accent colour; an indeterminate progress bar to screen readers ("Working").

    A QProgressBar underneath only for its accessible role (a busy progress bar);
    it paints itself, so the style's own busy animation never runs.
    """

    FPS = 12
    STEP = 30  # degrees a frame

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QSizePolicy

        super().__init__(parent)
        self.setObjectName("spinner")
        self.setRange(0, 0)  # busy: no value to say
        self.setTextVisible(False)
        self.setAccessibleName(tr("Working"))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._started = False
        self._angle = 90
        self._timer = QTimer(self)
        self._timer.setInterval(1000 // self.FPS)
        self._timer.timeout.connect(self._turn)

    def sizeHint(self) -> QSize:
        side = max(16, min(24, self.fontMetrics().height() + 4))
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        return QSize(16, 16)

    def start(self) -> None:
        self._started = True
        self._run(self.isVisible())

    def stop(self) -> None:
        self._started = False
        self._run(False)

    def running(self) -> bool:
        """Started (it turns whenever it is visible)."""
        return self._started

    def turning(self) -> bool:
        """Its timer runs now: started and visible."""
        return self._timer.isActive()

    def _run(self, on: bool) -> None:
        if on and not self._timer.isActive():
            self._timer.start()
        elif not on and self._timer.isActive():
            self._timer.stop()
        self.update()

    def _turn(self) -> None:
        self._angle = (self._angle - self.STEP) % 360
        self.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._run(self._started)

    def hideEvent(self, event: QHideEvent) -> None:
        self._run(False)  # hidden, its page hidden, or the window minimised
        super().hideEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QPainter, QPen

        from .style import Role, color

        side = min(self.width(), self.height())
        width = max(2.0, side / 8)
        box = QRectF(0, 0, side, side).adjusted(width / 2, width / 2, -width / 2, -width / 2)
        box.moveCenter(QRectF(self.rect()).center())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = QPen(color(self, Role.BORDER), width)
        painter.setPen(track)
        painter.drawEllipse(box)
        arc = QPen(color(self, Role.ACCENT), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(arc)
        painter.drawArc(box, self._angle * 16, -100 * 16)  # Qt's angles are 1/16 of a degree
        painter.end()
