"""``softtoken --smoke-test``: report the first paint of any window, then quit.

Used by the packaging smoke test and by bench/startup.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer


class MacUrlEvents(QObject):
    """On macOS an ``otpauth:`` link clicked in Mail arrives as a FileOpen event."""

    def __init__(self, open_link: Callable[[str], None], app: QCoreApplication) -> None:
        super().__init__(app)
        self.open_link = open_link

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen:
            url = event.url()  # type: ignore[attr-defined]
            if url.scheme() in ("otpauth", "otpauth-migration"):
                self.open_link(url.toString())
                return True
        return False


class AfterFirstPaint(QObject):
    """Runs callbacks once any window has painted: what can wait, waits for that."""

    def __init__(self, app: QCoreApplication, callbacks: list[Callable[[], None]]) -> None:
        super().__init__(app)
        self.app = app
        self.callbacks = callbacks
        self._done = False
        app.installEventFilter(self)
        QTimer.singleShot(1000, self._run)  # a window that never paints (minimised) must not stall them

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.app.removeEventFilter(self)
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        if self._done:
            return
        self._done = True
        self.app.removeEventFilter(self)
        for callback in self.callbacks:
            callback()


class FirstPaintReporter(QObject):
    def __init__(self, started: float, app: QCoreApplication) -> None:
        super().__init__(app)
        self.started = started
        self.app = app

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.app.removeEventFilter(self)
            print(f"first-paint {(time.perf_counter() - self.started) * 1000:.1f}", flush=True)
            QTimer.singleShot(0, self.app.quit)
        return False
