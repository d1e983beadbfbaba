"""Step 1 of the replacement wizard: why, and what happens next."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QButtonGroup, QCheckBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from softtoken.core.clock import Clock
from softtoken.core.lifecycle import Reason
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import TokenStatus

from ..style import Space
from .common import page_words
from .frame import FramedPage

# The replacement wizard's page ids.
REASON, ACTIVATE, NAME, PIN, DONE, RETIRE, RETIRED, MOVE, MOVED = 0, 1, 2, 3, 4, 10, 11, 12, 13

translate = QCoreApplication.translate  # Qt Linguist finds translate("Context", "…") calls


def plain_label(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


class ReasonPage(FramedPage):
    """Step 1: why, and what happens next (with the EPCS loss-report rule for lost tokens)."""

    def __init__(
        self, token: TokenStatus, policy: Policy, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reasonPage")
        self.setTitle(translate("ReplacementWizard", "Why are you replacing this token?"))
        self.setSubTitle(translate("ReplacementWizard", "Token: {name}").format(name=token.name))
        self._clock = clock
        self.loss_reported_at: float | None = None
        self.move_possible = False  # registered, and the issuer allows rollover: see allow_move()
        self.group = QButtonGroup(self)
        texts = {
            Reason.LOST: translate("ReplacementWizard", "Lost or stolen device"),
            Reason.FORGOT_PIN: translate("ReplacementWizard", "Forgot my PIN"),
            Reason.LOCKED_OUT: translate("ReplacementWizard", "Token locked out"),
            Reason.NEW_TOKEN: translate("ReplacementWizard", "The help desk sent me a new token"),
            Reason.NEW_WORKSTATION: translate("ReplacementWizard", "Moving to a new workstation"),
        }
        self.explanations = {
            Reason.LOST: translate(
                "ReplacementWizard",
                "Report the loss to your practice's EPCS administrators now: the rules say within one "
                "business day. Then ask the issuer for a new activation; the old token stops working "
                "on this workstation as soon as the new one is set up, and the issuer must revoke it.",
            ),
            Reason.FORGOT_PIN: translate(
                "ReplacementWizard",
                "A forgotten PIN cannot be recovered or reset. Ask the issuer for a new activation; "
                "you will choose a new PIN. The old token stops working on this workstation.",
            ),
            Reason.LOCKED_OUT: translate(
                "ReplacementWizard",
                "A token locked after too many wrong PINs cannot be unlocked again. Ask the issuer "
                "for a new activation; you will choose a new PIN.",
            ),
            Reason.NEW_TOKEN: translate(
                "ReplacementWizard",
                "Use the new activation link, QR code or key file the help desk sent. The old token "
                "stops working on this workstation; you do not need its PIN.",
            ),
            Reason.NEW_WORKSTATION: translate(
                "ReplacementWizard",
                "The token cannot be copied to another computer. It will be removed from this "
                "workstation; then ask the issuer for a new activation on the new workstation.",
            ),
        }
        layout = QVBoxLayout(self)
        # The radio buttons' group has a name (a screen reader says it with the first one focused):
        # the page's question and the token, in a frame that draws nothing.
        self.choices = QWidget(self)
        self.choices.setObjectName("reasonGroup")
        self.choices.setAccessibleName(page_words(self))
        choices = QVBoxLayout(self.choices)
        choices.setContentsMargins(0, 0, 0, 0)
        choices.setSpacing(layout.spacing())
        layout.addWidget(self.choices)
        self.buttons: dict[Reason, QRadioButton] = {}
        for reason, text in texts.items():
            button = QRadioButton(text, self.choices)
            button.setObjectName(f"reason-{reason.value}")
            button.setAccessibleDescription(self.explanations[reason])
            self.group.addButton(button)
            self.buttons[reason] = button
            choices.addWidget(button)
            button.toggled.connect(self._changed)
        layout.addSpacing(Space.S)
        self.explanation = plain_label("", self, "reasonExplanation")
        layout.addWidget(self.explanation)
        self.reported = QCheckBox(
            translate("ReplacementWizard", "I have reported the loss to my practice's EPCS administrators"),
            self,
        )
        self.reported.setObjectName("lossReportedCheck")
        self.reported.toggled.connect(self._reported)
        layout.addWidget(self.reported)
        self.helpdesk = plain_label(
            translate("ReplacementWizard", "Help desk: {contact}").format(contact=policy.helpdesk_contact)
            if policy.helpdesk_contact
            else "",
            self,
            "helpdeskLabel",
        )
        self.helpdesk.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.helpdesk.setVisible(bool(policy.helpdesk_contact))
        layout.addWidget(self.helpdesk)
        layout.addStretch(1)
        self.reported.hide()
        # "Token locked out" only for a token that is: waiting after wrong PINs, or disabled.
        locked = token.status == "disabled" or token.wait_seconds > 0
        self.buttons[Reason.LOCKED_OUT].setHidden(not locked)

    def initializePage(self) -> None:
        self.choices.setAccessibleName(page_words(self))  # the rail has numbered the page by now
        self.take_focus()

    def take_focus(self) -> None:
        """Focus the chosen reason (or the first), visibly: the page is answered with the keyboard."""
        shown = [button for button in self.buttons.values() if not button.isHidden()]
        first = self.group.checkedButton() or shown[0]
        first.setFocus(Qt.FocusReason.TabFocusReason)
        # As after a Tab, so the style draws the focus frame (setFocus does nothing on a widget
        # that has the focus already, as when the window was just activated).
        self.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
        first.update()

    @property
    def reason(self) -> Reason | None:
        for reason, button in self.buttons.items():
            if button.isChecked():
                return reason
        return None

    def choose(self, reason: Reason) -> None:
        self.buttons[reason].setChecked(True)

    def _changed(self) -> None:
        reason = self.reason
        self.explanation.setText(self.explanations[reason] if reason else "")
        self.explanation.setAccessibleDescription(self.explanation.text())
        self.reported.setVisible(reason is Reason.LOST)
        self.completeChanged.emit()

    def _reported(self, checked: bool) -> None:
        self.loss_reported_at = self._clock.now() if checked else None
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        reason = self.reason
        return reason is not None and (reason is not Reason.LOST or self.reported.isChecked())

    def allow_move(self) -> None:
        """The tokens can move to the new workstation by themselves (token containers, rollover)."""
        self.move_possible = True
        self.explanations[Reason.NEW_WORKSTATION] = translate(
            "ReplacementWizard",
            "Your issuer lets your tokens move by themselves: this workstation shows a registration "
            "code for the new one, which then receives your tokens. After that they no longer work here.",
        )
        self.buttons[Reason.NEW_WORKSTATION].setAccessibleDescription(
            self.explanations[Reason.NEW_WORKSTATION]
        )
        self._changed()

    def nextId(self) -> int:
        if self.reason is Reason.NEW_WORKSTATION:
            return MOVE if self.move_possible else RETIRE
        return ACTIVATE
