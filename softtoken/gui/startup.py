"""``softtoken --smoke-test``: report the first paint of the first window, then quit.

Used by the packaging smoke test and by bench/startup.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, SignalInstance


class MacUrlEvents(QObject):
    """On macOS an ``otpauth:`` (or ``pia:``) link clicked in Mail arrives as a FileOpen event."""

    def __init__(self, open_link: Callable[[str], None], app: QCoreApplication) -> None:
        super().__init__(app)
        self.open_link = open_link

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent, QUrl

        if event.type() == QEvent.Type.FileOpen:
            url = event.url()  # type: ignore[attr-defined]
            if url.scheme() in ("otpauth", "otpauth-migration", "pia"):
                # As sent: the default (pretty) form decodes %20 into spaces, and a link with a space
                # in it is cut there when it is looked for in text (find_container_link, token links).
                self.open_link(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
                return True
        return False


class AfterFirstPaint(QObject):
    """Runs callbacks once the first window has painted: what can wait, waits for that.

    It listens to the window's own "painted" signal, not to every event of the
    application: an application-wide event filter makes PySide6 build a Python
    type for each new kind of object it sees (~30 ms for a text box's parts).
    """

    def __init__(self, painted: SignalInstance, callbacks: list[Callable[[], None]], parent: QObject) -> None:
        super().__init__(parent)
        self.callbacks = callbacks
        self._done = False
        painted.connect(self._soon)
        QTimer.singleShot(1000, self, self._run)  # a window that never paints (minimised) must not stall them

    def _soon(self) -> None:
        QTimer.singleShot(0, self, self._run)  # after this paint has reached the screen

    def _run(self) -> None:
        if self._done:
            return
        self._done = True
        for callback in self.callbacks:
            callback()


class FirstPaintReporter(QObject):
    """``--smoke-test``: print the time to the first paint, then quit.

    The time is taken in the event loop's next turn, once the paint has returned:
    only then are its pixels handed to the window system (X11 sees them as
    DAMAGE), so work done inside the paint is counted, as the user sees it.
    """

    def __init__(self, painted: SignalInstance, started: float, app: QCoreApplication) -> None:
        super().__init__(app)
        self.started = started
        self.app = app
        self._reported = False
        painted.connect(self._soon)

    def _soon(self) -> None:
        QTimer.singleShot(0, self, self.report)

    def report(self) -> None:
        if self._reported:
            return
        self._reported = True
        print(f"first-paint {(time.perf_counter() - self.started) * 1000:.1f}", flush=True)
        QTimer.singleShot(0, self.app.quit)
