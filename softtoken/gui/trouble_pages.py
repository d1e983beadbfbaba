"""The token window's pages for when no passcode can be had: a disabled token, an unreadable vault."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from softtoken.core.vault.vault import TokenStatus

from . import errors
from .buttons import FocusRingButton
from .labels import plain, title
from .style import MessageText
from .text import tr


class DisabledPage(QWidget):
    replace = Signal()

    def __init__(self, helpdesk: str) -> None:
        super().__init__()
        self.setObjectName("disabledPage")
        layout = QVBoxLayout(self)
        self.title = title(tr("This token is disabled"))
        layout.addWidget(self.title)
        self.text = MessageText()
        self.text.setObjectName("disabledText")
        layout.addWidget(self.text)
        # The admin's contact as written (it often says "help desk" itself), or what to do without one.
        self.next_step = plain(
            QLabel(
                tr("To get a new token, contact:")
                if helpdesk
                else tr("To get a new token, ask your help desk for a new activation.")
            )
        )
        self.next_step.setObjectName("disabledNextStep")
        self.next_step.setWordWrap(True)
        layout.addWidget(self.next_step)
        self.contact: QLabel | None = None
        if helpdesk:
            self.contact = plain(QLabel(helpdesk))
            self.contact.setObjectName("helpdeskContact")
            self.contact.setWordWrap(True)
            bold = self.contact.font()
            bold.setBold(True)
            self.contact.setFont(bold)
            self.contact.setAccessibleName(tr("Help desk contact"))
            self.contact.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            layout.addWidget(self.contact)
        layout.addSpacing(6)
        self.replace_button = FocusRingButton(tr("Replace token…"))
        self.replace_button.setObjectName("replaceButton")
        self.replace_button.setDefault(True)
        self.replace_button.clicked.connect(self.replace.emit)
        layout.addWidget(self.replace_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()

    def show_token(self, status: TokenStatus, reason: str) -> None:
        self.title.setText(tr("Token '{name}' is disabled").format(name=status.name))
        self.text.setText(
            reason or tr("It was disabled after too many wrong PINs and cannot be unlocked again, by anyone.")
        )
        # The focus lands on Replace: a screen reader reads its description with it.
        said = [self.title.text(), self.text.text(), self.next_step.text()]
        if self.contact is not None:
            said.append(self.contact.text())
        self.replace_button.setAccessibleDescription(" ".join(said))


class ProblemPage(QWidget):
    """The vault cannot be read: say why, and what can be done."""

    restore = Signal()
    retry = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("problemPage")
        layout = QVBoxLayout(self)
        layout.addWidget(title(tr("softtoken cannot open your tokens")))
        self.text = MessageText()
        self.text.setObjectName("problemText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.retry_button = FocusRingButton(tr("Try again"))
        self.retry_button.setObjectName("retryButton")
        self.retry_button.clicked.connect(self.retry.emit)
        row.addWidget(self.retry_button)
        self.restore_button = FocusRingButton(tr("Restore the previous version…"))
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
