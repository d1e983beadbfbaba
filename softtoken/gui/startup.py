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
