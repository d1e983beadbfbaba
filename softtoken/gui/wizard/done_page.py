"""Step 4 of the activation wizard (and the replacement wizard's last step): the token exists.

It says when the token can be used, shows a two-step activation's code to type
into the issuer's page, and offers a first passcode for an issuer that asks for
one ("verify enrollment"). Paragraphs are spaced evenly: hidden ones take no room.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from ..style import Role, Space, Type, make_card, set_type
from .common import page_paragraphs, page_words, text_label, translate
from .frame import FramedPage
from .proof import ProofPasscode, code_font

if TYPE_CHECKING:
    from softtoken.core.clock import Clock
    from softtoken.core.policy import Policy
    from softtoken.core.vault.vault import Passcodes, TokenStatus

    from .steps import PinPage

PARAGRAPH_SPACING = Space.M


class DonePage(FramedPage):
    """Step 4: the token exists: a success mark and heading, the one next thing, the values in a card.

    It says when the token can be used and, for two-step, what to type.
    """

    def __init__(self, policy: Policy, clock: Clock, made: PinPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("donePage")
        self.ready_title = translate("ActivationWizard", "Your token is ready")
        self.set_up_title = translate("ActivationWizard", "Your token is set up")  # until the network sync
        self.setTitle(self.ready_title)
        self.set_heading_icon("ready", Role.SUCCESS, translate("ActivationWizard", "Success"))
        self._policy = policy
        self._clock = clock
        self._made = made

        self._name_words = translate("ActivationWizard", "Token name:")
        self._serial_words = translate("ActivationWizard", "Serial number:")
        self.name_value = self._value_label("nameValue", translate("ActivationWizard", "Token name"))
        self.serial_value = self._value_label("serialValue", translate("ActivationWizard", "Serial number"))
        self.values = QFrame(self)  # the token's name and serial, in a card
        self.values.setObjectName("valuesCard")
        make_card(self.values)
        form = QFormLayout(self.values)
        form.setContentsMargins(Space.L, Space.M, Space.L, Space.M)
        form.setHorizontalSpacing(Space.L)
        form.addRow(self._name_words, self.name_value)
        form.addRow(self._serial_words, self.serial_value)

        self.sync_label = text_label("", self)
        self.sync_label.setObjectName("syncLabel")
        # Where the key is (the computer's TPM, or software and why): never a silent fallback.
        self.protection_label = text_label("", self)
        self.protection_label.setObjectName("protectionLabel")
        self.client_intro = text_label(
            translate("ActivationWizard", "To finish, type this activation code into the issuer's page:"),
            self,
        )
        self.client_intro.setObjectName("clientPartIntro")
        self.client_part_label = self._client_part_label()
        self.confirm_note = text_label(
            translate(
                "ActivationWizard",
                "If the issuer's page asks for a passcode to confirm the activation, click Finish "
                "and enter your PIN to see one.",
            ),
            self,
        )
        self.confirm_note.setObjectName("confirmNote")
        # Proof of activation ("verify enrollment"): the first passcode, behind the new PIN.
        self.proof = ProofPasscode(clock, self, policy.pin_length)
        self.proof.hide()

        client = QVBoxLayout()  # the intro and its code stay together
        client.setContentsMargins(0, 0, 0, 0)
        client.setSpacing(Space.XS)
        client.addWidget(self.client_intro)
        client.addWidget(self.client_part_label, 0, Qt.AlignmentFlag.AlignLeft)
        self._layout = layout = QVBoxLayout(self)
        layout.setSpacing(PARAGRAPH_SPACING)
        layout.addWidget(self.values)
        layout.addWidget(self.sync_label)
        layout.addWidget(self.protection_label)
        self._last_note: QWidget = self.protection_label  # add_note() puts paragraphs after it
        layout.addLayout(client)
        layout.addWidget(self.confirm_note)
        layout.addWidget(self.proof)
        layout.addStretch(1)

    @property
    def unlock(self) -> Callable[[str, str], Passcodes] | None:
        """``unlock(token_id, pin)``: the passcodes to show (normally ``Vault.unlock``)."""
        return self.proof.unlock

    @unlock.setter
    def unlock(self, unlock: Callable[[str, str], Passcodes] | None) -> None:
        self.proof.unlock = unlock

    def add_note(self, label: QWidget) -> None:
        """A paragraph after the sync line, spaced as the others (the replacement's old-token note)."""
        self._layout.insertWidget(self._layout.indexOf(self._last_note) + 1, label)
        self._last_note = label

    def _client_part_label(self) -> QLabel:
        label = QLabel(self)
        label.setObjectName("clientPartLabel")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        label.setFont(code_font(self.font()))  # characters line up: the code is typed from it
        label.setAccessibleName(translate("ActivationWizard", "Activation code"))
        label.setAccessibleDescription(
            translate("ActivationWizard", "Type this code into the issuer's page to finish.")
        )
        label.setMargin(Space.S)
        label.setFrameShape(QFrame.Shape.StyledPanel)
        return label

    def take_focus(self, finish: QWidget) -> None:
        """Focus where Enter finishes (or the code to type, for two-step); it says the page."""
        target = self.client_part_label if self.client_part_label.isVisible() else finish
        said = [self.name_value.accessibleName(), self.serial_value.accessibleName()]
        said += page_paragraphs(self)
        if target is self.client_part_label:
            said.append(translate("ActivationWizard", "Type this code into the issuer's page to finish."))
        target.setAccessibleDescription(page_words(self, *said))
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _value_label(self, name: str, accessible: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(accessible)
        set_type(label, Type.STRONG)
        return label

    def initializePage(self) -> None:
        status = self._made.status
        if status is None:  # never: step 3 only moves on after a commit
            return
        self.name_value.setText(status.name)
        self.serial_value.setText(status.serial or "—")
        # A value's name says what it is and the value (Orca reads a label by its name).
        self.name_value.setAccessibleName(f"{self._name_words} {status.name}")
        self.serial_value.setAccessibleName(f"{self._serial_words} {status.serial or '—'}")
        sync = self._sync_sentence(status)
        ready = status.state == "ready" or self._policy.sync_window_minutes <= 0
        self.setTitle(self.ready_title if ready else self.set_up_title)
        self.setSubTitle(self._next_sentence(bool(self._made.client_part)))
        self.sync_label.setText(sync)
        from softtoken.core.cardtext import protection_line

        from ..support import line_text

        self.protection_label.setText(line_text(protection_line(status.summary())).strip())
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
        self.proof.token_id = status.token_id
        self.proof.setVisible(proof)
        self.client_part_label.setText(client_part)
        self.client_intro.setVisible(bool(client_part))
        self.client_part_label.setVisible(bool(client_part))
        # Opening a page, QWizard focuses its first focusable child, hidden or not: this label.
        # Qt then told screen readers "Activation code" had the focus (on a page without one)
        # before take_focus() moved it to Finish. A disabled widget refuses setFocus().
        self.client_part_label.setEnabled(bool(client_part))

    def _next_sentence(self, two_step: bool) -> str:
        """The one next thing to do, under the heading."""
        if two_step:
            return translate(
                "ActivationWizard", "Next: type the activation code below into the issuer's page."
            )
        return translate(
            "ActivationWizard", "Next: the next time you e-prescribe, open softtoken and enter your PIN."
        )

    def _sync_sentence(self, status: TokenStatus) -> str:
        """When the token can be used; a token without an issuer serial is not said to be linked.

        Without a serial (a mail that cut the link may have lost it) nothing ties the token to
        the prescriber's account at the issuer: say so, as step 1's summary does.
        """
        minutes = self._policy.sync_window_minutes
        ready = status.state == "ready" or minutes <= 0
        if ready:
            if status.serial:
                return translate(
                    "ActivationWizard", "Your token is now linked to your account and ready for use."
                )
            return translate(
                "ActivationWizard",
                "Your token is ready for use, but it is not linked to an issuer serial — ask your help desk "
                "if they expect one.",
            )
        until = status.sync_until or (self._clock.now() + minutes * 60)
        about = datetime.fromtimestamp(until).strftime("%H:%M")
        if status.serial:
            sync = translate(
                "ActivationWizard",
                "Your token is now linked to your account and will automatically be activated for use "
                "after syncing with the network, which may take up to {minutes} minutes (about {time}).",
            )
        else:
            sync = translate(
                "ActivationWizard",
                "Your token is not linked to an issuer serial — ask your help desk if they expect one. "
                "It will automatically be activated for use after syncing with the network, which may "
                "take up to {minutes} minutes (about {time}).",
            )
        return sync.format(minutes=minutes, time=about)

    def cleanupPage(self) -> None:
        self.proof.clear()
