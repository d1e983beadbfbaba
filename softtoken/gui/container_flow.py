"""What the app does with the issuer's token container: registration links, syncs, deliveries.

The controller (app.py) owns one :class:`ContainerFlow`. It routes a
``pia://container`` link (from any source) to the confirmation dialog, starts
the first sync after the first paint, opens a delivery wizard for each token
the issuer sent (one at a time, when no other wizard is busy), says which
tokens the issuer removed, and puts a quiet line in the token window when a
sync failed. The work itself is core's (``Workstation``), run by
:class:`~softtoken.gui.workstation.WorkstationService` off the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from .workstation import WorkstationService

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from softtoken.core.containers.link import ContainerLink
    from softtoken.core.containers.results import Delivery, Registration, RegistrationPreview, SyncResult
    from softtoken.core.containers.workstation import Workstation

    from .app import Controller
    from .register_dialog import RegisterDialog
    from .wizard.move import FinishMove, Rollover

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
CONTEXT = "ContainerFlow"
LATER_MS = 5_000  # while a passcode is shown, a delivered token waits this long before asking again


def sync_problem_text(exc: BaseException) -> str:
    """The token window's quiet line after a failed sync (core's sentence says what to do)."""
    from .errors import message_for

    return translate(CONTEXT, "Checking for new tokens failed: {error}").format(error=message_for(exc))


class ContainerFlow(QObject):
    def __init__(
        self, controller: Controller, make_workstation: Callable[[], Workstation] | None = None
    ) -> None:
        super().__init__(controller)
        self._controller = controller
        self.service = WorkstationService(
            lambda: controller.vault, controller.policy, self, make_workstation=make_workstation
        )
        self.service.deliveries.connect(self._arrived)
        self.service.synced.connect(self._synced)
        self.service.sync_failed.connect(self._sync_failed)
        self.service.registered.connect(self._registered)
        self.waiting: list[Delivery] = []  # delivered, not yet offered
        self.offered: str | None = None  # the serial the open delivery wizard claims
        self.register_dialog: RegisterDialog | None = None
        self._started = False
        self._later = QTimer(self)  # offer again once the prescriber is done with a passcode
        self._later.setObjectName("deliveryLater")
        self._later.setSingleShot(True)
        self._later.setInterval(LATER_MS)
        self._later.timeout.connect(self.offer)

    def start(self) -> None:
        """After the first paint (once): read the registration; when registered, sync."""
        if not self._started:
            self._started = True
            self.service.start()

    # ------------------------------------------------------------------ registration links

    def open_link(self, text: str) -> bool:
        """True when ``text`` holds a workstation registration link (then it is handled here)."""
        if "pia:" not in text.lower():  # the container parser loads only when it may be needed
            return False
        from softtoken.core.containers.link import find_container_link
        from softtoken.core.errors import SoftTokenError

        try:
            link = find_container_link(text)
        except SoftTokenError as exc:
            self._refused(exc)
            return True
        if link is None:
            return False
        self.register_link(link)
        return True

    def register_link(self, link: ContainerLink) -> None:
        """Core checks the link first (no network); then the prescriber confirms the issuer."""
        if self.register_dialog is not None and self.register_dialog.isVisible():
            self.register_dialog.raise_()
            self.register_dialog.activateWindow()
            return
        self.service.preview(link, lambda preview: self._confirm(link, preview), self._refused)

    def _parent(self) -> QWidget | None:
        wizard = self._controller.wizard
        if wizard is not None and wizard.isVisible():
            return wizard
        window = self._controller._window
        return window if window is not None and window.isVisible() else None

    def _refused(self, exc: BaseException) -> None:
        from . import errors

        errors.show_error(self._parent(), exc)

    def _confirm(self, link: ContainerLink, preview: RegistrationPreview) -> None:
        from .register_dialog import RegisterDialog

        dialog = RegisterDialog(self.service, link, preview, self._parent())
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.register_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _dialog_closed(self, dialog: RegisterDialog) -> None:
        if self.register_dialog is dialog:
            self.register_dialog = None
        dialog.deleteLater()
        if self.waiting:  # tokens arrived while the dialog was open
            QTimer.singleShot(0, self, self.offer)

    def _registered(self, registration: Registration) -> None:
        page = getattr(self._controller.wizard, "activate_page", None)
        if page is not None and getattr(page, "_complete", False) and not page.tokens():
            page.show_registered(registration.issuer)  # step 1 said "confirm it in the window that opens"

    # ------------------------------------------------------------------ syncs

    def _synced(self, result: SyncResult) -> None:
        controller = self._controller
        window = controller._window
        if window is not None:
            window.show_sync_problem("")
        if result.removed:
            names = "\n".join(
                translate(CONTEXT, "'{name}' (serial {serial})").format(name=t.name, serial=t.serial or "—")
                for t in result.removed
            )
            from . import dialogs

            dialogs.notice(
                self._parent(),
                translate(CONTEXT, "Token removed"),
                translate(
                    CONTEXT,
                    "Your help desk removed these tokens from this workstation; they no longer work "
                    "here:\n{tokens}",
                ).format(tokens=names),
            )
        if (result.removed or result.updated) and window is not None and window.built:
            window.reload()

    def _sync_failed(self, exc: BaseException) -> None:
        window = self._controller._window
        if window is None:
            return
        window.show_sync_problem(sync_problem_text(exc))

    # ------------------------------------------------------------------ deliveries

    def _arrived(self, pending: list[Delivery]) -> None:
        self.waiting = [d for d in pending if d.serial != self.offered]
        self.offer()

    def offer(self) -> None:
        """Open the wizard for the next delivery, unless another wizard or the dialog is busy."""
        controller = self._controller
        if not self.waiting or self.offered is not None or controller._quitting:
            return
        if self.register_dialog is not None and self.register_dialog.isVisible():
            return  # its Close comes first
        wizard = controller.wizard
        if wizard is not None and wizard.isVisible():
            if getattr(wizard, "untouched", False):
                wizard.close()  # an empty step 1 gives way; closing it offers the delivery
            return
        if self._prescriber_busy():
            self._later.start()  # a passcode is on screen, or a PIN is being typed: not now
            return
        delivery = self.waiting.pop(0)
        self._open(delivery)

    def _prescriber_busy(self) -> bool:
        """The token window shows a passcode or has a PIN half typed: a wizard must not take over."""
        window = self._controller._window
        if window is None or not window.isVisible() or not window.built:
            return False
        return window.unlocked or bool(window.pin_page.pin_edit.text())

    def _open(self, delivery: Delivery) -> None:
        from .wizard.delivery import DeliveryWizard

        controller = self._controller
        window = controller._window
        names = [t.name for t in window.tokens] if window is not None else []
        service = self.service
        wizard = DeliveryWizard(
            delivery=delivery,
            policy=controller.policy,
            clock=controller.clock,
            existing_names=names,
            claim=service.claim,
            unlock=controller._first_passcode,
        )
        self.offered = delivery.serial
        wizard.finished.connect(lambda _result: self._delivery_closed(wizard))
        wizard.quit_requested.connect(controller.quit)
        if window is not None and window.built:
            window.lock()
        controller.wizard = wizard
        wizard.show()
        wizard.raise_()
        wizard.activateWindow()

    def _delivery_closed(self, wizard: Any) -> None:
        self.offered = None
        self._controller._wizard_closed(wizard)

    # ------------------------------------------------------------------ moving

    def move_option(self) -> tuple[str, Rollover, FinishMove] | None:
        """For the replacement wizard: the tokens may move by themselves (registered, rollover allowed)."""
        status = self.service.status
        if status is None or not status.rollover_allowed:
            return None
        return status.issuer, self.service.rollover, self.service.finish_move
