"""The workstation's registration with the issuer (token containers), seen from the GUI.

Core's :class:`~softtoken.core.containers.workstation.Workstation` does the work;
this object only decides *when* and on *which thread*:

- every call that may reach the network (register, sync, rollover, retire) and the
  cheap local reads around them run on the issuer's worker (``workers``,
  ``issuer=True``): one at a time, never on the GUI thread, never in front of
  an unlock on the vault's worker;
- claiming a delivered token (Argon2, a vault write) and previewing a link
  (no network) run on the vault's worker, like every activation;
- the first sync waits for the first paint (:meth:`start`), and a timer syncs
  every ``policy.sync_minutes`` while the app runs, only while registered.

Nothing here imports core's container modules before they are needed: start-up
reads the registration only once the first window is on screen.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from . import workers

if TYPE_CHECKING:
    from softtoken.core.containers.link import ContainerLink
    from softtoken.core.containers.results import Registration, RegistrationPreview, RetireOutcome
    from softtoken.core.containers.workstation import Workstation
    from softtoken.core.policy import Policy
    from softtoken.core.vault.vault import TokenStatus, Vault

log = logging.getLogger(__name__)


class WorkstationService(QObject):
    """Registration, synchronization and deliveries, off the GUI thread."""

    status_changed = Signal(object)  # Registration | None: read at start, after a register or a move
    registered = Signal(object)  # Registration: a register() call succeeded
    register_failed = Signal(object)  # the exception
    synced = Signal(object)  # SyncResult
    sync_failed = Signal(object)  # the exception; the tokens here keep working
    deliveries = Signal(list)  # the pending deliveries (list[Delivery]) after a sync or at start

    def __init__(
        self,
        vault: Callable[[], Vault],
        policy: Policy,
        parent: QObject | None = None,
        *,
        make_workstation: Callable[[], Workstation] | None = None,
    ) -> None:
        """``make_workstation`` (tests): what makes the Workstation, on the issuer's worker."""
        super().__init__(parent)
        self._vault = vault
        self._policy = policy
        self._make = make_workstation
        self._workstation: Workstation | None = None
        self._making = threading.Lock()
        self.status: Registration | None = None
        self.syncing = False
        self.last_error: BaseException | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("syncTimer")
        self.sync_minutes = max(1, int(policy.sync_minutes))
        self._timer.setInterval(self.sync_minutes * 60_000)
        self._timer.timeout.connect(self.sync_now)

    # ------------------------------------------------------------------ plumbing

    def workstation(self) -> Workstation:
        """Made once, on the issuer's worker (its module loads the container code)."""
        with self._making:  # the issuer's worker and the vault's (claim) may both ask first
            if self._workstation is None:
                if self._make is not None:
                    self._workstation = self._make()
                else:
                    from softtoken.core.containers.workstation import Workstation

                    self._workstation = Workstation(self._vault())
            return self._workstation

    def _on_issuer(
        self,
        fn: Callable[[Workstation], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        workers.run_in_background(lambda: fn(self.workstation()), done, failed, owner=self, issuer=True)

    @property
    def timer_active(self) -> bool:
        return self._timer.isActive()

    def _set_status(self, status: Registration | None) -> None:
        self.status = status
        if status is None:
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()
        self.status_changed.emit(status)

    # ------------------------------------------------------------------ start and sync

    def start(self) -> None:
        """After the first paint: read the registration (no network); when registered, sync now.

        Whether there is one is read on the vault's worker, like every read of the vault, and
        without loading the container code; only a registered workstation goes on to the
        issuer's worker (its status, the deliveries still waiting, then a sync).
        """

        def read(ws: Workstation) -> tuple[Registration | None, list[Any]]:
            status = ws.status()
            return status, (ws.pending() if status is not None else [])

        def known(answer: tuple[Registration | None, list[Any]]) -> None:
            status, pending = answer
            self._set_status(status)
            if status is None:
                return
            if pending:
                self.deliveries.emit(pending)
            self.sync_now()

        def failed(exc: BaseException) -> None:
            log.warning("registration not read: %s", type(exc).__name__)

        def registered(yes: bool) -> None:
            if yes:
                self._on_issuer(read, known, failed)
            else:
                self._set_status(None)

        check = (lambda: True) if self._make is not None else self._registered  # tests: the double says
        workers.run_in_background(check, registered, failed, owner=self)

    def _registered(self) -> bool:
        """Whether the vault holds a registration, read without loading the container code.

        At start (after the first paint) an unregistered workstation must not load
        cryptography or httpx for nothing (tests/gui/test_idle_memory.py).
        """
        from softtoken.core.containers.status import is_registered

        return is_registered(self._vault())

    def sync_now(self) -> None:
        """Synchronize with the issuer (skipped while a sync runs, or when not registered)."""
        if self.syncing or self.status is None:
            return
        self.syncing = True

        def sync(ws: Workstation) -> tuple[Any, list[Any], Registration | None]:
            from softtoken.core.errors import SoftTokenError

            try:
                result = ws.sync()
            except SoftTokenError as exc:
                return exc, ws.pending(), ws.status()  # earlier deliveries still wait to be named
            return result, ws.pending(), ws.status()

        self._on_issuer(sync, self._synced, self._sync_broke)

    def _synced(self, answer: tuple[Any, list[Any], Registration | None]) -> None:
        self.syncing = False
        outcome, pending, status = answer
        if isinstance(outcome, BaseException):
            self.last_error = outcome
            self.status = status
            self.sync_failed.emit(outcome)
        else:
            self.last_error = None
            self.synced.emit(outcome)
        if status is None:  # forgotten meanwhile (moved, unregistered elsewhere)
            self._set_status(None)
        else:
            self.status = status
        if pending:
            self.deliveries.emit(pending)

    def _sync_broke(self, exc: BaseException) -> None:  # not a SoftTokenError: a bug, said as one
        self.syncing = False
        self.last_error = exc
        self.sync_failed.emit(exc)

    # ------------------------------------------------------------------ registration

    def preview(
        self,
        link: ContainerLink,
        done: Callable[[RegistrationPreview], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Core's checks of a link before anything is sent (policy, allow-list, expiry, registered).

        No network: on the vault's worker, so the confirmation never waits behind a slow sync.
        """
        workers.run_in_background(lambda: self.workstation().preview(link), done, failed, owner=self)

    def register(self, link: ContainerLink, passphrase: str | None = None) -> None:
        """Register with the link's issuer; then sync at once (the tokens may be waiting)."""

        def done(registration: Registration) -> None:
            self._set_status(registration)
            self.registered.emit(registration)
            self.sync_now()

        self._on_issuer(lambda ws: ws.register(link, passphrase), done, self.register_failed.emit)

    def rollover(self, done: Callable[[str], None], failed: Callable[[BaseException], None]) -> None:
        """The new workstation's registration link (network)."""
        self._on_issuer(lambda ws: ws.rollover(), done, failed)

    def finish_move(self, done: Callable[[list[str]], None], failed: Callable[[BaseException], None]) -> None:
        """Forget the container's tokens and the registration here (the new workstation has them).

        ``done`` gets the names of the tokens that stay: activated by hand, not delivered.
        """

        def finish(ws: Workstation) -> list[str]:
            ws.finish_move()
            return [token.name for token in ws.vault.status()]

        def finished(staying: list[str]) -> None:
            self._set_status(None)
            done(staying)

        self._on_issuer(finish, finished, failed)

    def retire(
        self, token_id: str, done: Callable[[RetireOutcome], None], failed: Callable[[BaseException], None]
    ) -> None:
        """Retire a token (core's rule: a delivered one also ends the registration, which may
        reach the issuer), on the issuer's worker like every call that may."""

        def finished(outcome: RetireOutcome) -> None:
            if outcome.unregistered:
                self._set_status(None)
            done(outcome)

        self._on_issuer(lambda ws: ws.retire(token_id), finished, failed)

    # ------------------------------------------------------------------ deliveries

    def claim(self, serial: str, name: str, pin: str, confirm: str) -> TokenStatus:
        """Runs on the vault's worker (the caller's job): the delivery becomes a token (Argon2)."""
        return self.workstation().claim(serial, name, pin, confirm)
