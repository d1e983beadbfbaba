"""The first-run activation wizard: link, QR code or key file → name → PIN → done.

The four steps mirror the help-center wording prescribers and help desks
already know ("name your token … click the Activate button", "set a token
PIN … Click Continue", "may take up to 60 minutes"). All checks are core's;
this module only shows their answers, inline, next to the field concerned.

Keyboard: Enter presses the wizard's default button (Next / Activate /
Continue / Finish) on every page. In the paste box Enter starts a new line
(pasted e-mails have many); press Ctrl+Enter there to go on, or Tab to leave
the box.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QKeyEvent,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from softtoken.core.activation.request import ActivationRequest
from softtoken.core.activation.sources import (
    PskcSecrets,
    tokens_from_file,
    tokens_from_qr_texts,
    tokens_from_text,
)
from softtoken.core.activation.twostep import complete_two_step
from softtoken.core.errors import PinRejected, TokenNameError
from softtoken.core.naming import MAX_NAME, clean_token_name
from softtoken.core.otp import TokenType
from softtoken.core.pin import check_new_pin

from .. import dialogs, qr_scan, workers
from ..errors import message_for
from ..style import problem_color

if TYPE_CHECKING:
    from softtoken.core.clock import Clock
    from softtoken.core.policy import Policy
    from softtoken.core.token import TokenDescription
    from softtoken.core.vault.vault import TokenStatus

log = logging.getLogger(__name__)

translate = QCoreApplication.translate


def _digits_in_words(n: int) -> str:
    """Say "four-digit" as the help center does, not "4-digit"."""
    words = {
        4: translate("ActivationWizard", "four"),
        5: translate("ActivationWizard", "five"),
        6: translate("ActivationWizard", "six"),
        7: translate("ActivationWizard", "seven"),
        8: translate("ActivationWizard", "eight"),
    }
    return words.get(n, str(n))


class _Cancelled(Exception):
    """The prescriber closed a password prompt: leave the page as it was."""


class _Refused(Exception):
    """Something typed into a prompt is unusable; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --------------------------------------------------------------------------- shared widgets


def _problem_label(parent: QWidget) -> QLabel:
    """The inline problem line every page has: plain words, wrapped, readable in dark themes."""
    label = QLabel(parent)
    label.setObjectName("problemLabel")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(translate("ActivationWizard", "Problem"))
    label.setStyleSheet(f"color: {problem_color(parent)};")
    label.hide()
    return label


def _show_problem(label: QLabel, text: str, field: QWidget | None = None, help_text: str = "") -> None:
    label.setText(text)
    label.setAccessibleDescription(text)
    label.setVisible(bool(text))
    if field is not None:  # a screen reader reads the reason with the field
        field.setAccessibleDescription(text or help_text)


