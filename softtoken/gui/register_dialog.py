"""Registering this workstation with an issuer: the confirmation a pia://container link opens.

It names the issuer and its address (what the prescriber checks before saying
yes), asks for the passphrase when the link says the issuer wants one, and
registers on the issuer's worker. The outcome is said in the same dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .errors import message_for
from .style import Space, Type, make_card, set_role, set_type
from .wizard.common import problem_label, problem_row, show_problem

if TYPE_CHECKING:
    from softtoken.core.containers.link import ContainerLink
    from softtoken.core.containers.results import Registration, RegistrationPreview

    from .workstation import WorkstationService

translate = QCoreApplication.translate
CONTEXT = "RegisterDialog"


def _plain(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # the issuer's name and URL are shown as sent
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class RegisterDialog(QDialog):
    """Confirm the issuer, then register; ``registration`` is set once it worked."""

    def __init__(
        self,
        service: WorkstationService,
        link: ContainerLink,
        preview: RegistrationPreview,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registerDialog")
        self.setWindowTitle(translate(CONTEXT, "Register this workstation"))
        self._service = service
        self._link = link
        self.preview = preview
        self.registration: Registration | None = None
        self.busy = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.XL, Space.XL, Space.XL, Space.L)
        layout.setSpacing(Space.M)
        self.question = _plain(
            translate(CONTEXT, "Register this workstation with {issuer}?").format(issuer=preview.issuer),
            self,
            "registerQuestion",
        )
        set_type(self.question, Type.TITLE)
        layout.addWidget(self.question)
        # What the link says (who, where, which container) on a card; what to type below it.
        self.details = QFrame(self)
        self.details.setObjectName("registerDetails")
        make_card(self.details)
        card = QFormLayout(self.details)
        card.setContentsMargins(Space.L, Space.M, Space.L, Space.M)
        card.setHorizontalSpacing(Space.L)
        self._form = form = QFormLayout()
        form.setHorizontalSpacing(Space.L)
        self.issuer_value = self._value(preview.issuer, "issuerValue", translate(CONTEXT, "Issuer"))
        self.url_value = self._value(preview.url, "urlValue", translate(CONTEXT, "Issuer address"))
        self.serial_value = self._value(preview.serial, "containerValue", translate(CONTEXT, "Container"))
        card.addRow(translate(CONTEXT, "Issuer:"), self.issuer_value)
        card.addRow(translate(CONTEXT, "Address:"), self.url_value)
        card.addRow(translate(CONTEXT, "Container:"), self.serial_value)
        layout.addWidget(self.details)
        self.passphrase_edit: QLineEdit | None = None
        if preview.needs_passphrase:
            edit = QLineEdit(self)
            edit.setObjectName("passphraseEdit")
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(translate(CONTEXT, "Passphrase"))
            edit.textChanged.connect(self._changed)
            prompt = preview.passphrase_prompt.strip() or translate(CONTEXT, "Passphrase:")
            label = _plain(prompt, self, "passphrasePrompt")
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.passphrase_edit = edit
        self.problem = problem_label(self, icon="error")
        layout.addLayout(form)
        layout.addWidget(problem_row(self.problem))  # under the passphrase (the field it may be about)
        self.explanation = _plain(
            translate(
                CONTEXT,
                "Once registered, new and replacement tokens from your help desk arrive on this "
                "workstation by themselves. Register only if your help desk sent you this link and "
                "the issuer and address above are theirs.",
            ),
            self,
            "registerExplanation",
        )
        layout.addWidget(self.explanation)
        busy_row = QHBoxLayout()
        busy_row.setSpacing(Space.S)
        self.busy_label = _plain(translate(CONTEXT, "Registering…"), self, "busyLabel")
        from .states import Spinner

        self.busy_bar = Spinner(self)
        self.busy_bar.setObjectName("busySpinner")
        self.busy_bar.setAccessibleName(translate(CONTEXT, "Registering"))
        busy_row.addWidget(self.busy_bar)
        busy_row.addWidget(self.busy_label, 1)
        self.busy_label.hide()
        self.busy_bar.hide()
        layout.addLayout(busy_row)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.register_button = QPushButton(translate(CONTEXT, "&Register"), self)
        self.register_button.setObjectName("registerButton")
        self.register_button.setDefault(True)
        set_role(self.register_button, "primary")
        self.register_button.clicked.connect(self.register)
        self.cancel_button = QPushButton(translate(CONTEXT, "Cancel"), self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.reject)
        set_role(self.cancel_button, "secondary")
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        service.registered.connect(self._registered)
        service.register_failed.connect(self._failed)
        self.setMinimumWidth(520)
        self.resize(560, 320)
        (self.passphrase_edit or self.register_button).setFocus()
        self._changed()

    def _value(self, text: str, name: str, accessible: str) -> QLabel:
        label = _plain(text, self, name)
        set_type(label, Type.STRONG)  # what the prescriber checks before saying yes
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(accessible)
        label.setAccessibleDescription(text)
        return label

    def _changed(self) -> None:
        needs = self.passphrase_edit is not None and not self.passphrase_edit.text()
        self.register_button.setEnabled(not self.busy and not needs and self.registration is None)

    def register(self) -> None:
        if self.busy or self.registration is not None:
            return
        passphrase = self.passphrase_edit.text() if self.passphrase_edit is not None else None
        self._set_busy(True)
        show_problem(self.problem, "")
        self._service.register(self._link, passphrase)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        if busy:
            self.busy_bar.start()
        else:
            self.busy_bar.stop()
        self.cancel_button.setEnabled(not busy)
        if self.passphrase_edit is not None:
            self.passphrase_edit.setEnabled(not busy)
        self._changed()

    def _registered(self, registration: Registration) -> None:
        if not self.busy:
            return
        self.registration = registration
        self._set_busy(False)
        if self.passphrase_edit is not None:
            self.passphrase_edit.clear()
            self._form.setRowVisible(self.passphrase_edit, False)  # asked and sent: nothing to type now
        self.question.setText(
            translate(CONTEXT, "This workstation is registered with {issuer}.").format(
                issuer=registration.issuer
            )
        )
        self.explanation.setText(
            translate(
                CONTEXT,
                "New and replacement tokens from your help desk will now appear here by themselves: "
                "softtoken asks the issuer when it starts and every {minutes} minutes while it runs.",
            ).format(minutes=self._service.sync_minutes)
        )
        self.register_button.hide()
        self.cancel_button.setText(translate(CONTEXT, "Close"))
        self.cancel_button.setEnabled(True)
        self.cancel_button.setDefault(True)
        set_role(self.cancel_button, "primary")  # the one thing left to do
        self.cancel_button.setFocus()

    def _failed(self, exc: BaseException) -> None:
        if not self.busy:
            return
        self._set_busy(False)
        show_problem(self.problem, message_for(exc), self.passphrase_edit)
        (self.passphrase_edit or self.register_button).setFocus()

    def reject(self) -> None:
        if self.busy:  # the issuer is being asked: the answer must be seen
            return
        if self.passphrase_edit is not None:
            self.passphrase_edit.clear()
        super().reject()

    def done(self, result: int) -> None:
        if self.busy:
            return
        import contextlib

        with contextlib.suppress(RuntimeError):  # done twice (closed, then the app quit)
            self._service.registered.disconnect(self._registered)
            self._service.register_failed.disconnect(self._failed)
        super().done(result)
