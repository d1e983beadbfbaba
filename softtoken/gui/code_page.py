"""The token window's passcode page: the token's card with the code, large and grouped, and its countdown.

The bar is drawn in the accent colour and turns to the warning colour in the
last 5 seconds; in the last 10 seconds of a TOTP step the next code is shown
small under it. Copy (the primary action) confirms briefly: "Copied — clears
in 30 s". The passcodes are shown here only: never logged.

**Screen readers** (Orca 43 speaks focus changes and description changes of the
focused control, not name changes of labels, and reads a progress bar's value
as a percentage): a new passcode, the time left at 10 and 5 seconds and
"Copied" are said in the focused control's description (focus_speech.py); the
passcode label's description, read when it gets the focus, says the time left;
the countdown bar is exposed as a label whose description says the seconds,
and the countdown label's name is the time left, always up to date.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from softtoken.core.clock import Clock
from softtoken.core.otp import TokenType
from softtoken.core.vault.vault import Passcode, Passcodes, TokenStatus

from .buttons import FocusRingButton
from .clipboard import SecretClipboard
from .focus_speech import FocusSpeech
from .labels import plain
from .style import Radius, Role, Space, Type, color, make_card, set_role, set_tone, set_type
from .text import tr
from .token_card import TokenHeader

HOTP_SHOW_SECONDS = 60
ANNOUNCE_AT = (10, 5)  # seconds left of a passcode that are said
WARN_AT = 5  # the bar turns to the warning colour with this many seconds left
NEXT_AT = 10  # the next TOTP code is shown with this many seconds left
COPIED_MS = 4000  # how long "Copied" stays


def seconds_left(seconds: int) -> str:
    return tr("1 second left") if seconds == 1 else tr("{s} seconds left").format(s=seconds)


class CountdownBar(QProgressBar):
    """The countdown, a rounded bar in the accent colour (warning at the end);
    to assistive technologies a label saying the seconds."""

    def __init__(self) -> None:
        super().__init__()
        from .focus_speech import expose_as

        expose_as("CountdownBar", "StaticText")
        self.tone = Role.ACCENT
        self.setFixedHeight(Space.S)

    def set_tone(self, tone: Role) -> None:
        if tone is not self.tone:
            self.tone = tone
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        track = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = min(track.height() / 2, Radius.S)
        ink = color(self, self.tone)
        faint = color(self, self.tone)  # the track: the bar's own colour, faint
        faint.setAlphaF(0.25)
        painter.setBrush(faint)
        painter.drawRoundedRect(track, radius, radius)
        span = self.maximum() - self.minimum()
        share = (self.value() - self.minimum()) / span if span > 0 else 0.0
        if share > 0:
            filled = QRectF(track.left(), track.top(), track.width() * min(share, 1.0), track.height())
            painter.setBrush(ink)
            painter.drawRoundedRect(filled, radius, radius)
        painter.end()


class CodePage(QWidget):
    """The passcode, large and grouped, with its countdown; locks when the codes run out."""

    expired = Signal()
    lock_requested = Signal()

    def __init__(self, clock: Clock, clipboard: SecretClipboard | None) -> None:
        super().__init__()
        self.setObjectName("codePage")
        self.clock = clock
        self.clipboard = clipboard
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addStretch()  # on a tall window the card sits in the middle (a stretch above and below)
        self.card = QFrame()
        self.card.setObjectName("codeCard")
        make_card(self.card)
        outer.addWidget(self.card)
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(Space.XL, Space.L, Space.XL, Space.L)
        layout.setSpacing(Space.S)
        self.header = TokenHeader("codeTokenName")
        self.name_label = self.header.name_label
        layout.addWidget(self.header)
        layout.addSpacing(Space.S)
        self.code_label = QLabel()
        self.code_label.setObjectName("passcodeLabel")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        set_type(self.code_label, Type.PASSCODE)
        self.code_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(self.code_label)
        self.bar = CountdownBar()
        self.bar.setObjectName("countdownBar")
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(tr("Time left for this passcode"))
        layout.addWidget(self.bar)
        self.countdown = plain(QLabel())
        self.countdown.setObjectName("countdownLabel")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_type(self.countdown, Type.CAPTION)
        set_tone(self.countdown, Role.MUTED)
        layout.addWidget(self.countdown)
        self.next_label = plain(QLabel())
        self.next_label.setObjectName("nextPasscodeLabel")
        self.next_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_type(self.next_label, Type.PASSCODE_SMALL)
        set_tone(self.next_label, Role.MUTED)
        keep = self.next_label.sizePolicy()
        keep.setRetainSizeWhenHidden(True)  # the buttons do not jump when it comes, 10 s before rollover
        self.next_label.setSizePolicy(keep)
        self.next_label.hide()
        layout.addWidget(self.next_label)
        layout.addSpacing(Space.S)
        buttons = QHBoxLayout()
        buttons.setSpacing(Space.S)
        self.copy_button = FocusRingButton(tr("Copy"))
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setAccessibleDescription(tr("Copy the passcode; the clipboard is cleared again"))
        set_role(self.copy_button, "primary")
        self.copy_button.clicked.connect(self.copy)
        buttons.addWidget(self.copy_button)
        buttons.addStretch()
        self.lock_button = FocusRingButton(tr("Lock"))
        self.lock_button.setObjectName("lockButton")
        set_role(self.lock_button, "secondary")
        self.lock_button.clicked.connect(self.lock_requested.emit)
        buttons.addWidget(self.lock_button)
        layout.addLayout(buttons)
        self.copied = plain(QLabel())
        self.copied.setObjectName("copiedNote")
        self.copied.setWordWrap(True)
        set_tone(self.copied, Role.SUCCESS)
        self.copied.hide()
        layout.addWidget(self.copied)
        self.copied_timer = QTimer(self)
        self.copied_timer.setSingleShot(True)
        self.copied_timer.setInterval(COPIED_MS)
        self.copied_timer.timeout.connect(self.copied.hide)
        self.note = plain(QLabel())
        self.note.setObjectName("copyNote")
        self.note.setWordWrap(True)
        set_tone(self.note, Role.DANGER)
        layout.addWidget(self.note)
        outer.addStretch()
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
        self._icons_done = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._icons_done:  # drawn when first seen: after the window's first paint
            self._icons_done = True
            from .icons import icon

            self.copy_button.setIcon(icon("copy", self.copy_button))  # the primary button's text colour
            self.lock_button.setIcon(icon("lock", self.lock_button))

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
        if status is not None and status.token_id == codes.token_id:
            self.header.show_status(status, self.clock.now())
        else:
            self.header.show_name(codes.token_name)
        # The passcode is shown even when its audit record could not be written; say so.
        self.note.setText(
            tr("The audit log could not be written; tell your help desk.") if codes.audit_problem else ""
        )
        self.note.setVisible(bool(codes.audit_problem))
        self.copied_timer.stop()
        self.copied.hide()
        self.copy_button.setVisible(self.clipboard is not None)
        if codes.type is TokenType.HOTP:
            self._hotp_until = self.clock.now() + HOTP_SHOW_SECONDS
            self.bar.setRange(0, HOTP_SHOW_SECONDS)
        else:
            self.bar.setRange(0, codes.period)
        self.tick()
        self.timer.start()

    def _next_code(self, code: Passcode) -> Passcode | None:
        """The TOTP code after ``code``, if this unlock gave one (HOTP has none)."""
        codes = self.codes
        if codes is None or codes.type is not TokenType.TOTP:
            return None
        later = [c for c in codes.codes if c.valid_from is not None and c.valid_from == code.valid_until]
        return later[0] if later else None

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
        self._show_next(code, left)
        self.bar.setValue(left)
        self.bar.set_tone(Role.WARNING if left <= WARN_AT else Role.ACCENT)
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

    def _show_next(self, code: Passcode, left: int) -> None:
        following = self._next_code(code) if left <= NEXT_AT else None
        if following is None:
            self.next_label.hide()
            self.next_label.setText("")
            return
        self.next_label.setText(tr("Next: {code}").format(code=following.grouped()))
        self.next_label.setAccessibleName(tr("Next passcode {digits}").format(digits=following.spoken()))
        self.next_label.show()

    def copy(self) -> None:
        if self._shown is None or self.clipboard is None:
            return
        self.clipboard.copy(self._shown.code)
        seconds = self.clipboard.timer.interval() // 1000
        if seconds > 0:
            self.copied.setText(tr("Copied — clears in {s} s").format(s=seconds))
            self.speech.say(tr("Copied. The clipboard is cleared in {s} seconds.").format(s=seconds))
        else:
            self.copied.setText(tr("Copied"))
            self.speech.say(tr("Copied"))
        self.copied.show()
        self.copied_timer.start()

    def clear(self) -> None:
        self.timer.stop()
        self.codes = None
        self._shown = None
        self.code_label.setText("")
        self.code_label.setAccessibleName(tr("Passcode"))
        self.next_label.hide()
        self.next_label.setText("")
        self.copied_timer.stop()
        self.copied.hide()
        self.speech.reset()
