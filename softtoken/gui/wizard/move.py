"""Moving to a new workstation by itself: the issuer allows rollover for this registration.

The old workstation asks the issuer for a new registration (``rollover``) and
shows it as a QR code and a link; the new workstation registers with it and its
first sync brings the tokens, with new secrets. Once the prescriber says the
new workstation has them, this one forgets them and its registration
(``finish_move``). Without rollover the replacement wizard removes the token
and says to ask the help desk, as before (retire.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from .. import dialogs
from ..errors import message_for
from ..style import Role, Space, set_role
from .common import problem_label, problem_row, show_problem
from .frame import FramedPage
from .reason import MOVED, plain_label, translate
from .retire import _busy, _spinner

Rollover = Callable[[Callable[[str], None], Callable[[BaseException], None]], None]
FinishMove = Callable[[Callable[[list[str]], None], Callable[[BaseException], None]], None]  # done(staying)


class MovePage(FramedPage):
    """The new workstation's registration (QR code and link), then "it has my tokens"."""

    moved = Signal()

    def __init__(
        self,
        issuer: str,
        rollover: Rollover,
        finish_move: FinishMove,
        parent: QWidget | None = None,
        *,
        clear_after_seconds: int = 30,
    ) -> None:
        super().__init__(parent)
        from ..clipboard import SecretClipboard

        # Whoever registers with the link first receives the tokens: it is copied like a
        # passcode (kept out of clipboard history, cleared after the policy's delay and
        # when the wizard closes).
        self.clipboard = SecretClipboard(clear_after_seconds, self)
        self.setObjectName("movePage")
        self.setTitle(translate("ReplacementWizard", "Register the new workstation"))
        self.setSubTitle(
            translate("ReplacementWizard", "Your tokens move to the new workstation with new secrets.")
        )
        self._rollover = rollover
        self._finish = finish_move
        self._asking = False
        self._finishing = False
        self.link = ""
        self.done_ok = False
        self.staying: list[str] = []  # tokens activated by hand here: the move leaves them
        layout = QVBoxLayout(self)
        self.intro = plain_label(
            translate(
                "ReplacementWizard",
                "On the new workstation, open softtoken and choose Scan QR code on screen, or paste "
                "the link below. It registers with {issuer} and receives your tokens at once.",
            ).format(issuer=issuer),
            self,
            "moveIntro",
        )
        layout.addWidget(self.intro)
        row = QHBoxLayout()
        self.qr_label = QLabel(self)
        self.qr_label.setObjectName("moveQr")
        self.qr_label.setAccessibleName(translate("ReplacementWizard", "Registration QR code"))
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        row.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        self.link_box = QPlainTextEdit(self)
        self.link_box.setObjectName("moveLink")
        self.link_box.setReadOnly(True)
        self.link_box.setTabChangesFocus(True)
        self.link_box.setAccessibleName(translate("ReplacementWizard", "Registration link"))
        # At least five lines; as tall as the QR code beside it (the row's height), so the whole
        # link shows without scrolling where there is room.
        self.link_box.setMinimumHeight(self.link_box.fontMetrics().lineSpacing() * 5 + Space.M)
        self.copy_button = QPushButton(translate("ReplacementWizard", "&Copy link"), self)
        self.copy_button.setObjectName("copyMoveLinkButton")
        from ..icons import icon  # this page is made after the first paint

        self.copy_button.setIcon(icon("copy", self, Role.TEXT))
        self.copy_button.setAutoDefault(False)
        set_role(self.copy_button, "secondary")
        self.copy_button.clicked.connect(self._copy)
        side.addWidget(self.link_box, 1)
        side.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        row.addLayout(side, 1)
        layout.addLayout(row)
        self.has_tokens = QCheckBox(translate("ReplacementWizard", "The new workstation has my tokens"), self)
        self.has_tokens.setObjectName("newWorkstationHasTokensCheck")
        self.has_tokens.setAccessibleDescription(
            translate(
                "ReplacementWizard",
                "Check this once softtoken on the new workstation shows your tokens. Then they are "
                "removed from this one.",
            )
        )
        self.has_tokens.toggled.connect(lambda _checked: self.completeChanged.emit())
        layout.addWidget(self.has_tokens)
        self.problem = problem_label(self, icon="error")
        layout.addWidget(problem_row(self.problem))
        self.busy_bar = _spinner(self)
        self.busy_bar.setAccessibleName(translate("ReplacementWizard", "Asking the issuer"))
        layout.addWidget(self.busy_bar)
        layout.addStretch(1)
        self.setCommitPage(True)
        self.forward_role = "danger"  # the tokens are removed from this workstation
        for button in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.NextButton):
            self.setButtonText(button, translate("ReplacementWizard", "Finish the move"))
        self._show_link("")

    @property
    def busy(self) -> bool:
        return self._asking or self._finishing

    def initializePage(self) -> None:
        if not self.link and not self._asking:
            self._ask()

    def _ask(self) -> None:
        self._asking = True
        _busy(self.busy_bar, True)
        show_problem(self.problem, "")
        self.completeChanged.emit()
        self._rollover(self._got_link, self._failed)

    def _got_link(self, link: str) -> None:
        self._asking = False
        _busy(self.busy_bar, False)
        self._show_link(link)
        self.completeChanged.emit()
        self.has_tokens.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_link(self, link: str) -> None:
        from ..qr_image import qr_pixmap

        self.link = link
        self.link_box.setPlainText(link)
        self.qr_label.setVisible(bool(link))
        self.copy_button.setEnabled(bool(link))
        self.has_tokens.setEnabled(bool(link))
        if link:
            self.qr_label.setPixmap(qr_pixmap(link, module=3))

    def _failed(self, exc: BaseException) -> None:
        self._asking = self._finishing = False
        _busy(self.busy_bar, False)
        show_problem(self.problem, message_for(exc))
        self.completeChanged.emit()

    def _copy(self) -> None:
        self.clipboard.copy(self.link)
        show_problem(self.problem, "")

    def isComplete(self) -> bool:
        return bool(self.link) and self.has_tokens.isChecked() and not self.busy

    def validatePage(self) -> bool:
        if self.done_ok:
            return True
        if self.busy or not self.isComplete():
            return False
        choice = dialogs.question(
            self,
            translate("ReplacementWizard", "Finish the move"),
            translate(
                "ReplacementWizard",
                "Remove the tokens your issuer delivered from this workstation now? Do this only once "
                "the new workstation shows them. This cannot be undone.",
            ),
            [translate("ReplacementWizard", "Remove them here"), translate("ReplacementWizard", "Cancel")],
            default=1,
        )
        if choice != 0:
            return False
        self._finishing = True
        _busy(self.busy_bar, True)
        self.completeChanged.emit()
        self._finish(self._finished, self._failed)
        return False

    def _finished(self, staying: list[str]) -> None:
        self._finishing = False
        self.staying = staying
        _busy(self.busy_bar, False)
        self.done_ok = True
        self.moved.emit()
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def nextId(self) -> int:
        return MOVED


class MovedPage(FramedPage):
    """The end of the move: what moved (the issuer's tokens) and what did not (tokens activated by hand)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("movedPage")
        self.setTitle(translate("ReplacementWizard", "The delivered tokens moved"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                translate(
                    "ReplacementWizard",
                    "The tokens your issuer delivered to this workstation now work on the new "
                    "workstation, and no longer on this one. This workstation is no longer registered "
                    "with the issuer.",
                ),
                self,
                "movedText",
            )
        )
        self.staying = plain_label("", self, "stayingText")
        self.staying.hide()
        layout.addWidget(self.staying)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard = self.wizard()
        page = getattr(wizard, "move_page", None)
        names = list(page.staying) if page is not None else []
        self.staying.setVisible(bool(names))
        self.staying.setText(
            translate(
                "ReplacementWizard",
                "Not moved: {names}. You activated these by hand on this workstation, so they still "
                "work here only. Ask your issuer for a new activation on the new workstation, then "
                "remove them here with Replace token, reason Moving to a new workstation.",
            ).format(names=", ".join(names))
            if names
            else ""
        )

    def nextId(self) -> int:
        return -1
