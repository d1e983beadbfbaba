"""Steps 2 and 3 of the activation wizard (name, PIN), also used by the replacement wizard.

Step 4 (done) is in done_page.py.

They are made after the wizard's first paint: step 1 is what a prescriber sees first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from softtoken.core.activation.request import ActivationRequest
from softtoken.core.activation.twostep import commit_activation
from softtoken.core.errors import PinRejected, TokenNameError
from softtoken.core.naming import MAX_NAME, clean_token_name
from softtoken.core.pin import check_new_pin

from .. import workers
from ..errors import message_for
from ..style import Space
from .common import (
    digits_in_words,
    page_words,
    problem_label,
    problem_row,
    show_problem,
    text_label,
    translate,
)
from .frame import FramedPage
from .noted_pin import NotedPinField

if TYPE_CHECKING:
    from softtoken.core.policy import Policy
    from softtoken.core.token import TokenDescription
    from softtoken.core.vault.vault import TokenStatus

    from .activate_page import ActivatePage

log = logging.getLogger(__name__)


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setHorizontalSpacing(Space.M)
    form.setVerticalSpacing(Space.S)
    return form


def _add_row(form: QFormLayout, text: str, field: QWidget) -> None:
    """A label level with the middle of its (taller) field: QFormLayout puts labels at the top."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    label = QLabel(text, field.parentWidget())
    label.setBuddy(field)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    label.setMinimumHeight(field.sizeHint().height())
    form.addRow(label, field)


