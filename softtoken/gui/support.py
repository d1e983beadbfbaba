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
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
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


class CardBox(QPlainTextEdit):
    """A read-only text box that can be made as tall as its lines at its width (:meth:`fit`)."""

    fitting = False

    def fit(self) -> None:
        """As tall as its lines: the card is read whole, without scrolling (the details scroll)."""
        self.fitting = True
        margin = round(self.document().documentMargin())
        width = max(1, self.viewport().width() - 2 * margin)
        metrics = QFontMetrics(self.font())
        flags = int(Qt.TextFlag.TextWordWrap)
        lines = self.toPlainText().split("\n")
        height = sum(metrics.boundingRect(0, 0, width, 0, flags, line or " ").height() for line in lines)
        chrome = self.height() - self.viewport().height()
        self.setMinimumHeight(height + 2 * margin + chrome + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitting:  # another width: the lines wrap otherwise
            self.fit()


class SupportDialog(QDialog):
    def __init__(self, vault: Vault, policy: Policy, clock: Clock, parent: QWidget | None = None) -> None:
        from .button_flow import ButtonFlow
        from .icons import IconLabel, icon
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
        # As tall as its lines (see CardBox): the card is read whole. Details hidden, it takes
        # the height left; shown, they take (almost) all of it.
        layout.addWidget(self.text, 1)
        # A plain button (not a toggle that looks pressed): it shows or hides the details.
        self.details_button = QPushButton(translate("SupportDialog", "Show details"), self)
        self.details_button.setObjectName("detailsButton")
        self.details_button.clicked.connect(self._toggle_details)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.details = self._text_box(
            "supportDetails",
            translate("SupportDialog", "Technical details"),
            QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont),  # a family, not a size
        )
        self.details.hide()
        # What is left of the dialog's height: at least a few lines, scrolled (the card is not).
        lines = self.details.fontMetrics().lineSpacing() * 3 + 2 * Space.M + Space.S
        self.details.setMinimumHeight(lines)
        self.details.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        layout.addWidget(self.details, 100)
        status_row = QHBoxLayout()
        status_row.setSpacing(Space.S)
        self.status_icon = IconLabel("warning", Space.L, Role.WARNING, parent=self)
        self.status_icon.setObjectName("supportStatusIcon")
        self.status_icon.hide()
        self.status = MessageText(self)
        self.status.setObjectName("supportStatus")
        self.status.hide()  # until there is something to say
        status_row.addWidget(self.status_icon, 0, Qt.AlignmentFlag.AlignTop)
        status_row.addWidget(self.status, 1)
        layout.addLayout(status_row)
        row = QHBoxLayout()
        row.setSpacing(Space.S)
        actions = ButtonFlow(spacing=Space.S)  # wraps onto two rows when the three do not fit
        self.clock_button = QPushButton(translate("SupportDialog", "Check the clock"), self)
        self.clock_button.setObjectName("checkClockButton")
        self.clock_button.clicked.connect(self.check_clock)
        if not policy.ntp_server:  # off, and the card's own sentence says why and what to do
            from softtoken.core.cardtext import NO_TIME_SERVER

            why = line_text(NO_TIME_SERVER)
            self.clock_button.setEnabled(False)
            self.clock_button.setToolTip(why)
            self.clock_button.setAccessibleDescription(why)
            self._say(why)
        self.copy_button = QPushButton(translate("SupportDialog", "Copy support info"), self)
        self.copy_button.setObjectName("copySupportButton")
        self.copy_button.clicked.connect(self.copy)
        self.save_button = QPushButton(translate("SupportDialog", "Save support bundle…"), self)
        self.save_button.setObjectName("saveBundleButton")
        self.save_button.clicked.connect(self.save_bundle)
        close = QPushButton(translate("SupportDialog", "Close"), self)
        close.setObjectName("closeSupportButton")
        close.clicked.connect(self.accept)
        close.setDefault(True)  # Enter closes, as before; Copy is the one to do (primary)
        set_role(self.copy_button, "primary")
        self.copy_button.setIcon(icon("copy", self.copy_button))  # in the primary button's text colour
        for button in (self.details_button, self.clock_button, self.save_button, close):
            set_role(button, "secondary")
        for button in (self.copy_button, self.save_button, self.clock_button):
            actions.addWidget(button)
        row.addLayout(actions, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(row)
        self.resize(660, 600)
        self.refresh()

    def _text_box(self, name: str, accessible: str, family: QFont | None = None) -> CardBox:
        from .style import Space, make_card

        box = CardBox(self)
        box.setObjectName(name)
        if family is not None:  # before make_card: its repolish would put the sheet's font back
            box.setFont(family)
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

    def _say(self, text: str, tone: Any = None, icon: str = "") -> None:
        """The status line: words, and for a clock check's result an icon and a tone."""
        from .style import set_tone

        self.status.setText(text)
        self.status.setVisible(bool(text))  # no empty line's gap
        set_tone(self.status, tone)
        if icon:
            self.status_icon.set_icon(icon, tone)
        self.status_icon.setVisible(bool(icon))

    def _say_clock_result(self, card: dict[str, Any]) -> None:
        from softtoken.core.cardtext import clock_line

        from .style import Role

        check = card.get("clock_check") or {}
        status = check.get("status")
        text = line_text(clock_line(card))
        if status == "ok":
            self._say(text, Role.SUCCESS, "ready")
        elif status == "error":
            self._say(text, Role.DANGER, "warning")
        else:  # a little off, or no answer
            self._say(text, Role.WARNING, "warning")

    def _toggle_details(self) -> None:
        self._show_details(self.details.isHidden())

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
        self.text.fit()  # the card box only: the details keep what is left
        if self._say_clock:
            self._say_clock = False
            self._say_clock_result(card)

    def _failed(self, exc: BaseException) -> None:
        from .style import Role

        self._say(message_for(exc), Role.DANGER, "error")

    def check_clock(self) -> None:
        from softtoken.core.clockcheck import check_clock, save_check

        policy, clock, home = self.policy, self.clock, self.vault.home

        def work() -> object:
            result = check_clock(policy, clock)
            save_check(home, result)
            return result

        self.clock_button.setEnabled(False)
        self._say(translate("SupportDialog", "Checking the clock…"))

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
        self._say(translate("SupportDialog", "Copied. Paste it into your message to the help desk."))

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
            lambda saved: self._say(translate("SupportDialog", "Saved to {path}.").format(path=saved)),
            self._failed,
            owner=self,
        )
