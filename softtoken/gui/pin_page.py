"""The token window's PIN page: the PIN, the wrong-PIN count and the wait before the next try.

All decisions (PIN checks, lockout, counters) are core's; this page only
presents them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from softtoken.core.otp import TokenType
from softtoken.core.vault.vault import TokenStatus

from .buttons import FocusRingButton, LinkButton
from .labels import MessageLabel, plain, title
from .pin_field import PinField
from .text import tr
from .token_pages import state_line


def attempts_left_text(left: int, wrong: bool = True) -> str:
    """Core's one wording of "Incorrect PIN. N attempts left", translated; the wait is counted apart."""
    from softtoken.core.vault.lockout import attempts_left_sentence, incorrect_pin_sentence

    from .errors import core_text

    return core_text(*(incorrect_pin_sentence(left) if wrong else attempts_left_sentence(left)))


class PinPage(QWidget):
    submitted = Signal(str)
    forgot = Signal()
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("pinPage")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.name_label = title("")
        self.name_label.setObjectName("tokenNameLabel")
        layout.addWidget(self.name_label)
        self.state_label = plain(QLabel())
        self.state_label.setObjectName("stateLabel")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        layout.addSpacing(8)
        self.prompt = QLabel(tr("Enter your token &PIN:"))
        layout.addWidget(self.prompt)
        row = QHBoxLayout()
        self.pin_edit = PinField()
        self.pin_edit.setObjectName("pinEdit")
        self.pin_edit.setAccessibleName(tr("Token PIN"))
        self.pin_edit.setMinimumWidth(160)
        self.pin_edit.setMaximumWidth(220)
        self.pin_edit.returnPressed.connect(self._submit)
        self.prompt.setBuddy(self.pin_edit)
        row.addWidget(self.pin_edit)
        self.unlock_button = FocusRingButton(tr("Unlock"))
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
        self.forgot_button = LinkButton(tr("Forgot PIN?"))
        self.forgot_button.setObjectName("forgotPinButton")
        self.forgot_button.setAccessibleDescription(tr("Replace this token if you cannot remember its PIN"))
        self.forgot_button.clicked.connect(self.forgot.emit)
        links.addWidget(self.forgot_button)
        links.addStretch()
        self.back_button = LinkButton(tr("Other token"))
        self.back_button.setObjectName("otherTokenButton")
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
        self.pin_edit.set_length(status.pin_length)
        self.pin_edit.setPlaceholderText(tr("{n}-digit PIN").format(n=status.pin_length))
        hotp = status.type == TokenType.HOTP.value
        self.unlock_button.setText(tr("Generate passcode") if hotp else tr("Unlock"))
        self.back_button.setVisible(several)
        self.pin_edit.clear()
        self.message.show_text("")
        self.wait_timer.stop()
        self._wait_left = 0
        self.set_busy(False)
        # The status carries the count: after a restart during a wait it is still said.
        self._attempts_note = attempts_left_text(status.attempts_left, wrong=False) if status.failures else ""
        if status.wait_seconds:
            self.start_wait(status.wait_seconds, self._attempts_note)
        else:
            self.message.show_text(self._attempts_note)

    def focus_pin(self) -> None:
        self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        pin = self.pin_edit.pin()
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
        """Count the wait down; ``message`` (the attempts left) stays above it ("": the last one said)."""
        self._wait_left = seconds
        self._attempts_note = message or self._attempts_note
        self.pin_edit.setEnabled(False)
        self.unlock_button.setEnabled(False)
        self._show_wait()
        self.wait_timer.start()

    def _show_wait(self) -> None:
        from softtoken.core.vault.lockout import try_again_sentence

        from .errors import core_text

        too_many = tr("Too many wrong PINs.")
        text = f"{too_many} {core_text(*try_again_sentence(self._wait_left))}"
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
