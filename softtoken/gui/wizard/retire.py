"""Moving to a new workstation: the token is removed here after two confirmations (never exported)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QProgressBar, QVBoxLayout, QWidget, QWizard, QWizardPage

from softtoken.core.vault.vault import TokenStatus

from .. import dialogs, workers
from ..errors import message_for
from ..style import problem_color
from .reason import RETIRED, plain_label, translate


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
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.hide()
        layout.addWidget(self.busy_bar)
        self.problem = plain_label("", self, "problemLabel")
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
        layout.addStretch(1)

    def nextId(self) -> int:
        return -1