def _text_label(text: str, parent: QWidget, *, rich: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    return label


def describe_token(token: TokenDescription) -> str:
    """One line about a token for the prescriber to check: never the seed."""
    if token.type is TokenType.TOTP:
        kind = translate(
            "ActivationWizard", "time-based token (TOTP), a new {digits}-digit code every {period} seconds"
        ).format(digits=token.digits, period=token.period)
    else:
        kind = translate("ActivationWizard", "counter-based token (HOTP), {digits}-digit codes")
        kind = kind.format(digits=token.digits)
    details = []
    if token.issuer:
        details.append(translate("ActivationWizard", "issuer {issuer}").format(issuer=token.issuer[:60]))
    if token.account:
        details.append(translate("ActivationWizard", "account {account}").format(account=token.account[:60]))
    if token.serial:
        details.append(translate("ActivationWizard", "serial {serial}").format(serial=token.serial[:64]))
    line = kind
    if details:
        line = translate("ActivationWizard", "{kind}; {details}")
        line = line.format(kind=kind, details=", ".join(details))
    if token.two_step is not None:
        line += " " + translate(
            "ActivationWizard",
            "(two-step activation: at the end you get a code to type into the issuer's page)",
        )
    return line


def _source_button(parent: QWidget, name: str, text: str, accessible: str, description: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setAccessibleDescription(description)
    button.setAutoDefault(False)  # Enter goes to the wizard's Next; Space presses a focused button
    return button


def _entry_label(token: TokenDescription) -> str:
    """How one token of several is told apart in the choice list: who, which account, which serial."""
    parts = [" ".join(part.split())[:40] for part in (token.issuer, token.account, token.serial)]
    kind = "TOTP" if token.type is TokenType.TOTP else "HOTP"
    return f"{' · '.join(part for part in parts if part) or token.suggested_name()} ({kind})"


class _PasteBox(QPlainTextEdit):
    """The paste box: Enter makes a new line, Ctrl+Enter asks to go on, Tab leaves."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


# --------------------------------------------------------------------------- step 1


class ActivatePage(QWizardPage):
    """Step 1: the activation link, a QR code (file or screen) or a PSKC key file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activatePage")
        self.setTitle(translate("ActivationWizard", "Step 1 of 4: Activate your token"))
        self.setSubTitle(
            translate(
                "ActivationWizard",
                "Paste the link from the issuer's e-mail, or open the QR code or key file you got.",
            )
        )
        self._tokens: list[TokenDescription] = []
        self._origin = ""

        box_label = _text_label(
            translate("ActivationWizard", "Activation link (starts with otpauth://):"), self
        )
        self.link_edit = self._paste_box()
        box_label.setBuddy(self.link_edit)

        self.open_image_button = _source_button(
            self,
            "openImageButton",
            translate("ActivationWizard", "Open QR image…"),
            translate("ActivationWizard", "Open QR image"),
            translate("ActivationWizard", "Choose a saved picture or screenshot of the QR code."),
        )
        self.scan_button = _source_button(
            self,
            "scanScreenButton",
            translate("ActivationWizard", "Scan QR code on screen"),
            translate("ActivationWizard", "Scan QR code on screen"),
            translate(
                "ActivationWizard",
                "Reads a QR code that is visible on your screen now, for example in the issuer's "
                "web page. Move this window aside so the whole code can be seen.",
            ),
        )
        self.open_pskc_button = _source_button(
            self,
            "openPskcButton",
            translate("ActivationWizard", "Open key file (PSKC)…"),
            translate("ActivationWizard", "Open key file (PSKC)"),
            translate("ActivationWizard", "Choose the PSKC key file the token vendor sent."),
        )
        self.open_image_button.clicked.connect(self._open_image)
        self.scan_button.clicked.connect(self._scan_screen)
        self.open_pskc_button.clicked.connect(self._open_pskc)

        self.entry_label = _text_label(
            translate("ActivationWizard", "This holds several tokens. Activate:"), self
        )
        self.entry_label.setWordWrap(False)
        self.entry_combo = QComboBox(self)
        self.entry_combo.setObjectName("entryCombo")
        self.entry_combo.setAccessibleName(translate("ActivationWizard", "Token to activate"))
        self.entry_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.entry_combo.setMinimumContentsLength(24)
        self.entry_combo.currentIndexChanged.connect(self._show_summary)
        self.entry_label.setBuddy(self.entry_combo)

        self.summary_label = _text_label("", self)
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setAccessibleName(translate("ActivationWizard", "Token found"))
        self.problem_label = _problem_label(self)

        buttons = QHBoxLayout()
        buttons.addWidget(self.open_image_button)
        buttons.addWidget(self.scan_button)
        buttons.addWidget(self.open_pskc_button)
        buttons.addStretch(1)
        entries = QHBoxLayout()
        entries.addWidget(self.entry_label)
        entries.addWidget(self.entry_combo, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(box_label)
        layout.addWidget(self.link_edit)
        layout.addLayout(buttons)
        layout.addSpacing(6)
        layout.addLayout(entries)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)
        chain = (
            self.link_edit,
            self.open_image_button,
            self.scan_button,
            self.open_pskc_button,
            self.entry_combo,
        )
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        self.link_edit.textChanged.connect(self._validate_text)
        self.link_edit.submitted.connect(self._submit)
        self._show_tokens()

    def _paste_box(self) -> _PasteBox:
        box = _PasteBox(self)
        box.setObjectName("linkEdit")
        box.setTabChangesFocus(True)
        box.setPlaceholderText(
            translate(
                "ActivationWizard",
                "Paste the link here (Ctrl+V). You may paste the whole e-mail.\n"
                "Then press Ctrl+Enter, or Tab to the buttons.",
            )
        )
        box.setAccessibleName(translate("ActivationWizard", "Activation link"))
        self._link_help = translate(
            "ActivationWizard",
            "Paste the activation link or the whole e-mail. Enter starts a new line; "
            "press Ctrl+Enter to go to the next step, or Tab to leave the box.",
        )
        box.setAccessibleDescription(self._link_help)
        box.setFixedHeight(box.fontMetrics().lineSpacing() * 5 + 12)
        return box

    # ------------------------------------------------------------------ state

    def tokens(self) -> list[TokenDescription]:
        return list(self._tokens)

    def selected(self) -> TokenDescription | None:
        if not self._tokens:
            return None
        index = max(self.entry_combo.currentIndex(), 0)
        return self._tokens[index] if index < len(self._tokens) else None

    def isComplete(self) -> bool:
        token = self.selected()
        return token is not None and not token.secret.wiped

    def set_link(self, text: str) -> None:
        self.link_edit.setPlainText(text)  # textChanged validates

    def discard(self) -> None:
        """Wipe every seed read so far and empty the paste box (the link holds the seed)."""
        self._set_tokens([], "")
        self._clear_box()

    def _set_tokens(self, tokens: list[TokenDescription], origin: str) -> None:
        for old in self._tokens:
            if all(old is not new for new in tokens):
                old.secret.wipe()
        self._tokens = list(tokens)
        self._origin = origin
        self._show_tokens()

    def _fail(self, exc: BaseException | str) -> None:
        self._set_tokens([], "")
        text = exc if isinstance(exc, str) else message_for(exc)
        _show_problem(self.problem_label, text, self.link_edit, self._link_help)

    def _succeed(self, tokens: list[TokenDescription], origin: str) -> None:
        self._set_tokens(tokens, origin)
        _show_problem(self.problem_label, "", self.link_edit, self._link_help)

    # ------------------------------------------------------------------ display

    def _show_tokens(self) -> None:
        self.entry_combo.blockSignals(True)
        self.entry_combo.clear()
        for position, token in enumerate(self._tokens, start=1):
            self.entry_combo.addItem(f"{position}. {_entry_label(token)}")
        self.entry_combo.setCurrentIndex(0 if self._tokens else -1)
        self.entry_combo.blockSignals(False)
        several = len(self._tokens) > 1
        self.entry_label.setVisible(several)
        self.entry_combo.setVisible(several)
        self._show_summary()

    def _show_summary(self) -> None:
        token = self.selected()
        if token is None:
            self.summary_label.clear()
            self.summary_label.hide()
        else:
            if self._origin:
                text = translate("ActivationWizard", "Found in {origin}: {token}.")
                text = text.format(origin=self._origin, token=describe_token(token))
            else:
                text = translate("ActivationWizard", "Found: {token}.").format(token=describe_token(token))
            self.summary_label.setText(text)
            self.summary_label.setAccessibleDescription(text)
            self.summary_label.show()
        self.completeChanged.emit()

    # ------------------------------------------------------------------ routes

    def _validate_text(self) -> None:
        text = self.link_edit.toPlainText()
        if not text.strip():
            self._succeed([], "")
            return
        try:
            tokens = tokens_from_text(text)
        except Exception as exc:  # noqa: BLE001 - core raises SoftTokenError; a bug is said to be one
            self._fail(exc)
            return
        self._succeed(tokens, "")

    def _submit(self) -> None:
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self and self.isComplete():
            wizard.next()

    def _open_image(self) -> None:
        path = dialogs.open_file(
            self,
            translate("ActivationWizard", "Open QR image"),
            translate("ActivationWizard", "Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;All files (*)"),
        )
        if path:
            self._load_file(Path(path))

    def _open_pskc(self) -> None:
        path = dialogs.open_file(
            self,
            translate("ActivationWizard", "Open key file (PSKC)"),
            translate("ActivationWizard", "Key files (*.pskc *.pskcxml *.xml);;All files (*)"),
        )
        if path:
            self._load_file(Path(path))

    def _load_file(self, path: Path) -> None:
        secrets = PskcSecrets(password=self._ask_password, psk=self._ask_psk)
        try:
            tokens = tokens_from_file(path, secrets)
        except _Cancelled:
            return
        except _Refused as refused:
            self._other_source_failed(refused.message)
            return
        except Exception as exc:  # noqa: BLE001 - message_for says what it is, a bug included
            self._other_source_failed(exc)
            return
        self._other_source_gave(tokens, path.name)

    def _ask_password(self) -> str:
        answer = dialogs.secret(
            self,
            translate("ActivationWizard", "Key file password"),
            translate(
                "ActivationWizard",
                "This key file is protected by a password. Enter the password the vendor sent with it:",
            ),
        )
        if answer is None:
            raise _Cancelled
        return answer

    def _ask_psk(self) -> bytes:
        answer = dialogs.secret(
            self,
            translate("ActivationWizard", "Key file key"),
            translate(
                "ActivationWizard",
                "This key file is locked with a key the vendor sent separately. "
                "Type its 32 hex digits (0-9 and A-F):",
            ),
        )
        if answer is None:
            raise _Cancelled
        digits = "".join(ch for ch in answer if ch not in " \t-:")
        if len(digits) != 32 or any(ch not in "0123456789abcdefABCDEF" for ch in digits):
            raise _Refused(
                translate(
                    "ActivationWizard",
                    "The key must be exactly 32 hex digits (0-9 and A-F). Check it and open the key "
                    "file again.",
                )
            )
        return bytes.fromhex(digits)

    def _scan_screen(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            tokens = tokens_from_qr_texts(qr_scan.scan_screens())
        except Exception as exc:  # noqa: BLE001 - message_for says what it is, a bug included
            self._other_source_failed(exc)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._other_source_gave(tokens, translate("ActivationWizard", "a QR code on the screen"))

    # A file or the screen replaces whatever the paste box held, whether it worked or not:
    # the page always shows one source and what came of it.

    def _other_source_gave(self, tokens: list[TokenDescription], origin: str) -> None:
        self._clear_box()
        self._succeed(tokens, origin)

    def _other_source_failed(self, problem: BaseException | str) -> None:
        self._clear_box()
        self._fail(problem)

    def _clear_box(self) -> None:
        self.link_edit.blockSignals(True)
        self.link_edit.clear()
        self.link_edit.blockSignals(False)


# --------------------------------------------------------------------------- step 2


class NamePage(QWizardPage):
    """Step 2: the token's name ("Enter a name and click the Activate button")."""

    def __init__(
        self, source: ActivatePage, existing_names: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("namePage")
        self.setTitle(translate("ActivationWizard", "Step 2 of 4: Name your token"))
        self.setSubTitle(translate("ActivationWizard", "Enter a name and click the Activate button."))
        self.setButtonText(QWizard.WizardButton.NextButton, translate("ActivationWizard", "Activate"))
        self._source = source
        self._existing = list(existing_names)
        self._named_for: TokenDescription | None = None
        self._name: str | None = None
        self.default_name: str | None = None  # a replacement keeps the old token's name

        intro = _text_label(
            translate(
                "ActivationWizard",
                "The name tells your tokens apart, for you and for your help desk. "
                "Use at most {max} characters.",
            ).format(max=MAX_NAME),
            self,
        )
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMaxLength(MAX_NAME)
        self.name_edit.setAccessibleName(translate("ActivationWizard", "Token name"))
        self._name_help = translate("ActivationWizard", "At most {max} characters.").format(max=MAX_NAME)
        self.name_edit.setAccessibleDescription(self._name_help)
        self.problem_label = _problem_label(self)
        form = QFormLayout()
        form.addRow(translate("ActivationWizard", "Token &name:"), self.name_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
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

    def isComplete(self) -> bool:
        return self._name is not None

    def _validate(self) -> None:
        try:
            self._name = clean_token_name(self.name_edit.text(), self._existing)
        except TokenNameError as exc:
            self._name = None
            _show_problem(self.problem_label, message_for(exc), self.name_edit, self._name_help)
        else:
            _show_problem(self.problem_label, "", self.name_edit, self._name_help)
        self.completeChanged.emit()


# --------------------------------------------------------------------------- step 3


class PinPage(QWizardPage):
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
        words = _digits_in_words(length)

        self.setTitle(translate("ActivationWizard", "Step 3 of 4: Set your token PIN"))
        self.setSubTitle(translate("ActivationWizard", "Click Continue to complete your token set up."))
        self.setCommitPage(True)  # the token exists after this page: no Back from step 4
        for button in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.NextButton):
            self.setButtonText(button, translate("ActivationWizard", "Continue"))

        intro = _text_label(
            translate(
                "ActivationWizard",
                "This is a {words}-digit code that you'll need to enter each time you use your soft "
                "token, so choose something that you'll remember. Avoid easy PINs such as 1234 or "
                "your birth year.",
            ).format(words=words),
            self,
        )
        self._pin_help = translate("ActivationWizard", "{n} digits.").format(n=length)
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

        self.problem_label = _problem_label(self)
        busy = self._busy_row()

        form = QFormLayout()
        form.addRow(translate("ActivationWizard", "&PIN:"), self.pin_edit)
        form.addRow(translate("ActivationWizard", "&Type it again:"), self.confirm_edit)
        form.addRow("", self.show_check)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addLayout(busy)
        layout.addStretch(1)
        QWidget.setTabOrder(self.pin_edit, self.confirm_edit)
        QWidget.setTabOrder(self.confirm_edit, self.show_check)

    def _pin_field(self, name: str, accessible: str) -> QLineEdit:
        length = self._policy.pin_length
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setAccessibleDescription(self._pin_help)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        # Not QIntValidator: it lets "+1" and "-0" through.
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{length}}}"), edit))
        edit.setMaxLength(length)
        edit.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0") * (length + 8) + 24)
        edit.textChanged.connect(self._validate)
        return edit

    def _busy_row(self) -> QHBoxLayout:
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName("busyBar")
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName(translate("ActivationWizard", "Activating"))
        self.busy_label = _text_label(translate("ActivationWizard", "Activating…"), self)
        self.busy_label.setObjectName("busyLabel")
        self.busy_bar.hide()
        self.busy_label.hide()
        row = QHBoxLayout()
        row.addWidget(self.busy_label)
        row.addWidget(self.busy_bar, 1)
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
            check_new_pin(self.pin_edit.text(), self.confirm_edit.text(), self._policy)
        except PinRejected:
            return False
        return True

    def cleanupPage(self) -> None:
        """Going Back forgets the PIN typed so far."""
        self._clear_pins()

    def _clear_pins(self) -> None:
        for edit in (self.pin_edit, self.confirm_edit):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        _show_problem(self.problem_label, "", self.pin_edit, self._pin_help)
        self.completeChanged.emit()

    def _show_pin(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.pin_edit.setEchoMode(mode)
        self.confirm_edit.setEchoMode(mode)

    def _validate(self) -> None:
        """Say what is wrong as soon as it is certain; stay quiet while the PIN is being typed."""
        pin, confirm = self.pin_edit.text(), self.confirm_edit.text()
        reason = ""
        still_typing = len(pin) < self._policy.pin_length and not confirm
        retyping = len(confirm) < len(pin) and pin.startswith(confirm)
        if pin and not still_typing:
            try:
                check_new_pin(pin, pin if retyping else confirm, self._policy)
            except PinRejected as exc:
                reason = message_for(exc)
        _show_problem(self.problem_label, reason, self.pin_edit, self._pin_help)
        self.completeChanged.emit()

    def validatePage(self) -> bool:
        if self.status is not None:
            return True
        if self._busy or not self.isComplete():
            return False
        description = self._source.selected()
        name = self._naming.name()
        if description is None or name is None:  # cannot happen: the earlier pages were complete
            return False
        pin, confirm, commit = self.pin_edit.text(), self.confirm_edit.text(), self._commit

        def work() -> tuple[TokenStatus, str]:
            if description.two_step is None:
                return commit(ActivationRequest(description, name, pin, confirm)), ""
            result = complete_two_step(description)
            try:
                client_part = result.client_part_text()
                request = ActivationRequest(result.token, name, pin, confirm, client_part=client_part)
                return commit(request), client_part
            finally:
                result.token.secret.wipe()
                result.client_part.wipe()

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
            _show_problem(self.problem_label, "")
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
        _show_problem(self.problem_label, message_for(exc), self.pin_edit, self._pin_help)
        self.pin_edit.setFocus()


# --------------------------------------------------------------------------- step 4


class DonePage(QWizardPage):
    """Step 4: the token exists; say when it can be used and, for two-step, what to type."""

    def __init__(self, policy: Policy, clock: Clock, made: PinPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("donePage")
        self.setTitle(translate("ActivationWizard", "Step 4 of 4: Done"))
        self.setSubTitle(translate("ActivationWizard", "Your soft token is set up."))
        self._policy = policy
        self._clock = clock
        self._made = made

        self.name_value = self._value_label("nameValue", translate("ActivationWizard", "Token name"))
        self.serial_value = self._value_label("serialValue", translate("ActivationWizard", "Serial number"))
        form = QFormLayout()
        form.addRow(translate("ActivationWizard", "Token name:"), self.name_value)
        form.addRow(translate("ActivationWizard", "Serial number:"), self.serial_value)

        self.sync_label = _text_label("", self)
        self.sync_label.setObjectName("syncLabel")
        self.client_intro = _text_label(
            translate("ActivationWizard", "To finish, type this activation code into the issuer's page:"),
            self,
        )
        self.client_intro.setObjectName("clientPartIntro")
        self.client_part_label = QLabel(self)
        self.client_part_label.setObjectName("clientPartLabel")
        self.client_part_label.setTextFormat(Qt.TextFormat.PlainText)
        self.client_part_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.client_part_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(mono.pointSizeF(), self.font().pointSizeF()) * 1.6)
        mono.setWeight(QFont.Weight.Bold)
        self.client_part_label.setFont(mono)
        self.client_part_label.setAccessibleName(translate("ActivationWizard", "Activation code"))
        self.client_part_label.setAccessibleDescription(
            translate("ActivationWizard", "Type this code into the issuer's page to finish.")
        )
        self.client_part_label.setMargin(6)
        self.client_part_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.confirm_note = _text_label(
            translate(
                "ActivationWizard",
                "If the issuer's page asks for a passcode to confirm the activation, click Finish "
                "and enter your PIN to see one.",
            ),
            self,
        )
        self.confirm_note.setObjectName("confirmNote")
        # Proof of activation ("verify enrollment"): the first passcode, behind the new PIN.
        self.unlock: Callable[[str, str], str] | None = None
        self.proof_pin = QLineEdit(self)
        self.proof_pin.setObjectName("proofPinEdit")
        self.proof_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.proof_pin.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), self.proof_pin)
        )
        self.proof_pin.setMaximumWidth(160)
        self.proof_pin.setAccessibleName(translate("ActivationWizard", "Token PIN"))
        self.proof_pin.setPlaceholderText(translate("ActivationWizard", "Token PIN"))
        self.proof_button = QPushButton(translate("ActivationWizard", "Show a passcode"), self)
        self.proof_button.setObjectName("proofButton")
        self.proof_button.setAccessibleName(translate("ActivationWizard", "Show a passcode"))
        self.proof_button.setAutoDefault(False)
        self.proof_button.clicked.connect(self._show_passcode)
        self.proof_code = QLabel(self)
        self.proof_code.setObjectName("proofCode")
        self.proof_code.setAccessibleName(translate("ActivationWizard", "Passcode"))
        self.proof_code.setFont(mono)
        self.proof_code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        proof_row = QHBoxLayout()
        proof_row.addWidget(self.proof_pin)
        proof_row.addWidget(self.proof_button)
        proof_row.addWidget(self.proof_code)
        proof_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.sync_label)
        layout.addSpacing(6)
        layout.addWidget(self.client_intro)
        layout.addWidget(self.client_part_label, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.confirm_note)
        layout.addLayout(proof_row)
        layout.addStretch(1)
        for widget in (self.proof_pin, self.proof_button, self.proof_code):
            widget.hide()

    def _show_passcode(self) -> None:
        status, unlock = self._made.status, self.unlock
        if status is None or unlock is None:
            return
        token_id, pin = status.token_id, self.proof_pin.text()
        self.proof_pin.clear()
        self.proof_button.setEnabled(False)

        def shown(code: str) -> None:
            self.proof_button.setEnabled(True)
            self.proof_code.setText(code)
            self.proof_code.setAccessibleName(" ".join(code.replace(" ", "")))

        def failed(exc: BaseException) -> None:
            self.proof_button.setEnabled(True)
            self.proof_code.setText(message_for(exc))

        workers.run_in_background(lambda: unlock(token_id, pin), shown, failed, owner=self)

    def take_focus(self, finish: QWidget) -> None:
        if self.client_part_label.isVisible():
            self.client_part_label.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            finish.setFocus(Qt.FocusReason.OtherFocusReason)

    def _value_label(self, name: str, accessible: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(accessible)
        bold = label.font()
        bold.setBold(True)
        label.setFont(bold)
        return label

    def initializePage(self) -> None:
        status = self._made.status
        if status is None:  # never: step 3 only moves on after a commit
            return
        self.name_value.setText(status.name)
        self.serial_value.setText(status.serial or "—")
        minutes = self._policy.sync_window_minutes
        if status.state == "ready" or minutes <= 0:
            sync = translate(
                "ActivationWizard", "Your token is now linked to your account and ready for use."
            )
        else:
            until = status.sync_until or (self._clock.now() + minutes * 60)
            sync = translate(
                "ActivationWizard",
                "Your token is now linked to your account and will automatically be activated for use "
                "after syncing with the network, which may take up to {minutes} minutes (about {time}).",
            ).format(minutes=minutes, time=datetime.fromtimestamp(until).strftime("%H:%M"))
        self.sync_label.setText(sync)
        self.sync_label.setAccessibleDescription(sync)
        client_part = self._made.client_part
        proof = self.unlock is not None and not client_part
        if proof:
            self.confirm_note.setText(
                translate(
                    "ActivationWizard",
                    "If the issuer's page asks for a passcode to confirm the activation, enter your "
                    "new PIN here and type the passcode shown into that page.",
                )
            )
        for widget in (self.proof_pin, self.proof_button, self.proof_code):
            widget.setVisible(proof)
        self.client_part_label.setText(client_part)
        self.client_intro.setVisible(bool(client_part))
        self.client_part_label.setVisible(bool(client_part))


# --------------------------------------------------------------------------- the wizard


class ActivationWizard(QWizard):
    """First-run activation: link / QR / key file → name → PIN → done.

    ``commit`` makes the token (normally ``Vault.activate``); it runs in the
    thread pool. ``activated`` carries the :class:`TokenStatus` it returned.
    """

    activated = Signal(object)

    def __init__(
        self,
        *,
        policy: Policy,
        existing_names: list[str],
        commit: Callable[[ActivationRequest], TokenStatus],
        clock: Clock,
        link: str | None = None,
        unlock: Callable[[str, str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``unlock(token_id, pin)`` returns a passcode to show on the Done page (proof of activation)."""
        super().__init__(parent)
        self.setObjectName("activationWizard")
        self.setWindowTitle(translate("ActivationWizard", "Activate your soft token"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)

        self.activate_page = ActivatePage(self)
        self.name_page = NamePage(self.activate_page, existing_names, self)
        self.pin_page = PinPage(policy, self.activate_page, self.name_page, commit, self)
        self.done_page = DonePage(policy, clock, self.pin_page, self)
        self.done_page.unlock = unlock
        for page in (self.activate_page, self.name_page, self.pin_page, self.done_page):
            self.addPage(page)
        self.pin_page.committed.connect(self._on_committed)
        self.currentIdChanged.connect(self._on_page_changed)
        self.setMinimumSize(640, 460)
        if link:
            self.set_link(link)

    @property
    def status(self) -> TokenStatus | None:
        """The new token once step 3 succeeded, else None."""
        return self.pin_page.status

    @property
    def client_part(self) -> str:
        return self.pin_page.client_part

    def set_link(self, text: str) -> None:
        """Fill step 1's paste box (a link arrived) and check it again.

        From steps 2 and 3 the wizard goes back to step 1 first. Once the
        token is made (or while it is being made) the link is ignored.
        """
        if self.pin_page.busy or self.pin_page.status is not None:
            log.info("an activation link arrived after the token was made; ignored")
            return
        while self.currentPage() not in (None, self.activate_page):
            self.back()
        self.activate_page.set_link(text)

    def _on_page_changed(self, _id: int) -> None:
        if self.currentPage() is self.done_page:
            # Step 3's fields were disabled while committing, so focus went nowhere: put it
            # where Enter finishes (or on the code to copy, for two-step).
            self.done_page.take_focus(self.button(QWizard.WizardButton.FinishButton))

    def _on_committed(self, status: TokenStatus) -> None:
        self.activate_page.discard()  # the seed is sealed in the vault; forget ours
        self.activated.emit(status)

    # Closing is refused while the token is being made: it would finish unseen.
    def reject(self) -> None:
        if self.pin_page.busy:
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.pin_page.busy:
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        if self.pin_page.busy:
            return
        self.activate_page.discard()
        super().done(result)
