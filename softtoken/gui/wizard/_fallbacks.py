"""Stand-ins for the design system's IconLabel and Spinner until they are merged (issue 16).

The lead removes this module once ``softtoken.gui.icons.IconLabel`` and
``softtoken.gui.states.Spinner`` are on main: :mod:`.frame` imports those first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QHideEvent, QShowEvent

    from ..style import Role


class IconLabel(QLabel):
    """A QLabel showing an icon, drawn again in its colour when the palette changes."""

    def __init__(
        self,
        name: str,
        size: int,
        role: Role | None = None,
        accessible: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._name, self._size, self._role = name, size, role
        self.setFixedSize(size, size)
        self.setAccessibleName(accessible or name)
        self._draw()

    def set_icon(self, name: str, role: Role | None = None) -> None:
        self._name, self._role = name, role
        self._draw()

    def _draw(self) -> None:
        from ..icons import pixmap

        self.setPixmap(pixmap(self._name, self._size, self, self._role))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._draw()


class Spinner(QLabel):
    """Three dots that move while started and visible; accessible name "Working"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import QCoreApplication

        super().__init__(parent)
        self.setAccessibleName(QCoreApplication.translate("Spinner", "Working"))
        self._step = 0
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)
        self.setText("•  ")

    def start(self) -> None:
        self._running = True
        if self.isVisible():
            self._timer.start()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()

    def running(self) -> bool:
        return self._running

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._running:
            self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def _tick(self) -> None:
        self._step = (self._step + 1) % 3
        self.setText("".join("•" if i == self._step else " " for i in range(3)))
