"""The token window's passcode page: the code, large and grouped, with its countdown.

**Screen readers** (Orca 43 speaks focus changes and description changes of the
focused control, not name changes of labels, and reads a progress bar's value
as a percentage): a new passcode, the time left at 10 and 5 seconds and
"Copied" are said in the focused control's description (focus_speech.py); the
passcode label's description, read when it gets the focus, says the time left;
the countdown bar is exposed as a label whose description says the seconds,
and the countdown label's name is the time left, always up to date.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from softtoken.core.clock import Clock
from softtoken.core.otp import TokenType
from softtoken.core.vault.vault import Passcode, Passcodes, TokenStatus

from .buttons import FocusRingButton
from .clipboard import SecretClipboard
from .focus_speech import FocusSpeech
from .labels import plain
from .text import tr

HOTP_SHOW_SECONDS = 60
ANNOUNCE_AT = (10, 5)  # seconds left of a passcode that are said


def seconds_left(seconds: int) -> str:
    return tr("1 second left") if seconds == 1 else tr("{s} seconds left").format(s=seconds)


class CountdownBar(QProgressBar):
    """The countdown, drawn as a progress bar; to assistive technologies a label saying the seconds."""

    def __init__(self) -> None:
        super().__init__()
        from .focus_speech import expose_as

        expose_as("CountdownBar", "StaticText")


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
        self.name_label = plain(QLabel())
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
        self.bar = CountdownBar()
        self.bar.setObjectName("countdownBar")
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        self.bar.setAccessibleName(tr("Time left for this passcode"))
        layout.addWidget(self.bar)
        self.countdown = plain(QLabel())
        self.countdown.setObjectName("countdownLabel")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.countdown)
        buttons = QHBoxLayout()
        self.copy_button = FocusRingButton(tr("Copy"))
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setAccessibleDescription(tr("Copy the passcode; the clipboard is cleared again"))
        self.copy_button.clicked.connect(self.copy)
        buttons.addWidget(self.copy_button)
        buttons.addStretch()
        self.lock_button = FocusRingButton(tr("Lock"))
        self.lock_button.setObjectName("lockButton")
        self.lock_button.clicked.connect(self.lock_requested.emit)
        buttons.addWidget(self.lock_button)
        layout.addLayout(buttons)
        self.note = plain(QLabel())
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
        self._left = 0
        self._said_left = 0  # the last ANNOUNCE_AT said for the passcode shown
        self.speech = FocusSpeech(self, self.code_label)
        self.speech.watch(self.code_label, self._passcode_description)
        self.speech.watch(self.copy_button)
        self.speech.watch(self.lock_button)

    def _passcode_description(self) -> str:
        """Read with the passcode when it gets the focus: the time left, and a problem if there is one."""
        if self.codes is None:
            return ""
        return f"{seconds_left(self._left)}. {self.note.text()}".strip()

    def show_codes(self, codes: Passcodes, status: TokenStatus | None) -> None:
        self.codes = codes
        self._shown = None
        self._said_left = 0
        self.speech.reset()
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
        self._left = left
        if code is not self._shown:
            first = self._shown is None
            self._shown = code
            passed = [mark for mark in ANNOUNCE_AT if mark >= left]  # read with the passcode already
            self._said_left = min(passed) if passed else 0
            self.code_label.setText(code.grouped())
            self.code_label.setAccessibleName(tr("Passcode {digits}").format(digits=code.spoken()))
            if not first:  # the first one is read as the focus lands on it
                self.speech.say(tr("New passcode {digits}").format(digits=code.spoken()))
        self.bar.setValue(left)
        self.bar.setAccessibleDescription(seconds_left(left))
        self.countdown.setText(
            tr("Changes in {s} s").format(s=left)
            if codes.type is TokenType.TOTP
            else tr("Locks in {s} s").format(s=left)
        )
        self.countdown.setAccessibleName(seconds_left(left))
        # Said once each, even when a tick comes late and a second is skipped.
        below = self._said_left or ANNOUNCE_AT[0] + 1
        due = [mark for mark in ANNOUNCE_AT if left <= mark < below]
        if due:
            self._said_left = min(due)
            self.speech.say(seconds_left(left))

    def copy(self) -> None:
        if self._shown is None or self.clipboard is None:
            return
        self.clipboard.copy(self._shown.code)
        seconds = self.clipboard.timer.interval() // 1000
        self.note.setText(tr("Copied. The clipboard is cleared in {s} s.").format(s=seconds))
        self.speech.say(tr("Copied. The clipboard is cleared in {s} seconds.").format(s=seconds))

    def clear(self) -> None:
        self.timer.stop()
        self.codes = None
        self._shown = None
        self.code_label.setText("")
        self.code_label.setAccessibleName(tr("Passcode"))
        self.speech.reset()
