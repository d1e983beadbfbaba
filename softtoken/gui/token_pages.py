"""The token window's pages: PIN, passcode, disabled, problem (the token list is token_list.py).

Built right after the window's first paint (see token_window.py), so that
start-up pays only for an empty window.

All decisions (PIN checks, lockout, counters) are core's; this window only
presents them. The seed is never kept: each passcode needs the PIN, and the
window locks when the last code it was given expires, when the prescriber is
idle, and when the window is minimised or hidden.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QDateTime, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from softtoken.core.clock import Clock
from softtoken.core.otp import TokenType
from softtoken.core.vault.vault import Passcode, Passcodes, TokenStatus

from . import errors
from .clipboard import SecretClipboard
from .style import problem_color
from .text import tr

log = logging.getLogger(__name__)

HOTP_SHOW_SECONDS = 60
ANNOUNCE_AT = (30, 20, 10, 5)


def local_hhmm(ts: float) -> str:
    return QDateTime.fromSecsSinceEpoch(int(ts)).toString("HH:mm")


def state_line(status: TokenStatus, now: float) -> str:
    serial = tr("Serial {serial}").format(serial=status.serial) if status.serial else tr("No serial")
    if status.state == "disabled":
        state = tr("disabled")
    elif now < status.sync_until:
        state = tr("waiting for network sync until {time}").format(time=local_hhmm(status.sync_until))
    else:
        state = tr("ready")
    return f"{serial} · {state}"


def attempts_left_text(left: int, wrong: bool = True) -> str:
    """Core's one wording of "N attempts left", translated; the wait is counted down apart."""
    from softtoken.core.vault.lockout import attempts_left_sentence

    from .errors import core_text

    text = core_text(*attempts_left_sentence(left))
    return f"{tr('Incorrect PIN.')} {text}" if wrong else text


def _plain(label: QLabel) -> QLabel:
    """Token names, issuers and messages are shown as typed: never as Qt rich text."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _title(text: str, size_delta: int = 4) -> QLabel:
    label = _plain(QLabel(text))
    font = label.font()
    font.setPointSize(font.pointSize() + size_delta)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class MessageLabel(QLabel):
    """Inline problems, in plain words, readable by screen readers."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAccessibleName(tr("Message"))
        self.hide()

    def show_text(self, text: str, warning: bool = True) -> None:
        self.setStyleSheet(f"color: {problem_color(self)};" if warning else "color: palette(text);")
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))


