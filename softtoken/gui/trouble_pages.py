"""The token window's pages for when no passcode can be had: a disabled token, an unreadable vault.

Both are the design's error state: an icon, a title, a sentence or two, and
one primary button named for what it does ("Replace token", "Restore backup",
"Try again").
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from softtoken.core.vault.vault import TokenStatus

from . import errors
from .buttons import FocusRingButton
from .labels import plain, title
from .style import MessageText, Role, Space, Type, set_role, set_type
from .text import tr
from .token_card import icon_label

ICON_SIZE = 48


def _error_layout(page: QWidget, icon: str, accessible: str) -> QVBoxLayout:
    """The error state's column: the icon first; the page adds its title, text and buttons."""
    layout = _column(page)
    layout.addWidget(icon_label(icon, ICON_SIZE, Role.DANGER, accessible=accessible))
    return layout


def _column(page: QWidget) -> QVBoxLayout:
    """The page's column: on the window's left edge (the notices' too), in the middle of a tall window."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, Space.L, 0, Space.L)
    layout.setSpacing(Space.M)
    layout.addStretch()
    return layout


def _space_before(layout: QBoxLayout) -> None:
    layout.addSpacing(Space.S)


class DisabledPage(QWidget):
    replace = Signal()

    def __init__(self, helpdesk: str) -> None:
        super().__init__()
        self.setObjectName("disabledPage")
        layout = _error_layout(self, "disabled", tr("Disabled"))
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
            set_type(self.contact, Type.STRONG)
            self.contact.setAccessibleName(tr("Help desk contact"))
            self.contact.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            layout.addWidget(self.contact)
        _space_before(layout)
        self.replace_button = FocusRingButton(tr("Replace token"))
        self.replace_button.setObjectName("replaceButton")
        self.replace_button.setDefault(True)
        set_role(self.replace_button, "primary")
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
        layout = _error_layout(self, "error", tr("Error"))
        self.title = title(tr("softtoken cannot open your tokens"))
        layout.addWidget(self.title)
        self.text = MessageText()
        self.text.setObjectName("problemText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        _space_before(layout)
        row = QHBoxLayout()
        row.setSpacing(Space.S)
        self.restore_button = FocusRingButton(tr("Restore backup"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setAccessibleDescription(tr("Restore the previous version of your token vault"))
        self.restore_button.clicked.connect(self.restore.emit)
        row.addWidget(self.restore_button)
        self.retry_button = FocusRingButton(tr("Try again"))
        self.retry_button.setObjectName("retryButton")
        self.retry_button.clicked.connect(self.retry.emit)
        row.addWidget(self.retry_button)
        row.addStretch()
        layout.addLayout(row)
        layout.addStretch()

    def show_problem(self, exc: BaseException) -> None:
        self.text.setText(errors.message_for(exc))
        backup = bool(getattr(exc, "backup", None))
        self.restore_button.setVisible(backup)
        # One primary action: restoring when there is a backup, else trying again.
        set_role(self.restore_button, "primary")
        set_role(self.retry_button, "secondary" if backup else "primary")

    def focus_action(self) -> None:
        button = self.restore_button if self.restore_button.isVisible() else self.retry_button
        button.setFocus(Qt.FocusReason.OtherFocusReason)


class EmptyPage(QWidget):
    """No token in the vault (the last one was removed): the empty state, while the wizard opens."""

    add = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("emptyPage")
        layout = _column(self)
        layout.addWidget(icon_label("token", ICON_SIZE, Role.MUTED, accessible=tr("Token")))
        self.title = title(tr("No token on this workstation yet"))
        layout.addWidget(self.title)
        self.text = MessageText()
        self.text.setObjectName("emptyText")
        self.text.setText(tr("Add one with the activation link or QR code your help desk sent you."))
        layout.addWidget(self.text)
        _space_before(layout)
        self.add_button = FocusRingButton(tr("Add a token"))
        self.add_button.setObjectName("addTokenButton")
        set_role(self.add_button, "primary")
        self.add_button.clicked.connect(self.add.emit)
        layout.addWidget(self.add_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()
