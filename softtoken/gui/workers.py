"""Run core calls off the GUI thread (Argon2 must never freeze the window)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, mapped in errors.py
            self.signals.failed.emit(exc)
            return
        self.signals.done.emit(result)


_running: set[_Job] = set()


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    owner: QObject | None = None,
) -> None:
    """Call ``fn`` in the thread pool; ``on_done``/``on_error`` run on the GUI thread.

    With an ``owner``, the callbacks are dropped if it was destroyed meanwhile
    (a window closed while its job was still running).
    """
    from shiboken6 import isValid

    job = _Job(fn)
    job.setAutoDelete(False)
    _running.add(job)

    def alive() -> bool:
        return owner is None or isValid(owner)

    def finished(result: Any) -> None:
        _running.discard(job)
        if alive():
            on_done(result)

    def failed(exc: BaseException) -> None:
        _running.discard(job)
        if alive():
            on_error(exc)

    job.signals.done.connect(finished)
    job.signals.failed.connect(failed)
    QThreadPool.globalInstance().start(job)


def busy() -> bool:
    return bool(_running)