class PinPage(QWidget):
    submitted = Signal(str)
    forgot = Signal()
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("pinPage")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.name_label = _title("")
        self.name_label.setObjectName("tokenNameLabel")
        layout.addWidget(self.name_label)
        self.state_label = _plain(QLabel())
        self.state_label.setObjectName("stateLabel")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        layout.addSpacing(8)
        self.prompt = QLabel(tr("Enter your token &PIN:"))
        layout.addWidget(self.prompt)
        row = QHBoxLayout()
        self.pin_edit = QLineEdit()
        self.pin_edit.setObjectName("pinEdit")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setAccessibleName(tr("Token PIN"))
        self.pin_edit.setMinimumWidth(160)
        self.pin_edit.setMaximumWidth(220)
        self.pin_edit.returnPressed.connect(self._submit)
        self.prompt.setBuddy(self.pin_edit)
        row.addWidget(self.pin_edit)
        self.unlock_button = QPushButton(tr("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._submit)
        row.addWidget(self.unlock_button)
        row.addStretch()
        layout.addLayout(row)
        self.busy = QProgressBar()
        self.busy.setObjectName("busyBar")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.setAccessibleName(tr("Checking the PIN"))
        self.busy.hide()
        layout.addWidget(self.busy)
        self.message = MessageLabel("pinMessage")
        layout.addWidget(self.message)
        links = QHBoxLayout()
        self.forgot_button = QPushButton(tr("Forgot PIN?"))
        self.forgot_button.setObjectName("forgotPinButton")
        self.forgot_button.setFlat(True)
        self.forgot_button.setAccessibleDescription(tr("Replace this token if you cannot remember its PIN"))
        self.forgot_button.clicked.connect(self.forgot.emit)
        links.addWidget(self.forgot_button)
        links.addStretch()
        self.back_button = QPushButton(tr("Other token"))
        self.back_button.setObjectName("otherTokenButton")
        self.back_button.setFlat(True)
        self.back_button.clicked.connect(self.back.emit)
        links.addWidget(self.back_button)
        layout.addLayout(links)
        layout.addStretch()
        self.wait_timer = QTimer(self)
        self.wait_timer.setInterval(1000)
        self.wait_timer.timeout.connect(self._tick_wait)
        self._wait_left = 0
        self._pin_length = 4
        self._attempts_note = ""

    def show_token(self, status: TokenStatus, now: float, several: bool) -> None:
        self.name_label.setText(status.name)
        self.state_label.setText(state_line(status, now))
        self._pin_length = status.pin_length
        self.pin_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{status.pin_length}}}"), self.pin_edit)
        )
        self.pin_edit.setMaxLength(status.pin_length)
        self.pin_edit.setPlaceholderText(tr("{n}-digit PIN").format(n=status.pin_length))
        hotp = status.type == TokenType.HOTP.value
        self.unlock_button.setText(tr("Generate passcode") if hotp else tr("Unlock"))
        self.back_button.setVisible(several)
        self.pin_edit.clear()
        self.message.show_text("")
        self.set_busy(False)
        if status.wait_seconds:
            self.start_wait(status.wait_seconds, "")
        elif status.failures:
            self.message.show_text(attempts_left_text(status.attempts_left, wrong=False))

    def focus_pin(self) -> None:
        self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        pin = self.pin_edit.text()
        if self.busy.isVisible() or self._wait_left:
            return
        from softtoken.core.errors import PinRejected
        from softtoken.core.pin import check_pin_entry

        try:
            check_pin_entry(pin, self._pin_length)
        except PinRejected as exc:
            from .errors import core_message

            self.message.show_text(core_message(exc))
            return
        self.submitted.emit(pin)

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.pin_edit.setEnabled(not busy and not self._wait_left)
        self.unlock_button.setEnabled(not busy and not self._wait_left)
        if busy:
            self.message.show_text(tr("Checking the PIN…"), warning=False)

    def wrong_pin(self, message: str, wait: int) -> None:
        self.pin_edit.clear()
        if wait:
            self.start_wait(wait, message)
        else:
            self.message.show_text(message)
            self.focus_pin()

    def start_wait(self, seconds: int, message: str) -> None:
        self._wait_left = seconds
        self._attempts_note = message
        self.pin_edit.setEnabled(False)
        self.unlock_button.setEnabled(False)
        self._show_wait()
        self.wait_timer.start()

    def _show_wait(self) -> None:
        text = tr("Too many wrong PINs. Try again in {s} s.").format(s=self._wait_left)
        self.message.show_text(f"{self._attempts_note}\n{text}".strip())

    def _tick_wait(self) -> None:
        self._wait_left -= 1
        if self._wait_left > 0:
            self._show_wait()
            return
        self.wait_timer.stop()
        self._wait_left = 0
        self.message.show_text(self._attempts_note)
        self.pin_edit.setEnabled(True)
        self.unlock_button.setEnabled(True)
        self.focus_pin()


