"""The replacement wizard: a lost, locked, forgotten or superseded token gives way to a new one.

Step 1 asks why, and says what happens next. Steps 2-4 are the activation
wizard's own pages (a new link, QR code or key file; a name, by default the
old one; a new PIN — the old PIN is never asked for). Core writes the new
token and destroys the old one in one step (``Vault.replace``); a seed the
old token or any earlier one used is refused. "Moving to a new workstation"
instead retires the token here after two confirmations: the seed is never
exported.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QLabel,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from softtoken.core.activation.request import ActivationRequest
from softtoken.core.clock import Clock
from softtoken.core.lifecycle import Reason
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import TokenStatus

from .. import dialogs, workers
from ..errors import message_for
from ..style import problem_color
from .activation import ActivatePage
from .done_page import DonePage
from .steps import NamePage, PinPage

log = logging.getLogger(__name__)

REASON, ACTIVATE, NAME, PIN, DONE, RETIRE, RETIRED = 0, 1, 2, 3, 4, 10, 11


translate = QCoreApplication.translate  # Qt Linguist finds translate("Context", "…") calls


def _label(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


class ReasonPage(QWizardPage):
    """Step 1: why, and what happens next (with the EPCS loss-report rule for lost tokens)."""

    def __init__(
        self, token: TokenStatus, policy: Policy, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reasonPage")
        self.setTitle(translate("ReplacementWizard", "Step 1 of 5: Why are you replacing this token?"))
        self.setSubTitle(translate("ReplacementWizard", "Token: {name}").format(name=token.name))
        self._clock = clock
        self.loss_reported_at: float | None = None
        self.group = QButtonGroup(self)
        texts = {
            Reason.LOST: translate("ReplacementWizard", "Lost or stolen device"),
            Reason.FORGOT_PIN: translate("ReplacementWizard", "Forgot my PIN"),
            Reason.LOCKED_OUT: translate("ReplacementWizard", "Token locked out"),
            Reason.NEW_TOKEN: translate("ReplacementWizard", "The help desk sent me a new token"),
            Reason.NEW_WORKSTATION: translate("ReplacementWizard", "Moving to a new workstation"),
        }
        self.explanations = {
            Reason.LOST: translate(
                "ReplacementWizard",
                "Report the loss to your practice's EPCS administrators now: the rules say within one "
                "business day. Then ask the issuer for a new activation; the old token stops working "
                "on this workstation as soon as the new one is set up, and the issuer must revoke it.",
            ),
            Reason.FORGOT_PIN: translate(
                "ReplacementWizard",
                "A forgotten PIN cannot be recovered or reset. Ask the issuer for a new activation; "
                "you will choose a new PIN. The old token stops working on this workstation.",
            ),
            Reason.LOCKED_OUT: translate(
                "ReplacementWizard",
                "A token locked after too many wrong PINs cannot be unlocked again. Ask the issuer "
                "for a new activation; you will choose a new PIN.",
            ),
            Reason.NEW_TOKEN: translate(
                "ReplacementWizard",
                "Use the new activation link, QR code or key file the help desk sent. The old token "
                "stops working on this workstation; you do not need its PIN.",
            ),
            Reason.NEW_WORKSTATION: translate(
                "ReplacementWizard",
                "The token cannot be copied to another computer. It will be removed from this "
                "workstation; then ask the issuer for a new activation on the new workstation.",
            ),
        }
        layout = QVBoxLayout(self)
        self.buttons: dict[Reason, QRadioButton] = {}
        for reason, text in texts.items():
            button = QRadioButton(text, self)
            button.setObjectName(f"reason-{reason.value}")
            button.setAccessibleDescription(self.explanations[reason])
            self.group.addButton(button)
            self.buttons[reason] = button
            layout.addWidget(button)
            button.toggled.connect(self._changed)
        layout.addSpacing(8)
        self.explanation = _label("", self, "reasonExplanation")
        layout.addWidget(self.explanation)
        self.reported = QCheckBox(
            translate("ReplacementWizard", "I have reported the loss to my practice's EPCS administrators"),
            self,
        )
        self.reported.setObjectName("lossReportedCheck")
        self.reported.toggled.connect(self._reported)
        layout.addWidget(self.reported)
        self.helpdesk = _label(
            translate("ReplacementWizard", "Help desk: {contact}").format(contact=policy.helpdesk_contact)
            if policy.helpdesk_contact
            else "",
            self,
            "helpdeskLabel",
        )
        self.helpdesk.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.helpdesk.setVisible(bool(policy.helpdesk_contact))
        layout.addWidget(self.helpdesk)
        layout.addStretch(1)
        self.reported.hide()

    def initializePage(self) -> None:
        first = self.group.checkedButton() or self.buttons[Reason.LOST]
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def reason(self) -> Reason | None:
        for reason, button in self.buttons.items():
            if button.isChecked():
                return reason
        return None

    def choose(self, reason: Reason) -> None:
        self.buttons[reason].setChecked(True)

    def _changed(self) -> None:
        reason = self.reason
        self.explanation.setText(self.explanations[reason] if reason else "")
        self.explanation.setAccessibleDescription(self.explanation.text())
        self.reported.setVisible(reason is Reason.LOST)
        self.completeChanged.emit()

    def _reported(self, checked: bool) -> None:
        self.loss_reported_at = self._clock.now() if checked else None
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        reason = self.reason
        return reason is not None and (reason is not Reason.LOST or self.reported.isChecked())

    def nextId(self) -> int:
        return RETIRE if self.reason is Reason.NEW_WORKSTATION else ACTIVATE


class RetirePage(QWizardPage):
    """Moving to a new workstation: confirm twice, then remove the token from this one."""

    retired = Signal()

    def __init__(self, token: TokenStatus, retire: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retirePage")
        self.setTitle(translate("ReplacementWizard", "Step 2 of 2: Remove the token from this workstation"))
        self.setSubTitle(translate("ReplacementWizard", "Token: {name}").format(name=token.name))
        self._token = token
        self._retire = retire
        self._busy = False
        self.done_ok = False
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                translate(
                    "ReplacementWizard",
                    "The token '{name}' will be destroyed on this workstation and cannot be brought "
                    "back. Its seed is never exported. On the new workstation, ask the issuer for a "
                    "new activation.",
                ).format(name=token.name),
                self,
            )
        )
        self.understood = QCheckBox(
            translate("ReplacementWizard", "I understand: this token will stop working here for good"), self
        )
        self.understood.setObjectName("understoodCheck")
        self.understood.toggled.connect(lambda _checked: self.completeChanged.emit())
        layout.addWidget(self.understood)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.hide()
        layout.addWidget(self.busy_bar)
        self.problem = _label("", self, "problemLabel")
        self.problem.setStyleSheet(f"color: {problem_color(self)};")
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.setButtonText(QWizard.WizardButton.NextButton, translate("ReplacementWizard", "Remove token"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, translate("ReplacementWizard", "Remove token"))

    def isComplete(self) -> bool:
        return self.understood.isChecked() and not self._busy

    def validatePage(self) -> bool:
        if self.done_ok:
            return True
        if self._busy:
            return False
        choice = dialogs.question(
            self,
            translate("ReplacementWizard", "Remove the token"),
            translate(
                "ReplacementWizard", "Remove token '{name}' from this workstation now? This cannot be undone."
            ).format(name=self._token.name),
            [translate("ReplacementWizard", "Remove"), translate("ReplacementWizard", "Cancel")],
            default=1,
        )
        if choice != 0:
            return False
        self._busy = True
        self.busy_bar.show()
        self.completeChanged.emit()
        workers.run_in_background(self._retire, self._done, self._failed, owner=self)
        return False

    def _done(self, _result: object) -> None:
        self._busy = False
        self.busy_bar.hide()
        self.done_ok = True
        self.retired.emit()
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.busy_bar.hide()
        self.problem.setText(message_for(exc))
        self.completeChanged.emit()

    def nextId(self) -> int:
        return RETIRED


class RetiredPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retiredPage")
        self.setTitle(translate("ReplacementWizard", "Done: the token was removed"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                translate(
                    "ReplacementWizard",
                    "The token no longer exists on this workstation. On your new workstation, open "
                    "softtoken and use the new activation from your issuer. Ask the issuer to revoke "
                    "the old token.",
                ),
                self,
                "retiredText",
            )
        )
        layout.addStretch(1)

    def nextId(self) -> int:
        return -1


class ReplacedDonePage(DonePage):
    """Step 5: the activation wizard's Done page, plus what happened to the old token."""

    def __init__(
        self, old: TokenStatus, policy: Policy, clock: Clock, made: PinPage, parent: QWidget | None = None
    ) -> None:
        super().__init__(policy, clock, made, parent)
        self.setTitle(translate("ReplacementWizard", "Step 5 of 5: Done"))
        self.setSubTitle(translate("ReplacementWizard", "Your new soft token is set up."))
        old_serial = old.serial or "—"
        self.old_note = _label(
            translate(
                "ReplacementWizard",
                "The old token '{name}' (serial {serial}) no longer works on this workstation. The "
                "issuer must revoke it: tell your help desk if they did not send this replacement.",
            ).format(name=old.name, serial=old_serial),
            self,
            "oldTokenNote",
        )
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(layout.count() - 1, self.old_note)

    def nextId(self) -> int:
        return -1


