"""The support card dialog: what a help desk asks for, safe to read aloud; a clock check; a bundle.

What the card says, and in which order, is core's (``core/cardtext.py``): each
line is an English template with parameters. This dialog translates each
template in the "support_card" context and fills in the same parameters, so
the card reads in the prescriber's language and the rules stay in one place.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import dialogs, workers
from .errors import core_text, message_for

if TYPE_CHECKING:
    from softtoken.core.cardtext import Line
    from softtoken.core.clock import Clock
    from softtoken.core.policy import Policy
    from softtoken.core.vault.vault import Vault

translate = QCoreApplication.translate
CONTEXT = "support_card"  # core's card templates (tests/gui/test_support_card.py checks the catalog)


def qt_versions() -> dict[str, str]:
    import PySide6
    from PySide6.QtCore import qVersion

    return {"qt": qVersion(), "pyside6": PySide6.__version__}


def line_text(line: Line) -> str:
    """One card line in the prescriber's language (English when the catalog has no line for it)."""
    from softtoken.core.cardtext import CoreMessage, Phrase

    params: dict[str, object] = {}
    for key, value in line.params.items():
        if isinstance(value, Phrase):
            params[key] = translate(CONTEXT, value)
        elif isinstance(value, CoreMessage):
            params[key] = core_text(value.template, value.params, fallback=value.message)
        else:
            params[key] = value
    try:
        text = translate(CONTEXT, line.template).format(**params)
    except (KeyError, IndexError, ValueError):  # a catalog line with other placeholders
        text = line.english().strip()
    return "  " * line.indent + text