class NamePage(FramedPage):
    """Step 2: the token's name ("Enter a name and click the Activate button")."""

    def __init__(
        self, source: ActivatePage, existing_names: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("namePage")
        self.setTitle(translate("ActivationWizard", "Name your token"))
        self.setSubTitle(translate("ActivationWizard", "Enter a name and click the Activate button."))
        self.setButtonText(QWizard.WizardButton.NextButton, translate("ActivationWizard", "Activate"))
        self._source = source
        self._existing = list(existing_names)
        self._named_for: TokenDescription | None = None
        self._name: str | None = None
        self.default_name: str | None = None  # a replacement keeps the old token's name

        intro = text_label(
            translate(
                "ActivationWizard",
                "The name tells your tokens apart, for you and for your help desk. "
                "Use at most {max} characters.",
            ).format(max=MAX_NAME),
            self,
        )
        self._intro = intro
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMaxLength(MAX_NAME)
        self.name_edit.setAccessibleName(translate("ActivationWizard", "Token name"))
        self._name_help = translate("ActivationWizard", "At most {max} characters.").format(max=MAX_NAME)
        self.name_edit.setAccessibleDescription(self._name_help)
        self.problem_label = problem_label(self)
        form = _form()
        _add_row(form, translate("ActivationWizard", "Token &name:"), self.name_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(Space.S)
        layout.addLayout(form)
        layout.addWidget(problem_row(self.problem_label))  # right under the field (a form row: too tall)
        layout.addStretch(1)
        self.name_edit.textChanged.connect(self._validate)

    def name(self) -> str | None:
        return self._name

    def initializePage(self) -> None:
        token = self._source.selected()
        if token is not None and token is not self._named_for:
            self._named_for = token
            self.name_edit.setText(self.default_name or token.suggested_name())
        self._validate()
        self.name_edit.selectAll()
        if not self.problem_label.text():  # the field that takes the focus says the page (issue 17)
            self.name_edit.setAccessibleDescription(page_words(self, self._intro.text()))

    def isComplete(self) -> bool:
        return self._name is not None

    def _validate(self) -> None:
        try:
            self._name = clean_token_name(self.name_edit.text(), self._existing)
        except TokenNameError as exc:
            self._name = None
            show_problem(self.problem_label, message_for(exc), self.name_edit, self._name_help)
        else:
            if self.problem_label.text():  # only a problem gone changes what the field says
                show_problem(self.problem_label, "", self.name_edit, self._name_help)
        self.completeChanged.emit()


# --------------------------------------------------------------------------- step 3


class PinPage(FramedPage):
    """Step 3: the token PIN, typed twice; "Continue" makes the token (in the background)."""

    committed = Signal(object)

    def __init__(
        self,
        policy: Policy,
        source: ActivatePage,
        naming: NamePage,
        commit: Callable[[ActivationRequest], TokenStatus],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pinPage")
        self._policy = policy
        self._source = source
        self._naming = naming
        self._commit = commit
        self._busy = False
        self.status: TokenStatus | None = None
        self.client_part = ""
        length = policy.pin_length
        words = digits_in_words(length)

        self.setTitle(translate("ActivationWizard", "Set your token PIN"))
        self.setSubTitle(translate("ActivationWizard", "Click Continue to complete your token set up."))
        self.setCommitPage(True)  # the token exists after this page: no Back from step 4
        for button in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.NextButton):
            self.setButtonText(button, translate("ActivationWizard", "Continue"))

        intro = text_label(
            translate(
                "ActivationWizard",
                "This is a {words}-digit code that you'll need to enter each time you use your soft "
                "token, so choose something that you'll remember. Avoid easy PINs such as 1234 or "
                "your birth year.",
            ).format(words=words),
            self,
        )
        self._intro = intro
        self._pin_help = ""  # the PinField says "4 digits." itself, and "3 of 4 digits." as they are typed
        self.pin_edit = self._pin_field("pinEdit", translate("ActivationWizard", "New token PIN"))
        self.confirm_edit = self._pin_field(
            "confirmEdit", translate("ActivationWizard", "Type the PIN again")
        )
        self.show_check = QCheckBox(translate("ActivationWizard", "&Show PIN"), self)
        self.show_check.setObjectName("showPinCheck")
        self.show_check.setAccessibleName(translate("ActivationWizard", "Show PIN"))
        self.show_check.setAccessibleDescription(
            translate("ActivationWizard", "Shows the digits you type. Make sure nobody is watching.")
        )
        self.show_check.toggled.connect(self._show_pin)

        self.problem_label = problem_label(self)
        busy = self._busy_row()

        form = _form()
        _add_row(form, translate("ActivationWizard", "&PIN:"), self.pin_edit)
        _add_row(form, translate("ActivationWizard", "&Type it again:"), self.confirm_edit)
        # "Show PIN" in the fields' column, under the PINs; the problem right under it, the page's
        # width (a wrapped line in a form row is given two or three lines too many).
        form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, self.show_check)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(Space.S)
        layout.addLayout(form)
        layout.addWidget(problem_row(self.problem_label))
        layout.addLayout(busy)
        layout.addStretch(1)
        QWidget.setTabOrder(self.pin_edit, self.confirm_edit)
        QWidget.setTabOrder(self.confirm_edit, self.show_check)

    def _pin_field(self, name: str, accessible: str) -> NotedPinField:
        length = self._policy.pin_length
        edit = NotedPinField(length, self)  # digits only, never on a clipboard or the primary selection
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setAccessibleDescription(self._pin_help)
        edit.textChanged.connect(self._validate)
        return edit

    def _busy_row(self) -> QHBoxLayout:
        """A spinner and "Activating…" while core makes the token (Argon2, the TPM)."""
        from ..states import Spinner

        self.busy_bar = Spinner(self)
        self.busy_bar.setObjectName("busyBar")
        self.busy_label = text_label(translate("ActivationWizard", "Activating…"), self)
        self.busy_label.setObjectName("busyLabel")
        self.busy_bar.hide()
        self.busy_label.hide()
        row = QHBoxLayout()
        row.setSpacing(Space.S)
        row.addWidget(self.busy_bar)
        row.addWidget(self.busy_label, 1)
        return row

    @property
    def busy(self) -> bool:
        return self._busy

    def isComplete(self) -> bool:
        if self._busy:
            return False
        if self.status is not None:
            return True
        try:
            check_new_pin(self.pin_edit.pin(), self.confirm_edit.pin(), self._policy)
        except PinRejected:
            return False
        return True

    def initializePage(self) -> None:
        """The first field says the page, the "avoid easy PINs" advice too, until a digit is typed."""
        self.pin_edit.say_once(page_words(self, self._intro.text()))

    def cleanupPage(self) -> None:
        """Going Back forgets the PIN typed so far."""
        self._clear_pins()

    def _clear_pins(self) -> None:
        for edit in (self.pin_edit, self.confirm_edit):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self._say_problem("")
        self.completeChanged.emit()

    def _say_problem(self, reason: str, on_confirm: bool = False) -> None:
        """The problem line, and the field it is about says it (a mismatch: the second one)."""
        field, other = self.pin_edit, self.confirm_edit
        if on_confirm:
            field, other = other, field
        show_problem(self.problem_label, reason, field, self._pin_help)
        other.setAccessibleDescription(self._pin_help)  # a PinField says a change only

    def _show_pin(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.pin_edit.setEchoMode(mode)
        self.confirm_edit.setEchoMode(mode)

    def _validate(self) -> None:
        """Say what is wrong as soon as it is certain; stay quiet while the PIN is being typed."""
        pin, confirm = self.pin_edit.pin(), self.confirm_edit.pin()
        reason, mismatch = "", False
        still_typing = len(pin) < self._policy.pin_length and not confirm
        retyping = len(confirm) < len(pin) and pin.startswith(confirm)
        if pin and not still_typing:
            try:
                check_new_pin(pin, pin if retyping else confirm, self._policy)
            except PinRejected as exc:
                reason = message_for(exc)
                mismatch = self._pin_is_fine(pin)  # the PINs differ: said where it was typed again
        self._say_problem(reason, on_confirm=mismatch)
        self.completeChanged.emit()

    def _pin_is_fine(self, pin: str) -> bool:
        try:
            check_new_pin(pin, pin, self._policy)
        except PinRejected:
            return False
        return True

    def validatePage(self) -> bool:
        if self.status is not None:
            return True
        if self._busy or not self.isComplete():
            return False
        description = self._source.selected()
        name = self._naming.name()
        if description is None or name is None:  # cannot happen: the earlier pages were complete
            return False
        pin, confirm, commit = self.pin_edit.pin(), self.confirm_edit.pin(), self._commit

        def work() -> tuple[TokenStatus, str]:  # core completes a two-step activation and wipes
            return commit_activation(
                description,
                lambda final, client_part: commit(
                    ActivationRequest(final, name, pin, confirm, client_part=client_part)
                ),
            )

        self._set_busy(True)
        workers.run_in_background(work, self._committed, self._failed, owner=self)
        return False

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.pin_edit, self.confirm_edit, self.show_check):
            widget.setEnabled(not busy)
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        if busy:
            self.busy_bar.start()
        else:
            self.busy_bar.stop()
        if busy:
            show_problem(self.problem_label, "")
        self.completeChanged.emit()  # QWizard re-enables its buttons here; then ours below
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(not busy)
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)

    def _committed(self, result: tuple[TokenStatus, str]) -> None:
        self.status, self.client_part = result
        self._set_busy(False)
        self._clear_pins()
        self.committed.emit(self.status)
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._say_problem(message_for(exc))
        self.pin_edit.setFocus()
