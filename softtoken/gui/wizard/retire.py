"""Moving to a new workstation: the token is removed here after two confirmations (never exported)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget, QWizard

from softtoken.core.vault.vault import TokenStatus

from .. import dialogs
from ..errors import core_message, message_for
from ..style import Role, set_tone
from .common import problem_label, problem_row, show_problem
from .frame import FramedPage
from .reason import RETIRED, plain_label, translate

if TYPE_CHECKING:
    from softtoken.core.containers.results import RetireOutcome

# retire(done, failed): core's Workstation.retire, off the GUI thread (it may reach the issuer)
Retire = Callable[[Callable[["RetireOutcome"], None], Callable[[BaseException], None]], None]


def _spinner(parent: QWidget) -> QWidget:
    """The design system's spinner, hidden until started (shared with the move page)."""
    from ..states import Spinner

    spinner: QWidget = Spinner(parent)
    spinner.setObjectName("busySpinner")
    spinner.hide()
    return spinner


def _busy(spinner: QWidget, busy: bool) -> None:
    spinner.setVisible(busy)
    getattr(spinner, "start" if busy else "stop")()


class RetirePage(FramedPage):
    """Moving to a new workstation: confirm twice, then remove the token from this one."""

    retired = Signal()

    def __init__(self, token: TokenStatus, retire: Retire, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retirePage")
        self.setTitle(translate("ReplacementWizard", "Remove the token from this workstation"))
        self.setSubTitle(translate("ReplacementWizard", "Token: {name}").format(name=token.name))
        self._token = token
        self._retire = retire
        self._busy = False
        self.done_ok = False
        self.outcome: RetireOutcome | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
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
        self.problem = problem_label(self, icon="error")
        layout.addWidget(problem_row(self.problem))  # under the confirmation it is about
        self.busy_bar = _spinner(self)
        layout.addWidget(self.busy_bar)
        layout.addStretch(1)
        self.setButtonText(QWizard.WizardButton.NextButton, translate("ReplacementWizard", "Remove token"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, translate("ReplacementWizard", "Remove token"))
        self.forward_role = "danger"  # the token is destroyed here

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
        show_problem(self.problem, "")
        _busy(self.busy_bar, True)
        self.completeChanged.emit()
        self._retire(self._done, self._failed)
        return False

    def _done(self, outcome: RetireOutcome) -> None:
        self.outcome = outcome
        self._busy = False
        _busy(self.busy_bar, False)
        self.done_ok = True
        self.retired.emit()
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        _busy(self.busy_bar, False)
        show_problem(self.problem, message_for(exc))
        self.completeChanged.emit()

    def nextId(self) -> int:
        return RETIRED


class RetiredPage(FramedPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retiredPage")
        self.setTitle(translate("ReplacementWizard", "The token was removed"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
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
        self.registration = plain_label("", self, "retiredRegistration")  # the registration ended too
        self.registration.hide()
        layout.addWidget(self.registration)
        self.note = plain_label("", self, "retiredNote")  # the issuer was not told: the help desk ends it
        set_tone(self.note, Role.WARNING)
        self.note.hide()
        layout.addWidget(self.note)
        layout.addStretch(1)

    def initializePage(self) -> None:
        page = getattr(self.wizard(), "retire_page", None)
        outcome = page.outcome if page is not None else None
        ended = outcome is not None and outcome.unregistered
        self.registration.setVisible(ended)
        self.registration.setText(
            translate(
                "ReplacementWizard",
                "The token came from your registration with {issuer}, so this workstation is no "
                "longer registered and receives no more tokens.",
            ).format(issuer=outcome.issuer or "")
            if ended and outcome is not None
            else ""
        )
        note = outcome.note if outcome is not None else None
        self.note.setVisible(note is not None)
        self.note.setText(core_message(note) if note is not None else "")

    def nextId(self) -> int:
        return -1
