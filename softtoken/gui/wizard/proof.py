"""The Done pages' "Show a passcode": the first passcode, behind the new PIN, with its countdown.

An issuer that asks for proof of activation ("verify enrollment") wants one
passcode typed into its page. The prescriber types the new PIN here and presses
Enter (or the button); the passcode is shown until it changes (TOTP) or for a
minute (HOTP), as the token window does, and then cleared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontInfo,
    QFontMetricsF,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from softtoken.core.otp import TokenType

from .. import workers
from ..errors import message_for
from ..style import Space, set_role
from .common import problem_label, problem_row, show_problem, translate
from .noted_pin import NotedPinField

if TYPE_CHECKING:
    from softtoken.core.clock import Clock
    from softtoken.core.vault.vault import Passcode, Passcodes

HOTP_SHOW_SECONDS = 60  # as the token window
MONOSPACE = "DejaVu Sans Mono"  # fonts-dejavu-core is in the app's Debian package list


def _monospaced(font: QFont) -> bool:
    """What the prescriber sees: every character of a code takes the same width."""
    metrics = QFontMetricsF(font)
    return len({metrics.horizontalAdvance(c) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ "}) == 1


def code_font(reference: QFont) -> QFont:
    """A bold monospaced font for codes to be typed: DejaVu Sans Mono, else the system's fixed font.

    Not whatever fontconfig maps "monospace" to: on some machines that is a
    font Qt does not take for fixed-pitch (Noto Sans Mono), or a proportional
    one; the first candidate whose characters really line up is used, at the type
    scale's title size (relative to ``reference``) and bold.
    """
    from ..style import Type, font

    candidates = [QFont(MONOSPACE), QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)]
    candidates += [QFont(family) for family in QFontDatabase.families() if QFontDatabase.isFixedPitch(family)]
    chosen = candidates[1]
    for candidate in candidates:
        candidate.setStyleHint(QFont.StyleHint.TypeWriter)
        if QFontInfo(candidate).family() == candidate.family() and _monospaced(candidate):
            chosen = candidate
            break
    sized = QFont(reference)
    sized.setFamilies([chosen.family()])
    sized.setStyleHint(QFont.StyleHint.TypeWriter)
    return font(Type.TITLE, sized)  # not a monospace kind of the scale: it would pick the family again


class ProofPasscode(QWidget):
    """PIN field, "Show a passcode", the passcode and how long it stays."""

    def __init__(self, clock: Clock, parent: QWidget | None = None, pin_length: int = 4) -> None:
        super().__init__(parent)
        self.setObjectName("proofPasscode")
        self._clock = clock
        self.unlock: Callable[[str, str], Passcodes] | None = None
        self.token_id = ""
        self._codes: Passcodes | None = None
        self._hidden_at = 0.0

        # digits only, never on a clipboard or the primary selection; Enter shows the passcode
        self.pin_edit = NotedPinField(pin_length, self, own_enter=True)
        self.pin_edit.setObjectName("proofPinEdit")
        self.pin_edit.setAccessibleName(translate("ActivationWizard", "Token PIN"))
        self.pin_label = QLabel(translate("ActivationWizard", "Token PIN:"), self)
        self.pin_label.setObjectName("proofPinLabel")
        self.pin_label.setBuddy(self.pin_edit)
        self.pin_edit.entered.connect(self.show_passcode)
        self.button = QPushButton(translate("ActivationWizard", "Show a passcode"), self)
        self.button.setObjectName("proofButton")
        self.button.setAccessibleName(translate("ActivationWizard", "Show a passcode"))
        self.button.setAutoDefault(False)
        set_role(self.button, "secondary")  # Finish stays the page's primary
        self.button.clicked.connect(self.show_passcode)
        self.code_label = QLabel(self)
        self.code_label.setObjectName("proofCode")
        self.code_label.setTextFormat(Qt.TextFormat.PlainText)
        self.code_label.setAccessibleName(translate("ActivationWizard", "Passcode"))
        self.code_label.setFont(code_font(self.font()))
        # Selectable with the mouse, not the keyboard: a keyboard-selectable label draws a caret.
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Focused when shown, as in the token window: a screen reader says "Passcode 6 1 3, 2 9 5".
        self.code_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.countdown = QLabel(self)
        self.countdown.setObjectName("proofCountdown")
        self.countdown.setTextFormat(Qt.TextFormat.PlainText)
        self.message = problem_label(self)  # a refusal (wrong PIN, lockout) in core's words
        self.message.setObjectName("proofMessage")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(Space.S)
        row.addWidget(self.pin_label)
        row.addWidget(self.pin_edit)
        row.addWidget(self.button)
        row.addStretch(1)
        shown = QHBoxLayout()  # a row of its own: beside the PIN it does not fit (Spanish, scale 2)
        shown.setContentsMargins(0, 0, 0, 0)
        shown.addWidget(self.code_label)
        shown.addSpacing(Space.M)  # the passcode, then how long it stays
        shown.addWidget(self.countdown)
        shown.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.S)
        layout.addLayout(row)
        layout.addWidget(problem_row(self.message))  # under the PIN field it is about
        layout.addLayout(shown)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)

    @property
    def code(self) -> str:
        """The passcode shown now, grouped as on screen ("" when none)."""
        return self.code_label.text()

    def show_passcode(self) -> None:
        unlock, token_id = self.unlock, self.token_id
        if unlock is None or not token_id or not self.button.isEnabled():
            return
        pin = self.pin_edit.pin()
        self.pin_edit.clear()
        if self.button.hasFocus():  # disabled, it would hand the focus on to Finish
            self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.button.setEnabled(False)
        self.clear()
        workers.run_in_background(lambda: unlock(token_id, pin), self._shown, self._failed, owner=self)

    def _shown(self, codes: Passcodes) -> None:
        self.button.setEnabled(True)
        self._codes = codes
        self._hidden_at = self._clock.now() + HOTP_SHOW_SECONDS
        self._say("")
        self.tick()
        if self._codes is not None:
            self.timer.start()
            self.code_label.setFocus(Qt.FocusReason.OtherFocusReason)  # said: its name is the code

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self._say(message_for(exc))
        self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say(self, text: str) -> None:
        """The refusal or the expiry line; the focused field or passcode says it too (issue 17)."""
        show_problem(self.message, text)
        self.pin_edit.say_once(text)  # until the next digit: the wrong PIN's count, then the progress
        self.code_label.setAccessibleDescription(text)

    def _current(self, now: float) -> tuple[Passcode | None, int]:
        codes = self._codes
        if codes is None:
            return None, 0
        code = codes.at(now)
        if codes.type is TokenType.HOTP:
            left = int(self._hidden_at - now + 0.999)
        elif code is not None and code.valid_until is not None:
            left = int(code.valid_until - now + 0.999)
        else:
            left = 0
        return (code, left) if left > 0 else (None, 0)

    def tick(self) -> None:
        codes = self._codes
        if codes is None:
            return
        code, left = self._current(self._clock.now())
        if code is None:
            self.clear()
            self._say(translate("ActivationWizard", "That passcode expired. Enter your PIN for a new one."))
            return
        self.code_label.setText(code.grouped())
        self.code_label.setAccessibleName(
            translate("ActivationWizard", "Passcode {digits}").format(digits=code.spoken())
        )
        if codes.type is TokenType.TOTP:
            text = translate("ActivationWizard", "Changes in {s} s").format(s=left)
        else:
            text = translate("ActivationWizard", "Hidden in {s} s").format(s=left)
        self.countdown.setText(text)

    def clear(self) -> None:
        """Forget the passcode (it expired, or the page is left)."""
        self.timer.stop()
        self._codes = None
        self.code_label.clear()
        self.code_label.setAccessibleName(translate("ActivationWizard", "Passcode"))
        self.countdown.clear()
