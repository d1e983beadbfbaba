"""The replacement wizard: a lost, locked, forgotten or superseded token gives way to a new one.

Step 1 asks why, and says what happens next. Steps 2-4 are the activation
wizard's own pages (a new link, QR code or key file; a name, by default the
old one; a new PIN — the old PIN is never asked for). Core writes the new
token and destroys the old one in one step (``Vault.replace``); a seed the
old token or any earlier one used is refused. "Moving to a new workstation"
instead retires the token here after two confirmations: the seed is never
exported; or, when the workstation is registered with an issuer that allows
rollover, the tokens move there by themselves (move.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget, QWizard

from softtoken.core.activation.request import ActivationRequest
from softtoken.core.clock import Clock
from softtoken.core.lifecycle import Reason
from softtoken.core.policy import Policy
from softtoken.core.token import TokenDescription
from softtoken.core.vault.vault import Passcodes, TokenStatus

from .activate_page import ActivatePage
from .common import add_quit_shortcut, name_header_logo, notice_row, page_paragraphs, page_words
from .done_page import DonePage
from .frame import Step, activation_steps, dress, other_step, why_step
from .move import FinishMove, MovedPage, MovePage, Rollover
from .reason import (
    ACTIVATE,
    DONE,
    MOVE,
    MOVED,
    NAME,
    PIN,
    REASON,
    RETIRE,
    RETIRED,
    ReasonPage,
    translate,
)
from .retire import Retire, RetiredPage, RetirePage
from .steps import NamePage, PinPage

log = logging.getLogger(__name__)


class ReplacedDonePage(DonePage):
    """Step 5: the activation wizard's Done page, plus what happened to the old token."""

    def __init__(
        self, old: TokenStatus, policy: Policy, clock: Clock, made: PinPage, parent: QWidget | None = None
    ) -> None:
        super().__init__(policy, clock, made, parent)
        self.ready_title = translate("ReplacementWizard", "Your new token is ready")
        self.set_up_title = translate("ReplacementWizard", "Your new token is set up")
        self.setTitle(self.ready_title)
        old_serial = old.serial or "—"
        # A warning, not one more paragraph: the old token must still be revoked at the issuer.
        self.old_note = notice_row(
            translate(
                "ReplacementWizard",
                "The old token '{name}' (serial {serial}) no longer works on this workstation. The "
                "issuer must revoke it: tell your help desk if they did not send this replacement.",
            ).format(name=old.name, serial=old_serial),
            self,
            "oldTokenNote",
        )
        self.add_note(self.old_note)  # right after the sync line, spaced as every paragraph

    def nextId(self) -> int:
        return -1


