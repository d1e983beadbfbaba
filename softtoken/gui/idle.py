"""Lock the token window after the policy's idle time (2 minutes by default)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleLock(QObject):
    """A single-shot timer, restarted by user input while armed; emits ``idle``."""

    idle = Signal()

    def __init__(self, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(seconds * 1000)
        self.timer.timeout.connect(self._fire)
        self._armed = False

    def arm(self) -> None:
        if not self._armed:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self._armed = True
        self.timer.start()

    def disarm(self) -> None:
        self.timer.stop()
        if self._armed:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._armed = False

    def _fire(self) -> None:
        self.disarm()
        self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and event.type() in _ACTIVITY:
            self.timer.start()
        return False