class CodePage(QWidget):
    """The passcode, large and grouped, with its countdown; locks when the codes run out."""

    expired = Signal()
    lock_requested = Signal()

    def __init__(self, clock: Clock, clipboard: SecretClipboard | None) -> None:
        super().__init__()
        self.setObjectName("codePage")
        self.clock = clock
        self.clipboard = clipboard
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.name_label = _plain(QLabel())
        self.name_label.setObjectName("codeTokenName")
        layout.addWidget(self.name_label)
        self.code_label = QLabel()
        self.code_label.setObjectName("passcodeLabel")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(36)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(self.code_label)
        self.bar = QProgressBar()
        self.bar.setObjectName("countdownBar")
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        self.bar.setAccessibleName(tr("Time left for this passcode"))
        layout.addWidget(self.bar)
        self.countdown = _plain(QLabel())
        self.countdown.setObjectName("countdownLabel")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.countdown)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton(tr("Copy"))
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setAccessibleDescription(tr("Copy the passcode; the clipboard is cleared again"))
        self.copy_button.clicked.connect(self.copy)
        buttons.addWidget(self.copy_button)
        buttons.addStretch()
        self.lock_button = QPushButton(tr("Lock"))
        self.lock_button.setObjectName("lockButton")
        self.lock_button.clicked.connect(self.lock_requested.emit)
        buttons.addWidget(self.lock_button)
        layout.addLayout(buttons)
        self.note = _plain(QLabel())
        self.note.setObjectName("copyNote")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        layout.addStretch()
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.codes: Passcodes | None = None
        self._shown: Passcode | None = None
        self._hotp_until = 0.0
        self._announced = -1

    def show_codes(self, codes: Passcodes, status: TokenStatus | None) -> None:
        self.codes = codes
        self._shown = None
        self._announced = -1
        self.name_label.setText(codes.token_name)
        # The passcode is shown even when its audit record could not be written; say so.
        self.note.setText(
            tr("The audit log could not be written; tell your help desk.") if codes.audit_problem else ""
        )
        self.copy_button.setVisible(self.clipboard is not None)
        if codes.type is TokenType.HOTP:
            self._hotp_until = self.clock.now() + HOTP_SHOW_SECONDS
            self.bar.setRange(0, HOTP_SHOW_SECONDS)
        else:
            self.bar.setRange(0, codes.period)
        self.tick()
        self.timer.start()

    def tick(self) -> None:
        codes = self.codes
        if codes is None:
            return
        now = self.clock.now()
        code = codes.at(now)
        if codes.type is TokenType.HOTP:
            left = int(self._hotp_until - now)
            if left <= 0:
                code = None
        elif code is not None and code.valid_until is not None:
            left = int(code.valid_until - now + 0.999)
        else:
            left = 0
        if code is None:
            self.clear()
            self.expired.emit()
            return
        if code is not self._shown:
            self._shown = code
            self.code_label.setText(code.grouped())
            self.code_label.setAccessibleName(tr("Passcode {digits}").format(digits=code.spoken()))
        self.bar.setValue(left)
        self.countdown.setText(
            tr("Changes in {s} s").format(s=left)
            if codes.type is TokenType.TOTP
            else tr("Locks in {s} s").format(s=left)
        )
        if left in ANNOUNCE_AT or self._announced == -1:
            self._announced = left
            self.countdown.setAccessibleName(tr("{s} seconds left").format(s=left))

    def copy(self) -> None:
        if self._shown is None or self.clipboard is None:
            return
        self.clipboard.copy(self._shown.code)
        seconds = self.clipboard.timer.interval() // 1000
        self.note.setText(tr("Copied. The clipboard is cleared in {s} s.").format(s=seconds))

    def clear(self) -> None:
        self.timer.stop()
        self.codes = None
        self._shown = None
        self.code_label.setText("")
        self.code_label.setAccessibleName(tr("Passcode"))


class DisabledPage(QWidget):
    replace = Signal()

    def __init__(self, helpdesk: str) -> None:
        super().__init__()
        self.setObjectName("disabledPage")
        layout = QVBoxLayout(self)
        self.title = _title(tr("This token is disabled"))
        layout.addWidget(self.title)
        self.text = _plain(QLabel())
        self.text.setObjectName("disabledText")
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        if helpdesk:
            contact = _plain(QLabel(tr("Help desk: {contact}").format(contact=helpdesk)))
            contact.setWordWrap(True)
            contact.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(contact)
        self.replace_button = QPushButton(tr("Replace token…"))
        self.replace_button.setObjectName("replaceButton")
        self.replace_button.setDefault(True)
        self.replace_button.clicked.connect(self.replace.emit)
        layout.addWidget(self.replace_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()

    def show_token(self, status: TokenStatus, reason: str) -> None:
        self.title.setText(tr("Token '{name}' is disabled").format(name=status.name))
        self.text.setText(
            reason
            or tr(
                "It was disabled after too many wrong PINs. It cannot be unlocked again: replace it to "
                "get a new token from your issuer."
            )
        )


class ProblemPage(QWidget):
    """The vault cannot be read: say why, and what can be done."""

    restore = Signal()
    retry = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("problemPage")
        layout = QVBoxLayout(self)
        layout.addWidget(_title(tr("softtoken cannot open your tokens")))
        self.text = _plain(QLabel())
        self.text.setObjectName("problemText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.retry_button = QPushButton(tr("Try again"))
        self.retry_button.setObjectName("retryButton")
        self.retry_button.clicked.connect(self.retry.emit)
        row.addWidget(self.retry_button)
        self.restore_button = QPushButton(tr("Restore the previous version…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore.emit)
        row.addWidget(self.restore_button)
        row.addStretch()
        layout.addLayout(row)
        layout.addStretch()

    def show_problem(self, exc: BaseException) -> None:
        self.text.setText(errors.message_for(exc))
        backup = getattr(exc, "backup", None)
        self.restore_button.setVisible(bool(backup))