class ReplacementWizard(QWizard):
    """Replace ``token``; ``replace`` is a core call run in the thread pool, ``retire(done, failed)``
    starts core's Workstation.retire off the GUI thread."""

    replaced = Signal(object)  # the new TokenStatus
    retired = Signal()
    moved = Signal()  # the tokens moved to a new workstation (rollover) and were forgotten here
    container_link = Signal(object)  # a workstation registration was read at step 2
    quit_requested = Signal()  # Ctrl+Q: the app ends (the controller decides)

    def __init__(
        self,
        *,
        token: TokenStatus,
        policy: Policy,
        clock: Clock,
        existing_names: list[str],
        replace: Callable[[ActivationRequest, Reason, float | None], TokenStatus],
        retire: Retire,
        reason: Reason | None = None,
        link: str | None = None,
        unlock: Callable[[str, str], Passcodes] | None = None,
        check: Callable[[TokenDescription], None] | None = None,
        move: tuple[str, Rollover, FinishMove] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``unlock(token_id, pin)``: the passcodes the Done page shows, as the activation wizard's;
        ``check(token)``: core's early refusal of a seed or serial (``Vault.check_replacement``);
        ``move``: (issuer, rollover, finish_move) when the tokens may move by themselves."""
        super().__init__(parent)
        self.setTitleFormat(Qt.TextFormat.PlainText)  # the subtitle names the token as typed
        self.setSubTitleFormat(Qt.TextFormat.PlainText)
        self.setObjectName("replacementWizard")
        self.setWindowTitle(translate("ReplacementWizard", "Replace your soft token"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.old = token
        self.reason_page = ReasonPage(token, policy, clock, self)
        self.activate_page = ActivatePage(self, check=check)
        self.activate_page.setTitle(translate("ReplacementWizard", "Activate the new token"))
        self.activate_page.setSubTitle(
            translate(
                "ReplacementWizard",
                "Paste the new link from the issuer, or open the new QR code or key file.",
            )
        )
        others = [name for name in existing_names if name.casefold() != token.name.casefold()]
        self.name_page = NamePage(self.activate_page, others, self)
        self.name_page.setTitle(translate("ActivationWizard", "Name your token"))
        self.name_page.default_name = token.name

        def commit(request: ActivationRequest) -> TokenStatus:
            chosen = self.reason_page.reason or Reason.NEW_TOKEN
            return replace(request, chosen, self.reason_page.loss_reported_at)

        self.pin_page = PinPage(policy, self.activate_page, self.name_page, commit, self)
        self.pin_page.setTitle(translate("ReplacementWizard", "Set your new token PIN"))
        self.done_page = ReplacedDonePage(token, policy, clock, self.pin_page, self)
        self.done_page.unlock = unlock
        self.retire_page = RetirePage(token, retire, self)
        self.retired_page = RetiredPage(self)
        self.move_page: MovePage | None = None
        if move is not None:
            issuer, rollover, finish_move = move
            self.move_page = MovePage(
                issuer, rollover, finish_move, self, clear_after_seconds=policy.clipboard_clear_seconds
            )
            self.finished.connect(self.move_page.clipboard.clear_if_ours)
            self.move_page.moved.connect(self.moved.emit)
            self.setPage(MOVE, self.move_page)
            self.setPage(MOVED, MovedPage(self))
            self.reason_page.allow_move()
        self.activate_page.container_link.connect(self.container_link.emit)
        for page_id, page in (
            (REASON, self.reason_page),
            (ACTIVATE, self.activate_page),
            (NAME, self.name_page),
            (PIN, self.pin_page),
            (DONE, self.done_page),
            (RETIRE, self.retire_page),
            (RETIRED, self.retired_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(REASON)
        self.pin_page.committed.connect(self._committed)
        self.retire_page.retired.connect(self.retired.emit)
        self.rail = dress(self, self._steps)
        self.rail.show_icons()
        self.reason_page.completeChanged.connect(self.rail.refresh)  # the path follows the reason
        self.currentIdChanged.connect(self._on_page_changed)
        self.setMinimumSize(720, 480)  # the rail takes ~130 px
        add_quit_shortcut(self, self.quit_requested.emit)
        if reason is None and link:
            reason = Reason.NEW_TOKEN  # a link arrived: the help desk sent a new token
        if reason is not None:
            self.reason_page.choose(reason)
        if link:
            self.activate_page.set_link(link)
        self._focused = False

    def _steps(self) -> list[Step]:
        """1 Why · 2 Link · 3 Name · 4 PIN · 5 Done; moving away: 1 Why · 2 Move (or Remove) · 3 Done."""
        if self.reason_page.reason is Reason.NEW_WORKSTATION:
            if self.move_page is not None:
                second = other_step(translate("WizardFrame", "Move"), "screen", MOVE)
                done = other_step(translate("WizardFrame", "Done"), "token", MOVED)
                return [why_step(REASON), second, done]
            second = other_step(translate("WizardFrame", "Remove"), "warning", RETIRE)
            done = other_step(translate("WizardFrame", "Done"), "token", RETIRED)
            return [why_step(REASON), second, done]
        return [why_step(REASON), *activation_steps(ACTIVATE, NAME, PIN, DONE)]

    @property
    def busy(self) -> bool:
        moving = self.move_page is not None and self.move_page.busy
        return self.pin_page.busy or self.retire_page._busy or moving

    def set_link(self, text: str) -> bool:
        """A link arrived (another launch): it goes to step 2; False when it cannot be taken now.

        From the name or PIN step the wizard goes back to step 2. On the way to
        removing the token (moving to a new workstation) it goes back to step 1
        and chooses "The help desk sent me a new token": a link means a new
        token. Once the old token is replaced or removed (or while it is being),
        the controller offers the link after this wizard closes.
        """
        moved = self.move_page is not None and self.move_page.done_ok
        if self.busy or self.made is not None or self.retire_page.done_ok or moved:
            return False
        while self.currentPage() in (self.name_page, self.pin_page, self.retire_page, self.move_page):
            self.back()
        reasons = self.reason_page
        if reasons.reason in (None, Reason.NEW_WORKSTATION):
            reasons.choose(Reason.NEW_TOKEN)
        self.activate_page.set_link(text)
        if self.currentPage() is reasons and reasons.isComplete():
            self.next()  # show what was read
        return True

    @property
    def made(self) -> TokenStatus | None:
        """The new token, once it replaced the old one."""
        return self.pin_page.status

    def event(self, event: QEvent) -> bool:
        handled = bool(super().event(event))
        if event.type() == QEvent.Type.WindowActivate and not self._focused:
            # Once the window is active (the focus Qt gives it then draws no frame), focus the
            # reasons visibly: without it the first Tab went to Cancel.
            self._focused = True
            if self.currentPage() is self.reason_page:
                self.reason_page.take_focus()
        return handled

    def _on_page_changed(self, _id: int) -> None:
        name_header_logo(self)  # Qt made the header at the first page
        finish = self.button(QWizard.WizardButton.FinishButton)
        page = self.currentPage()
        if page is self.done_page:
            self.done_page.take_focus(finish)  # step 4's fields were disabled while committing
        elif page is self.retired_page or self.currentId() == MOVED:
            finish.setAccessibleDescription(page_words(page, *page_paragraphs(page)))  # said with it
            finish.setFocus(Qt.FocusReason.OtherFocusReason)
        elif page is self.reason_page:
            # QWizard focused the page's first radio button just now; the chosen reason it is.
            self.reason_page.take_focus()

    def _committed(self, status: TokenStatus) -> None:
        self.activate_page.discard()
        self.replaced.emit(status)

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        if self.busy:
            return
        self.activate_page.discard()
        super().done(result)
