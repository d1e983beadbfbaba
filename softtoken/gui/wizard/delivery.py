"""A token the issuer delivered "launches": name it, set its PIN, done — the seed's own flow.

The help desk put a new (or replacement) token into this workstation's
container; the sync brought it, sealed in the vault. This wizard is the
activation wizard's steps 2-4 (the same pages, the same rules): the name
filled in with the issuer's, the four-digit PIN typed twice, then Done. Core's
``Workstation.claim`` makes the token (Argon2, on the vault's worker) and,
for a replacement, retires the old one in the same write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget, QWizard

from .. import workers
from ..style import Space
from .common import add_quit_shortcut, text_label, translate
from .done_page import DonePage
from .frame import dress, named_steps
from .steps import NamePage, PinPage

if TYPE_CHECKING:
    from softtoken.core.clock import Clock
    from softtoken.core.containers.results import Delivery
    from softtoken.core.policy import Policy
    from softtoken.core.vault.vault import Passcodes, TokenStatus

NAME, PIN, DONE = 1, 2, 3
CONTEXT = "DeliveryWizard"


class _Delivered:
    """What the name page asks of "the token read": its suggested name (no seed is here)."""

    def __init__(self, delivery: Delivery) -> None:
        self.delivery = delivery

    def suggested_name(self) -> str:
        return self.delivery.suggested_name


class _Source:
    """Step 1's stand-in for the shared name page: the delivery is the one token "read"."""

    def __init__(self, delivery: Delivery) -> None:
        self._token = _Delivered(delivery)

    def selected(self) -> Any:
        return self._token


def _no_activation(_request: Any) -> TokenStatus:
    raise AssertionError("a delivery is claimed, never activated from a link")


class ClaimPinPage(PinPage):
    """The PIN page, whose Continue claims the delivery instead of activating a link."""

    def __init__(
        self,
        policy: Policy,
        source: _Source,
        naming: NamePage,
        claim: Callable[[str, str, str], TokenStatus],
        parent: QWidget | None = None,
    ) -> None:
        unused: Callable[[Any], TokenStatus] = _no_activation
        super().__init__(policy, source, naming, unused, parent)  # type: ignore[arg-type]
        self._claim = claim

    def validatePage(self) -> bool:
        if self.status is not None:
            return True
        if self._busy or not self.isComplete():
            return False
        name = self._naming.name()
        if name is None:
            return False
        pin, confirm, claim = self.pin_edit.pin(), self.confirm_edit.pin(), self._claim
        self._set_busy(True)
        workers.run_in_background(  # Argon2 and the vault write: on the vault's worker
            lambda: (claim(name, pin, confirm), ""), self._committed, self._failed, owner=self
        )
        return False


class DeliveredDonePage(DonePage):
    """The activation's Done page without its "issuer's page" paragraph: no web page asks for a code."""

    def initializePage(self) -> None:
        super().initializePage()
        self.confirm_note.hide()
        self.proof.hide()


class DeliveryWizard(QWizard):
    """Name → PIN → Done for one delivered token; ``claim(serial, name, pin, confirm)`` makes it."""

    activated = Signal(object)
    quit_requested = Signal()

    def __init__(
        self,
        *,
        delivery: Delivery,
        policy: Policy,
        clock: Clock,
        existing_names: list[str],
        claim: Callable[[str, str, str, str], TokenStatus],
        unlock: Callable[[str, str], Passcodes] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deliveryWizard")
        self.setTitleFormat(Qt.TextFormat.PlainText)
        self.setSubTitleFormat(Qt.TextFormat.PlainText)
        self.setWindowTitle(translate(CONTEXT, "A new token arrived"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.delivery = delivery
        replaced = (delivery.replaces or "").casefold()
        others = [name for name in existing_names if not replaced or name.casefold() != replaced]
        source = _Source(delivery)
        self.name_page = NamePage(source, others, self)  # type: ignore[arg-type]
        self.name_page.setTitle(translate(CONTEXT, "Name your new token"))
        self.name_page.default_name = delivery.suggested_name
        self.arrival_note = text_label(self._arrival_text(), self.name_page)
        self.arrival_note.setObjectName("arrivalNote")
        layout = self.name_page.layout()
        assert isinstance(layout, QVBoxLayout)  # noqa: S101 - NamePage made it
        layout.insertWidget(0, self.arrival_note)  # under the heading (placed at 0 when shown)
        layout.insertSpacing(1, Space.S)
        serial = delivery.serial
        self.pin_page = ClaimPinPage(
            policy, source, self.name_page, lambda name, pin, confirm: claim(serial, name, pin, confirm), self
        )
        self.pin_page.setTitle(translate("ActivationWizard", "Set your token PIN"))
        self.done_page = DeliveredDonePage(policy, clock, self.pin_page, self)
        self.done_page.unlock = unlock
        if delivery.replaces:
            note = text_label(
                translate(
                    CONTEXT,
                    "The old token '{name}' was removed from this workstation: the new one replaces it.",
                ).format(name=delivery.replaces),
                self.done_page,
            )
            note.setObjectName("replacedNote")
            self.done_page.add_note(note)
        for page_id, page in ((NAME, self.name_page), (PIN, self.pin_page), (DONE, self.done_page)):
            self.setPage(page_id, page)
        self.setStartId(NAME)
        self.pin_page.committed.connect(self.activated.emit)
        self.rail = dress(self, lambda: named_steps(NAME, PIN, DONE))  # 1 Name · 2 PIN · 3 Done
        self.rail.show_icons()
        self.currentIdChanged.connect(self._on_page_changed)
        self.setMinimumSize(720, 460)  # the rail takes ~130 px
        add_quit_shortcut(self, self.quit_requested.emit)
        self._focused = False

    def _arrival_text(self) -> str:
        delivery = self.delivery
        if delivery.replaces:
            return translate(
                CONTEXT,
                "{issuer} sent a replacement for your token '{name}' to this workstation. Name it and "
                "set its PIN; the old token stops working here once the new one is set up.",
            ).format(issuer=delivery.issuer, name=delivery.replaces)
        return translate(
            CONTEXT, "{issuer} sent a new token to this workstation. Name it and set its PIN to use it."
        ).format(issuer=delivery.issuer)

    @property
    def busy(self) -> bool:
        return self.pin_page.busy

    @property
    def made(self) -> TokenStatus | None:
        return self.pin_page.status

    def set_link(self, _text: str) -> bool:
        """A link arrived meanwhile: not here (the controller offers it once this wizard closes)."""
        return False

    def event(self, event: QEvent) -> bool:
        handled = bool(super().event(event))
        if event.type() == QEvent.Type.WindowActivate and not self._focused:
            self._focused = True  # the name is typed first: focus it visibly
            if self.currentPage() is self.name_page:
                self.name_page.name_edit.setFocus(Qt.FocusReason.TabFocusReason)
        return handled

    def _on_page_changed(self, _id: int) -> None:
        if self.currentPage() is self.done_page:
            self.done_page.take_focus(self.button(QWizard.WizardButton.FinishButton))
        elif self.currentPage() is self.pin_page:
            self.pin_page.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        if not self.busy:
            super().done(result)
