"""Lock the token window after the policy's idle time (2 minutes by default), and say why it locked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from .text import tr

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def idle_reason(seconds: int) -> str:
    """Why the window locked by itself: "Locked after 2 minutes without use." (the policy's time)."""
    minutes, rest = divmod(seconds, 60)
    if rest:
        return tr("Locked after {seconds} seconds without use.").format(seconds=seconds)
    if minutes == 1:
        return tr("Locked after 1 minute without use.")
    return tr("Locked after {minutes} minutes without use.").format(minutes=minutes)


def hidden_reason(minimized: bool) -> str:
    """Why the window locked when it went out of sight."""
    return (
        tr("Locked when the window was minimized.") if minimized else tr("Locked when the window was hidden.")
    )


class IdleLock(QObject):
    """A single-shot timer, restarted by user input while armed; emits ``idle`` with the reason to show."""

    idle = Signal(str)

    def __init__(self, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.seconds = seconds
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
        self.idle.emit(idle_reason(self.seconds))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and event.type() in _ACTIVITY:
            self.timer.start()
        return False