class ReplacementWizard(QWizard):
    """Replace ``token``; ``replace`` and ``retire`` are core calls run in the thread pool."""

    replaced = Signal(object)  # the new TokenStatus
    retired = Signal()

    def __init__(
        self,
        *,
        token: TokenStatus,
        policy: Policy,
        clock: Clock,
        existing_names: list[str],
        replace: Callable[[ActivationRequest, Reason, float | None], TokenStatus],
        retire: Callable[[], None],
        reason: Reason | None = None,
        link: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitleFormat(Qt.TextFormat.PlainText)  # the subtitle names the token as typed
        self.setSubTitleFormat(Qt.TextFormat.PlainText)
        self.setObjectName("replacementWizard")
        self.setWindowTitle(translate("ReplacementWizard", "Replace your soft token"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.old = token
        self.reason_page = ReasonPage(token, policy, clock, self)
        self.activate_page = ActivatePage(self)
        self.activate_page.setTitle(translate("ReplacementWizard", "Step 2 of 5: Activate the new token"))
        self.activate_page.setSubTitle(
            translate(
                "ReplacementWizard",
                "Paste the new link from the issuer, or open the new QR code or key file.",
            )
        )
        others = [name for name in existing_names if name.casefold() != token.name.casefold()]
        self.name_page = NamePage(self.activate_page, others, self)
        self.name_page.setTitle(translate("ReplacementWizard", "Step 3 of 5: Name your token"))
        self.name_page.default_name = token.name

        def commit(request: ActivationRequest) -> TokenStatus:
            chosen = self.reason_page.reason or Reason.NEW_TOKEN
            return replace(request, chosen, self.reason_page.loss_reported_at)

        self.pin_page = PinPage(policy, self.activate_page, self.name_page, commit, self)
        self.pin_page.setTitle(translate("ReplacementWizard", "Step 4 of 5: Set your new token PIN"))
        self.done_page = ReplacedDonePage(token, policy, clock, self.pin_page, self)
        self.retire_page = RetirePage(token, retire, self)
        self.retired_page = RetiredPage(self)
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
        self.currentIdChanged.connect(self._on_page_changed)
        self.setMinimumSize(640, 480)
        if reason is not None:
            self.reason_page.choose(reason)
        if link:
            self.activate_page.set_link(link)

    @property
    def busy(self) -> bool:
        return self.pin_page.busy or self.retire_page._busy

    @property
    def made(self) -> TokenStatus | None:
        """The new token, once it replaced the old one."""
        return self.pin_page.status

    def _on_page_changed(self, _id: int) -> None:
        finish = self.button(QWizard.WizardButton.FinishButton)
        if self.currentPage() is self.done_page:
            self.done_page.take_focus(finish)  # step 4's fields were disabled while committing
        elif self.currentPage() is self.retired_page:
            finish.setFocus(Qt.FocusReason.OtherFocusReason)

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
