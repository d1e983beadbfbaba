"""Step 1 of the activation (and replacement) wizard: the link, a QR code or a key file.

It is the first thing a prescriber sees: what it needs for the first paint is
made at once; the rest (the parsers, Qt's enum namespace) in complete_setup().
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..button_flow import ButtonFlow
from ..style import Space
from .common import (
    describe_token,
    page_words,
    problem_label,
    problem_row,
    show_problem,
    text_label,
    token_choice_label,
    translate,
)
from .frame import FramedPage
from .paste_box import PasteBox
from .registration_links import RegistrationLinks
from .source_routes import SourceRoutes

if TYPE_CHECKING:
    from softtoken.core.token import TokenDescription


log = logging.getLogger(__name__)

TYPING_PAUSE_MS = 700  # a link typed by hand is read once typing pauses this long


def _source_button(parent: QWidget, name: str, text: str, accessible: str, description: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setAccessibleDescription(description)
    button.setAutoDefault(False)  # Enter goes to the wizard's Next; Space presses a focused button
    button.setProperty("role", "secondary")  # set_role() re-polishes: not before the first paint
    return button


# --------------------------------------------------------------------------- step 1


class ActivatePage(RegistrationLinks, SourceRoutes, FramedPage):  # RegistrationLinks first: its route
    """Step 1: the activation link, a QR code (file or screen) or a PSKC key file.

    A workstation registration (``pia://container/…``, as a link or a QR code) is
    not a token: the page says so and emits ``container_link`` with it; the
    controller asks the prescriber to confirm the issuer and registers.
    """

    container_link = Signal(object)  # a ContainerLink read from the box, a QR image or the screen

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        defer: bool = False,
        check: Callable[[TokenDescription], None] | None = None,
    ) -> None:
        """``defer``: make only what the first paint shows; :meth:`complete_setup` makes the rest.

        ``check(token)`` is core's early refusal (``Vault.check_activation`` or
        ``check_replacement``), run on the vault worker when a token is read:
        a repeated seed or serial is said here, not after the name and PIN.
        """
        super().__init__(parent, plain=not defer)
        self.setObjectName("activatePage")
        self.setTitle(translate("ActivationWizard", "Activate your token"))
        self.setSubTitle(
            translate(
                "ActivationWizard",
                "Paste the link from the issuer's e-mail, or open the QR code or key file you got.",
            )
        )
        self._tokens: list[TokenDescription] = []
        self._origin = ""
        self._from_box = False  # the tokens were read from the paste box's text (then masked)
        self._check = check
        self._checked: TokenDescription | None = None  # the selected token, once core's check passed
        self._checks = 0  # answers to older checks are dropped

        # No text_label() here: it needs Qt's enum namespace, which waits for complete_setup().
        self.box_label = box_label = QLabel(
            translate("ActivationWizard", "Activation link (starts with otpauth://):"), self
        )
        box_label.setWordWrap(True)
        self.link_edit = self._paste_box()
        box_label.setBuddy(self.link_edit)

        self.open_image_button = _source_button(
            self,
            "openImageButton",
            translate("ActivationWizard", "Open QR image…"),
            translate("ActivationWizard", "Open QR image"),
            translate("ActivationWizard", "Choose a saved picture or screenshot of the QR code."),
        )
        self.scan_button = _source_button(
            self,
            "scanScreenButton",
            translate("ActivationWizard", "Scan QR code on screen"),
            translate("ActivationWizard", "Scan QR code on screen"),
            translate(
                "ActivationWizard",
                "Reads a QR code that is visible on your screen now, for example in the issuer's "
                "web page. Move this window aside so the whole code can be seen.",
            ),
        )
        self.open_pskc_button = _source_button(
            self,
            "openPskcButton",
            translate("ActivationWizard", "Open key file (PSKC)…"),
            translate("ActivationWizard", "Open key file (PSKC)"),
            translate("ActivationWizard", "Choose the PSKC key file the token vendor sent."),
        )
        # One row when the three fit (English), wrapped onto two when not (Spanish, scale 2).
        buttons = ButtonFlow(spacing=Space.S)
        for button in (self.open_image_button, self.scan_button, self.open_pskc_button):
            buttons.addWidget(button)
        self._layout = layout = QVBoxLayout(self)
        layout.addWidget(box_label)
        layout.addWidget(self.link_edit)
        # complete_setup() puts the one place for messages here: a problem, or what was found
        layout.addSpacing(Space.S)
        layout.addLayout(buttons)
        layout.addStretch(1)  # nothing moves when the messages appear above the buttons
        self._complete = False
        if not defer:
            self.complete_setup()

    def complete_setup(self) -> None:
        """The parts hidden until something is read, and the handlers; once.

        The activation wizard calls this right after its first paint, so that
        step 1 appears without first loading Qt's enum namespace (~15 ms) and the
        activation parsers; any other caller gets a whole page at once. The
        labels that show text from a link are made plain-text here, before any
        link can be read.
        """
        if self._complete:
            return
        self._complete = True
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QComboBox

        self.entry_label = text_label(
            translate("ActivationWizard", "This holds several tokens. Activate:"), self
        )
        self.entry_label.setWordWrap(False)
        self.entry_combo = QComboBox(self)
        self.entry_combo.setObjectName("entryCombo")
        self.entry_combo.setAccessibleName(translate("ActivationWizard", "Token to activate"))
        self.entry_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.entry_combo.setMinimumContentsLength(24)
        self.entry_combo.currentIndexChanged.connect(self._show_summary)
        self.entry_combo.currentIndexChanged.connect(self._check_selected)
        self.entry_label.setBuddy(self.entry_combo)

        self.summary_label = text_label("", self)
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setAccessibleName(translate("ActivationWizard", "Token found"))
        self.problem_label = problem_label(self)
        self.box_label.setTextFormat(Qt.TextFormat.PlainText)
        self.plain_text()

        entries = QHBoxLayout()
        entries.addWidget(self.entry_label)
        entries.addWidget(self.entry_combo, 1)
        layout = self._layout
        under = layout.indexOf(self.link_edit) + 1  # the one place for messages: under the box
        layout.insertWidget(under, problem_row(self.problem_label))  # the box's
        layout.insertWidget(under + 1, self.summary_label)
        layout.insertLayout(under + 2, entries)
        chain = (
            self.link_edit,
            self.open_image_button,
            self.scan_button,
            self.open_pskc_button,
            self.entry_combo,
        )
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        self.open_image_button.clicked.connect(self._open_image)
        self.scan_button.clicked.connect(self._scan_screen)
        self.open_pskc_button.clicked.connect(self._open_pskc)
        # A problem with typed text is said once typing pauses (or the box is left, or Ctrl+Enter):
        # a screen reader then says one problem, not one a character. A paste is read at once.
        from PySide6.QtCore import QTimer

        self._typed = QTimer(self)
        self._typed.setSingleShot(True)
        self._typed.setInterval(TYPING_PAUSE_MS)
        self._typed.timeout.connect(self._typing_paused)
        self.link_edit.textChanged.connect(self._text_changed)
        self.link_edit.submitted.connect(self._submit)
        self.link_edit.input_done.connect(self._hide_read_link)
        self._show_tokens()
        if self.link_edit.toPlainText():  # typed or pasted before the page was complete
            self._validate_text()

    def _paste_box(self) -> PasteBox:
        box = PasteBox(self)
        box.setObjectName("linkEdit")
        box.setTabChangesFocus(True)
        box.setPlaceholderText(
            translate(
                "ActivationWizard",
                "Paste the link here (Ctrl+V). You may paste the whole e-mail.\n"
                "Then press Ctrl+Enter, or Tab to the buttons.",
            )
        )
        box.setAccessibleName(translate("ActivationWizard", "Activation link"))
        self._link_help = translate(
            "ActivationWizard",
            "Paste the activation link or the whole e-mail. Enter starts a new line; "
            "press Ctrl+Enter to go to the next step, or Tab to leave the box.",
        )
        box.setAccessibleDescription(self._link_help)
        box.setFixedHeight(box.fontMetrics().lineSpacing() * 5 + 12)
        return box

    def initializePage(self) -> None:
        """The box says the page when it takes the focus (the replacement wizard's step 2)."""
        if self.link_edit.accessibleDescription() == self._link_help:
            self.link_edit.setAccessibleDescription(page_words(self, self._link_help))

    # ------------------------------------------------------------------ state

    def tokens(self) -> list[TokenDescription]:
        return list(self._tokens)

    def selected(self) -> TokenDescription | None:
        if not self._tokens:
            return None
        index = max(self.entry_combo.currentIndex(), 0)
        return self._tokens[index] if index < len(self._tokens) else None

    def isComplete(self) -> bool:
        token = self.selected()
        checked = self._check is None or self._checked is token
        return token is not None and not token.secret.wiped and checked

    def set_link(self, text: str) -> None:
        self.complete_setup()
        self.link_edit.hold(text)  # textChanged validates; a link never enters the widget
        self._hide_read_link()

    def discard(self) -> None:
        """Wipe every seed read so far and empty the paste box (the link holds the seed)."""
        if not self._complete:  # nothing was read yet
            self.link_edit.clear_box()
            return
        self._set_tokens([], "")
        self._clear_box()

    def _set_tokens(self, tokens: list[TokenDescription], origin: str) -> None:
        for old in self._tokens:
            if all(old is not new for new in tokens):
                old.secret.wipe()
        self._tokens = list(tokens)
        self._origin = origin
        self._from_box = False  # _validate_text says when they came from the box's text
        self._show_tokens()

    def _fail(self, exc: BaseException | str) -> None:
        from ..errors import message_for

        self._set_tokens([], "")
        text = exc if isinstance(exc, str) else message_for(exc)
        show_problem(self.problem_label, text, self.link_edit, self._link_help)

    def _succeed(self, tokens: list[TokenDescription], origin: str) -> None:
        self._set_tokens(tokens, origin)
        show_problem(self.problem_label, "", self.link_edit, self._link_help)

    # ------------------------------------------------------------------ display

    def _show_tokens(self) -> None:
        self.entry_combo.blockSignals(True)
        self.entry_combo.clear()
        for position, token in enumerate(self._tokens, start=1):
            self.entry_combo.addItem(f"{position}. {token_choice_label(token)}")
        self.entry_combo.setCurrentIndex(0 if self._tokens else -1)
        self.entry_combo.blockSignals(False)
        several = len(self._tokens) > 1
        self.entry_label.setVisible(several)
        self.entry_combo.setVisible(several)
        self._show_summary()
        self._check_selected()

    def _check_selected(self) -> None:
        """Ask core (on the vault worker) whether the token chosen may be activated here."""
        self._checked = None
        self._checks += 1
        token, check, asked = self.selected(), self._check, self._checks
        if token is None or check is None:
            return
        self.completeChanged.emit()  # Next waits for the answer (a moment)
        from .. import workers

        workers.run_in_background(
            lambda: check(token),
            lambda _none: self._checked_answer(asked, token, None),
            lambda exc: self._checked_answer(asked, token, exc),
            owner=self,
        )

    def _checked_answer(self, asked: int, token: TokenDescription, exc: BaseException | None) -> None:
        if asked != self._checks or token is not self.selected():
            return  # another link was read meanwhile
        from softtoken.core.errors import SeedReused

        if isinstance(exc, SeedReused):
            self._fail(exc)  # wipes what was read; the box keeps the masked link
            return
        if exc is not None:  # e.g. no keystore: the activation itself says so, in its own words
            log.info("early activation check not made: %s", type(exc).__name__)
        self._checked = token
        self.completeChanged.emit()

    def _show_summary(self) -> None:
        token = self.selected()
        if token is None:
            self.summary_label.clear()
            self.summary_label.hide()
        else:
            if self._origin:
                text = translate("ActivationWizard", "Found in {origin}: {token}.")
                text = text.format(origin=self._origin, token=describe_token(token))
            else:
                text = translate("ActivationWizard", "Found: {token}.").format(token=describe_token(token))
            self.summary_label.setText(text)
            self.summary_label.setAccessibleDescription(text)
            self.summary_label.show()
        self.completeChanged.emit()

    # ------------------------------------------------------------------ routes

    def _text_changed(self) -> None:
        self._validate_text(typing=self.link_edit.typing)

    def _typing_paused(self) -> None:
        self._validate_text()

    def _read_typing(self) -> None:
        """A problem with typing not said yet is said now (the box is left, or Ctrl+Enter)."""
        if self._complete and self._typed.isActive():
            self._validate_text()

    def _validate_text(self, *, typing: bool = False) -> None:
        """Read the box; while typing, a problem is said only once typing pauses (one, not one a key)."""
        self._typed.stop()
        text = self.link_edit.read_text()
        if not text.strip():
            self._succeed([], "")
            return
        from softtoken.core.activation.sources import tokens_from_text

        try:
            if self._container_link_in(text):
                return
            tokens = tokens_from_text(text)
        except Exception as exc:  # noqa: BLE001 - core raises SoftTokenError; a bug is said to be one
            if typing:
                self._set_tokens([], "")  # Next waits; the problem line and the box say it later
                self._typed.start()
                return
            self._fail(exc)
            return
        self._succeed(tokens, "")
        self._from_box = True

    def _hide_read_link(self) -> None:
        """Once the box's text was read, show its links with the secret masked (paste_box.py)."""
        self._read_typing()
        if not (self._complete and self._from_box and self._tokens):
            return
        if not self.link_edit.masked:  # typed: a pasted or handed-over link is shown masked at once
            from .paste_box import masked_text

            self.link_edit.show_masked(masked_text(self.link_edit.read_text()))
        self.link_edit.setAccessibleDescription(
            translate(
                "ActivationWizard", "Link read; its secret is hidden. Paste another link to replace it."
            )
        )

    def _submit(self) -> None:
        self._read_typing()
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self and self.isComplete():
            wizard.next()

    def _clear_box(self) -> None:
        self.link_edit.clear_box()
