"""Run core calls off the GUI thread (Argon2 must never freeze the window).

The vault has one owner thread in the GUI. Every job that touches the vault
(unlock, status, activation, replacement, the support card and bundle, the
policy record) runs on one dedicated worker thread, one job at a time, in the
order the GUI submitted them: a non-modal support dialog and an unlock, or
the policy record at start and the first reload, never run side by side in
one :class:`~softtoken.core.vault.vault.Vault`. That is the default.

A job that never touches the vault and may block for seconds (the SNTP clock
check) says so with ``touches_vault=False`` and runs on Qt's global pool, so
it never delays an unlock.

Calls to the registered issuer (token containers: registration, sync,
rollover) run with ``issuer=True`` on a third worker, also of one thread: two
syncs never run side by side, and none waits behind an unlock or delays one
(``Workstation`` takes the vault lock itself, and only for its local steps).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

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
            self._tell(self.signals.failed, exc)
            return
        self._tell(self.signals.done, result)

    @staticmethod
    def _tell(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # "Signal source has been deleted": the app quit while this job ran
            log.debug("a background job finished after the app quit")


_running: set[_Job] = set()
_vault_pool: list[QThreadPool] = []  # made on first use, with the app as its parent
_issuer_pool: list[QThreadPool] = []


def _one_thread(kept: list[QThreadPool]) -> QThreadPool:
    from shiboken6 import isValid

    if not kept or not isValid(kept[0]):
        pool = QThreadPool(QCoreApplication.instance())  # the app waits for its job when it goes
        pool.setMaxThreadCount(1)
        pool.setExpiryTimeout(-1)
        kept[:] = [pool]
    return kept[0]


def vault_pool() -> QThreadPool:
    """The vault's one worker: a pool of one thread that never expires (the same thread all along)."""
    return _one_thread(_vault_pool)


def issuer_pool() -> QThreadPool:
    """The issuer's one worker: network calls to the registered issuer, one at a time."""
    return _one_thread(_issuer_pool)


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    owner: QObject | None = None,
    *,
    touches_vault: bool = True,
    issuer: bool = False,
) -> None:
    """Call ``fn`` off the GUI thread; ``on_done``/``on_error`` run on the GUI thread.

    ``fn`` runs on the vault's worker thread, after every job submitted
    before it, unless ``touches_vault=False`` (then on Qt's global pool) or
    ``issuer=True`` (then on the issuer's worker, after its earlier jobs). With
    an ``owner``, the callbacks are dropped if it was destroyed meanwhile (a
    window closed while its job was still running).
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
    pool = issuer_pool() if issuer else vault_pool() if touches_vault else QThreadPool.globalInstance()
    pool.start(job)


def busy() -> bool:
    return bool(_running)