class SupportDialog(QDialog):
    def __init__(self, vault: Vault, policy: Policy, clock: Clock, parent: QWidget | None = None) -> None:
        from .icons import icon
        from .style import MessageText, Role, Space, Type, set_role, set_tone, set_type

        super().__init__(parent)
        self.setObjectName("supportDialog")
        title = translate("SupportDialog", "Support card")
        self.setWindowTitle(title)
        self.vault, self.policy, self.clock = vault, policy, clock
        self.card: dict[str, Any] = {}
        self._say_clock = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.XL, Space.XL, Space.XL, Space.L)
        layout.setSpacing(Space.M)
        heading = QLabel(title, self)
        heading.setObjectName("supportTitle")
        set_type(heading, Type.TITLE)
        layout.addWidget(heading)
        intro = MessageText(self)
        intro.setText(
            translate(
                "SupportDialog",
                "Read this to your help desk or send it: it never contains your seed, your PIN or a "
                "passcode.",
            )
        )
        set_tone(intro, Role.MUTED)
        layout.addWidget(intro)
        self.text = self._text_box("supportText", translate("SupportDialog", "Support information"))
        layout.addWidget(self.text, 3)
        self.details_button = QPushButton(translate("SupportDialog", "Show details"), self)
        self.details_button.setObjectName("detailsButton")
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._show_details)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.details = self._text_box("supportDetails", translate("SupportDialog", "Technical details"))
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.hide()
        layout.addWidget(self.details, 2)
        self.status = MessageText(self)
        self.status.setObjectName("supportStatus")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.setSpacing(Space.S)
        self.clock_button = QPushButton(translate("SupportDialog", "Check the clock"), self)
        self.clock_button.setObjectName("checkClockButton")
        self.clock_button.clicked.connect(self.check_clock)
        if not policy.ntp_server:  # off, and the card's own sentence says why and what to do
            from softtoken.core.cardtext import NO_TIME_SERVER

            why = line_text(NO_TIME_SERVER)
            self.clock_button.setEnabled(False)
            self.clock_button.setToolTip(why)
            self.clock_button.setAccessibleDescription(why)
            self.status.setText(why)
        self.copy_button = QPushButton(translate("SupportDialog", "Copy support info"), self)
        self.copy_button.setObjectName("copySupportButton")
        self.copy_button.setIcon(icon("copy", self, Role.TEXT))
        self.copy_button.clicked.connect(self.copy)
        self.save_button = QPushButton(translate("SupportDialog", "Save support bundle…"), self)
        self.save_button.setObjectName("saveBundleButton")
        self.save_button.clicked.connect(self.save_bundle)
        close = QPushButton(translate("SupportDialog", "Close"), self)
        close.setObjectName("closeSupportButton")
        close.clicked.connect(self.accept)
        close.setDefault(True)  # Enter closes, as before; Copy is the one to do (primary)
        set_role(self.copy_button, "primary")
        for button in (self.details_button, self.clock_button, self.save_button, close):
            set_role(button, "secondary")
        for button in (self.copy_button, self.save_button, self.clock_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(660, 520)
        self.refresh()

    def _text_box(self, name: str, accessible: str) -> QPlainTextEdit:
        from .style import Space, make_card

        box = QPlainTextEdit(self)
        box.setObjectName(name)
        box.setReadOnly(True)
        # Read with the arrow keys, a line or a word at a time (a screen reader follows the caret);
        # Tab still goes on to the buttons.
        box.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        box.setTabChangesFocus(True)
        box.setAccessibleName(accessible)
        box.document().setDocumentMargin(Space.M)
        make_card(box)  # the card's lines, on a card
        return box

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setText(
            translate("SupportDialog", "Hide details")
            if shown
            else translate("SupportDialog", "Show details")
        )

    def refresh(self, clock_check: Any = None) -> None:
        from softtoken.core.diagnostics import support_card

        def work() -> dict[str, Any]:
            return support_card(
                self.vault, self.policy, self.clock, app=qt_versions(), clock_check=clock_check
            )

        self.text.setPlainText(translate("SupportDialog", "Collecting…"))
        workers.run_in_background(work, self._show, self._failed, owner=self)

    def _show(self, card: dict[str, Any]) -> None:
        from softtoken.core.cardtext import card_text, joined

        self.card = card
        text = card_text(card)
        self.text.setPlainText(joined([line_text(line) for line in text.plain], text.plain))
        self.details.setPlainText("\n".join(line_text(line) for line in text.details))
        if self._say_clock:
            from softtoken.core.cardtext import clock_line

            self._say_clock = False
            self.status.setText(line_text(clock_line(card)))

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(message_for(exc))

    def check_clock(self) -> None:
        from softtoken.core.clockcheck import check_clock, save_check

        policy, clock, home = self.policy, self.clock, self.vault.home

        def work() -> object:
            result = check_clock(policy, clock)
            save_check(home, result)
            return result

        self.clock_button.setEnabled(False)
        self.status.setText(translate("SupportDialog", "Checking the clock…"))

        def done(result: Any) -> None:
            self.clock_button.setEnabled(True)
            self._say_clock = True  # the card's clock line, once the card is made again
            self.refresh(result)

        # SNTP may take seconds and never touches the vault: not on its worker, where an unlock waits.
        workers.run_in_background(work, done, self._failed, owner=self, touches_vault=False)

    def full_text(self) -> str:
        """The card as shown (plain words, then the details), for the clipboard."""
        from softtoken.core.cardtext import DETAILS_HEADING

        heading = translate(CONTEXT, DETAILS_HEADING)
        details = "\n".join("  " + line for line in self.details.toPlainText().splitlines())
        return f"{self.text.toPlainText()}\n\n{heading}\n{details}\n"

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.full_text())
        self.status.setText(
            translate("SupportDialog", "Copied. Paste it into your message to the help desk.")
        )

    def save_bundle(self) -> None:
        from softtoken.core.diagnostics import save_bundle, suggested_bundle_path

        target = dialogs.save_file(
            self,
            translate("SupportDialog", "Save support bundle"),
            translate("SupportDialog", "Zip files (*.zip)"),
            str(suggested_bundle_path(self.clock)),
        )
        if not target:
            return
        path = Path(target)
        workers.run_in_background(
            # the save dialog has asked before replacing a file: the bundle replaces it atomically
            lambda: save_bundle(path, self.card, self.vault, replace=True),
            lambda saved: self.status.setText(
                translate("SupportDialog", "Saved to {path}.").format(path=saved)
            ),
            self._failed,
            owner=self,
        )
