"""The token window's PIN page: the PIN, the wrong-PIN count and the wait before the next try.

All decisions (PIN checks, lockout, counters) are core's; this page only
presents them.

**Screen readers.** While the PIN is checked, and during a wait after wrong
PINs, the field stays focused and becomes read-only (a disabled field would
send the focus on to "Forgot PIN?", where Enter opens the replacement). What
happens is said in the field's accessible description, after its progress
("4 digits. Incorrect PIN. 3 attempts left ..."): Orca speaks a change of the
focused object's description. The wait is said once, when it begins, and again
when it ends; the line on screen counts down every second.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from softtoken.core.otp import TokenType
from softtoken.core.vault.vault import TokenStatus

from .buttons import FocusRingButton, LinkButton
from .labels import MessageLabel, plain
from .pin_field import PinField
from .style import Role, Space, make_card, set_role
from .text import tr
from .token_card import CARD_MARGIN, CHIP_ICON, TokenHeader, icon_label, make_spinner

_MOVES = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter)  # read-only: still taken


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
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(Space.S)
        outer.addStretch()  # on a tall window the page sits in the middle (a stretch above and below)
        # The token's card on top; the field below it on the window's own background, where
        # the style draws fields' and check boxes' outlines to be seen (on a dark card it did not).
        self.card = QFrame()
        self.card.setObjectName("pinCard")
        make_card(self.card)
        outer.addWidget(self.card)
        in_card = QVBoxLayout(self.card)
        in_card.setContentsMargins(Space.XL, Space.M, Space.XL, Space.M)
        self.header = TokenHeader("tokenNameLabel")
        self.name_label = self.header.name_label
        self.state_label = self.header.detail_label  # "Serial X · key in software"; the chip says the state
        in_card.addWidget(self.header)
        # One left edge for the card and everything under it: the card's border, the prompt,
        # the PIN boxes and Unlock (the card and the buttons draw inside a margin of their own).
        layout = QVBoxLayout()
        layout.setContentsMargins(CARD_MARGIN, Space.XS, 0, 0)
        layout.setSpacing(Space.S)
        outer.addLayout(layout)
        outer.addStretch()
        self.prompt = QLabel(tr("Enter your token &PIN:"))
        layout.addWidget(self.prompt)
        self.pin_edit = PinField()
        self.pin_edit.setObjectName("pinEdit")
        self.pin_edit.setAccessibleName(tr("Token PIN"))
        self.pin_edit.setMinimumWidth(160)
        self.pin_edit.setMaximumWidth(260)
        self.pin_edit.returnPressed.connect(self._submit)
        self.pin_edit.installEventFilter(self)  # read-only: PinField makes its edits itself
        self.pin_edit.textChanged.connect(self._typed)
        self.prompt.setBuddy(self.pin_edit)
        layout.addWidget(self.pin_edit)
        self.show_check = QCheckBox(tr("&Show PIN"))
        self.show_check.setObjectName("showPinCheck")
        self.show_check.setAccessibleName(tr("Show PIN"))
        self.show_check.toggled.connect(self._show_pin)
        layout.addWidget(self.show_check)
        problem = QHBoxLayout()
        problem.setSpacing(Space.S)
        self.message = MessageLabel("pinMessage")
        self.message.icon = icon_label("warning", CHIP_ICON, Role.DANGER, accessible=tr("Warning"))
        self.message.icon.hide()
        problem.addWidget(self.message.icon, 0, Qt.AlignmentFlag.AlignTop)
        problem.addWidget(self.message, 1)
        layout.addLayout(problem)
        self.busy = QWidget()
        self.busy.setObjectName("pinBusy")
        busy_row = QHBoxLayout(self.busy)
        busy_row.setContentsMargins(0, 0, 0, 0)
        busy_row.setSpacing(Space.S)
        self.spinner = make_spinner(self.busy)
        busy_row.addWidget(self.spinner)
        self.busy_label = plain(QLabel(tr("Checking your PIN…")))
        self.busy_label.setObjectName("pinBusyText")
        busy_row.addWidget(self.busy_label, 1)
        self.busy.hide()
        layout.addWidget(self.busy)
        layout.addSpacing(Space.S)
        buttons = QHBoxLayout()
        buttons.setSpacing(Space.S)
        self.unlock_button = FocusRingButton(tr("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        set_role(self.unlock_button, "primary")
        self.unlock_button.clicked.connect(self._submit)
        buttons.addWidget(self.unlock_button)
        buttons.addSpacing(Space.S)  # "Forgot PIN?" beside Unlock, not at the far edge
        self.forgot_button = LinkButton(tr("Forgot PIN?"))
        self.forgot_button.setObjectName("forgotPinButton")
        self.forgot_button.setAccessibleDescription(tr("Replace this token if you cannot remember its PIN"))
        self.forgot_button.clicked.connect(self.forgot.emit)
        buttons.addWidget(self.forgot_button)
        self.back_button = LinkButton(tr("Other token"))
        self.back_button.setObjectName("otherTokenButton")
        self.back_button.clicked.connect(self.back.emit)
        buttons.addWidget(self.back_button)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.wait_timer = QTimer(self)
        self.wait_timer.setInterval(1000)
        self.wait_timer.timeout.connect(self._tick_wait)
        self._wait_left = 0
        self._pin_length = 4
        self._attempts_note = ""
        self._say_why = True
        self.said = ""  # what the field's description says after its progress
        self._busy = False

    def show_token(self, status: TokenStatus, now: float, several: bool) -> None:
        self.header.show_status(status, now)
        self._pin_length = status.pin_length
        self.pin_edit.set_length(status.pin_length)
        self.pin_edit.setPlaceholderText(tr("{n}-digit PIN").format(n=status.pin_length))
        hotp = status.type == TokenType.HOTP.value
        self.unlock_button.setText(tr("Generate passcode") if hotp else tr("Unlock"))
        self.back_button.setVisible(several)
        self.clear_pin()
        self.message.show_text("")
        self.wait_timer.stop()
        self._wait_left = 0
        self.set_busy(False)
        self.say("")
        # The status carries the count: after a restart during a wait it is still said.
        self._attempts_note = attempts_left_text(status.attempts_left, wrong=False) if status.failures else ""
        if status.wait_seconds:
            self.start_wait(status.wait_seconds, self._attempts_note)
        else:
            self.message.show_text(self._attempts_note)
            self.say(self._attempts_note)

    def clear_pin(self) -> None:
        """Empty the field, masked again."""
        self.show_check.setChecked(False)
        self.pin_edit.clear()

    def _show_pin(self, shown: bool) -> None:
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)

    def say(self, text: str) -> None:
        """``text`` in the field's description, after its progress: read with it, or spoken as it changes."""
        self.said = text
        self.pin_edit.setAccessibleDescription(text)

    def show_note(self, text: str, warning: bool = True) -> None:
        """A line under the field, also said in the field's description."""
        self.message.show_text(text, warning)
        self.say(text)

    def _typed(self) -> None:
        if self.said and not self.locked():  # the next PIN is being typed: the note has been heard
            self.say("")

    def locked(self) -> bool:
        """Whether the field is read-only now (the PIN is being checked, or a wait runs)."""
        return self._busy or bool(self._wait_left)

    def _set_locked(self, locked: bool) -> None:
        if locked and self.unlock_button.hasFocus():
            self.focus_pin()  # Unlock is disabled next: the focus would go on to "Forgot PIN?"
        self.pin_edit.setReadOnly(locked)
        self.unlock_button.setEnabled(not locked)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """While read-only, no key, input method or middle click edits the PIN (Tab still moves on)."""
        if watched is not self.pin_edit or not self.pin_edit.isReadOnly():
            return False
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            return event.key() not in _MOVES
        if event.type() == QEvent.Type.InputMethod:
            return True
        return (
            isinstance(event, QMouseEvent)
            and event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.MiddleButton
        )

    def focus_pin(self) -> None:
        self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        pin = self.pin_edit.pin()
        if self.locked():
            return
        from softtoken.core.errors import PinRejected
        from softtoken.core.pin import check_pin_entry

        try:
            check_pin_entry(pin, self._pin_length)
        except PinRejected as exc:
            from .errors import core_message

            self.show_note(core_message(exc))
            return
        self.submitted.emit(pin)

    def set_busy(self, busy: bool) -> None:
        """ "Checking your PIN…" with the spinner while the vault works (Argon2, the TPM)."""
        self._busy = busy
        self.busy.setVisible(busy)
        if busy:
            self.spinner.start()
        else:
            self.spinner.stop()
        self._set_locked(self.locked())
        if busy:
            self.message.show_text("")
            self.say(self.busy_label.text())

    def wrong_pin(self, message: str, wait: int) -> None:
        self.pin_edit.clear()
        if wait:
            self.start_wait(wait, message, why=False)  # "Incorrect PIN. …" says why already
        else:
            self.show_note(message)
            self.focus_pin()

    def start_wait(self, seconds: int, message: str, why: bool = True) -> None:
        """Count the wait down after ``message`` (the attempts left; "": the last one said).

        ``why``: "Too many wrong PINs." comes before the wait (not after "Incorrect PIN. …",
        which said it). One paragraph, so that it fits the window's smallest size in Spanish too.
        """
        self._wait_left = seconds
        self._attempts_note = message or self._attempts_note
        self._say_why = why
        self._set_locked(True)
        self.say(self._show_wait())  # once: not each second
        self.wait_timer.start()

    def _show_wait(self) -> str:
        from softtoken.core.vault.lockout import try_again_sentence

        from .errors import core_text

        too_many = tr("Too many wrong PINs.") if self._say_why or not self._attempts_note else ""
        wait = core_text(*try_again_sentence(self._wait_left))
        shown = " ".join(part for part in (self._attempts_note, too_many, wait) if part)
        self.message.show_text(shown)
        return shown

    def _tick_wait(self) -> None:
        self._wait_left -= 1
        if self._wait_left > 0:
            self._show_wait()
            return
        self.wait_timer.stop()
        self._wait_left = 0
        self.message.show_text(self._attempts_note)
        self._set_locked(self._busy)
        self.say(f"{tr('You can try the PIN again now.')} {self._attempts_note}".strip())
        self.focus_pin()
