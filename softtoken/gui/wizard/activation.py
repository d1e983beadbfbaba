"""The first-run activation wizard: link, QR code or key file → name → PIN → done.

The four steps mirror the help-center wording prescribers and help desks
already know ("name your token … click the Activate button", "set a token
PIN … Click Continue", "may take up to 60 minutes"). All checks are core's;
this module only shows their answers, inline, next to the field concerned.

Keyboard: Enter presses the wizard's default button (Next / Activate /
Continue / Finish) on every page. In the paste box Enter starts a new line
(pasted e-mails have many); press Ctrl+Enter there to go on, or Tab to leave
the box.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from .common import describe_token, problem_label, show_problem, text_label, translate

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QKeyEvent

    from softtoken.core.activation.request import ActivationRequest
    from softtoken.core.clock import Clock
    from softtoken.core.policy import Policy
    from softtoken.core.token import TokenDescription
    from softtoken.core.vault.vault import TokenStatus

    from .steps import DonePage, NamePage, PinPage

log = logging.getLogger(__name__)

ACTIVATE, NAME, PIN, DONE = range(4)  # page ids


class _Cancelled(Exception):
    """The prescriber closed a password prompt: leave the page as it was."""


class _Refused(Exception):
    """Something typed into a prompt is unusable; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _source_button(parent: QWidget, name: str, text: str, accessible: str, description: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setAccessibleDescription(description)
    button.setAutoDefault(False)  # Enter goes to the wizard's Next; Space presses a focused button
    return button


def _entry_label(token: TokenDescription) -> str:
    """How one token of several is told apart in the choice list: who, which account, which serial."""
    parts = [" ".join(part.split())[:40] for part in (token.issuer, token.account, token.serial)]
    kind = "TOTP" if token.type.value == "totp" else "HOTP"
    return f"{' · '.join(part for part in parts if part) or token.suggested_name()} ({kind})"


class _PasteBox(QPlainTextEdit):
    """The paste box: Enter makes a new line, Ctrl+Enter asks to go on, Tab leaves."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


# --------------------------------------------------------------------------- step 1


class ActivatePage(QWizardPage):
    """Step 1: the activation link, a QR code (file or screen) or a PSKC key file."""

    def __init__(self, parent: QWidget | None = None, *, defer: bool = False) -> None:
        """``defer``: make only what the first paint shows; :meth:`complete_setup` makes the rest."""
        super().__init__(parent)
        self.setObjectName("activatePage")
        self.setTitle(translate("ActivationWizard", "Step 1 of 4: Activate your token"))
        self.setSubTitle(
            translate(
                "ActivationWizard",
                "Paste the link from the issuer's e-mail, or open the QR code or key file you got.",
            )
        )
        self._tokens: list[TokenDescription] = []
        self._origin = ""

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
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_image_button)
        buttons.addWidget(self.scan_button)
        buttons.addWidget(self.open_pskc_button)
        buttons.addStretch(1)
        self._layout = layout = QVBoxLayout(self)
        layout.addWidget(box_label)
        layout.addWidget(self.link_edit)
        layout.addLayout(buttons)
        layout.addSpacing(6)
        layout.addStretch(1)  # what complete_setup() adds goes above this, so nothing moves
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
        self.entry_label.setBuddy(self.entry_combo)

        self.summary_label = text_label("", self)
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setAccessibleName(translate("ActivationWizard", "Token found"))
        self.problem_label = problem_label(self)
        self.box_label.setTextFormat(Qt.TextFormat.PlainText)

        entries = QHBoxLayout()
        entries.addWidget(self.entry_label)
        entries.addWidget(self.entry_combo, 1)
        layout = self._layout
        below = layout.count() - 1  # above the stretch
        layout.insertLayout(below, entries)
        layout.insertWidget(below + 1, self.summary_label)
        layout.insertWidget(below + 2, self.problem_label)
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
        self.link_edit.textChanged.connect(self._validate_text)
        self.link_edit.submitted.connect(self._submit)
        self._show_tokens()
        if self.link_edit.toPlainText():  # typed or pasted before the page was complete
            self._validate_text()

    def _paste_box(self) -> _PasteBox:
        box = _PasteBox(self)
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
        return token is not None and not token.secret.wiped

    def set_link(self, text: str) -> None:
        self.complete_setup()
        self.link_edit.setPlainText(text)  # textChanged validates

    def discard(self) -> None:
        """Wipe every seed read so far and empty the paste box (the link holds the seed)."""
        if not self._complete:  # nothing was read yet
            self.link_edit.clear()
            return
        self._set_tokens([], "")
        self._clear_box()

    def _set_tokens(self, tokens: list[TokenDescription], origin: str) -> None:
        for old in self._tokens:
            if all(old is not new for new in tokens):
                old.secret.wipe()
        self._tokens = list(tokens)
        self._origin = origin
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
            self.entry_combo.addItem(f"{position}. {_entry_label(token)}")
        self.entry_combo.setCurrentIndex(0 if self._tokens else -1)
        self.entry_combo.blockSignals(False)
        several = len(self._tokens) > 1
        self.entry_label.setVisible(several)
        self.entry_combo.setVisible(several)
        self._show_summary()

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

    def _validate_text(self) -> None:
        text = self.link_edit.toPlainText()
        if not text.strip():
            self._succeed([], "")
            return
        from softtoken.core.activation.sources import tokens_from_text

        try:
            tokens = tokens_from_text(text)
        except Exception as exc:  # noqa: BLE001 - core raises SoftTokenError; a bug is said to be one
            self._fail(exc)
            return
        self._succeed(tokens, "")

    def _submit(self) -> None:
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self and self.isComplete():
            wizard.next()

    def _open_image(self) -> None:
        from .. import dialogs

        path = dialogs.open_file(
            self,
            translate("ActivationWizard", "Open QR image"),
            translate("ActivationWizard", "Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;All files (*)"),
        )
        if path:
            self._load_file(Path(path))

    def _open_pskc(self) -> None:
        from .. import dialogs

        path = dialogs.open_file(
            self,
            translate("ActivationWizard", "Open key file (PSKC)"),
            translate("ActivationWizard", "Key files (*.pskc *.pskcxml *.xml);;All files (*)"),
        )
        if path:
            self._load_file(Path(path))

    def _load_file(self, path: Path) -> None:
        from softtoken.core.activation.sources import PskcSecrets, tokens_from_file

        secrets = PskcSecrets(password=self._ask_password, psk=self._ask_psk)
        try:
            tokens = tokens_from_file(path, secrets)
        except _Cancelled:
            return
        except _Refused as refused:
            self._other_source_failed(refused.message)
            return
        except Exception as exc:  # noqa: BLE001 - message_for says what it is, a bug included
            self._other_source_failed(exc)
            return
        self._other_source_gave(tokens, path.name)

    def _ask_password(self) -> str:
        from .. import dialogs

        answer = dialogs.secret(
            self,
            translate("ActivationWizard", "Key file password"),
            translate(
                "ActivationWizard",
                "This key file is protected by a password. Enter the password the vendor sent with it:",
            ),
        )
        if answer is None:
            raise _Cancelled
        return answer

    def _ask_psk(self) -> bytes:
        from .. import dialogs

        answer = dialogs.secret(
            self,
            translate("ActivationWizard", "Key file key"),
            translate(
                "ActivationWizard",
                "This key file is locked with a key the vendor sent separately. "
                "Type its 32 hex digits (0-9 and A-F):",
            ),
        )
        if answer is None:
            raise _Cancelled
        from softtoken.core.activation.pskc import parse_psk
        from softtoken.core.errors import PskcError

        from ..errors import core_message

        try:
            return parse_psk(answer)  # core's one rule, as in both consoles
        except PskcError as exc:
            raise _Refused(core_message(exc)) from None

    def _scan_screen(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication

        from softtoken.core.activation.sources import tokens_from_qr_texts

        from .. import qr_scan

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            tokens = tokens_from_qr_texts(qr_scan.scan_screens())
        except Exception as exc:  # noqa: BLE001 - message_for says what it is, a bug included
            self._other_source_failed(exc)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._other_source_gave(tokens, translate("ActivationWizard", "a QR code on the screen"))

    # A file or the screen replaces whatever the paste box held, whether it worked or not:
    # the page always shows one source and what came of it.

    def _other_source_gave(self, tokens: list[TokenDescription], origin: str) -> None:
        self._clear_box()
        self._succeed(tokens, origin)

    def _other_source_failed(self, problem: BaseException | str) -> None:
        self._clear_box()
        self._fail(problem)

    def _clear_box(self) -> None:
        self.link_edit.blockSignals(True)
        self.link_edit.clear()
        self.link_edit.blockSignals(False)


# --------------------------------------------------------------------------- the wizard


class ActivationWizard(QWizard):
    """First-run activation: link / QR / key file → name → PIN → done.

    ``commit`` makes the token (normally ``Vault.activate``); it runs in the
    thread pool. ``activated`` carries the :class:`TokenStatus` it returned.
    """

    activated = Signal(object)
    first_paint = Signal()  # once: steps 2-4 and the app icon follow it

    def __init__(
        self,
        *,
        policy: Policy,
        existing_names: list[str],
        commit: Callable[[ActivationRequest], TokenStatus],
        clock: Clock,
        link: str | None = None,
        unlock: Callable[[str, str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``unlock(token_id, pin)`` returns a passcode to show on the Done page (proof of activation)."""
        super().__init__(parent)
        self.setObjectName("activationWizard")
        self.setWindowTitle(translate("ActivationWizard", "Activate your soft token"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)

        self._policy = policy
        self._clock = clock
        self._existing_names = list(existing_names)
        self._commit = commit
        self._unlock = unlock
        self._steps: tuple[NamePage, PinPage, DonePage] | None = None
        self._setup_queued = False
        self._pending_link = link or None
        self.activate_page = ActivatePage(self, defer=True)
        self.setPage(ACTIVATE, self.activate_page)
        self.currentIdChanged.connect(self._on_page_changed)
        self.setMinimumSize(640, 460)
        # Steps 2-4 are made right after the first paint (see paintEvent); a wizard that
        # never paints (minimised) gets them a second later, and anything that needs them
        # sooner makes them at once.
        QTimer.singleShot(1000, self, self.complete_setup)

    # ------------------------------------------------------------------ made after the first paint

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if not self._setup_queued:
            self._setup_queued = True
            if self._steps is None:
                QTimer.singleShot(0, self, self.complete_setup)
            self.first_paint.emit()

    def complete_setup(self) -> None:
        """Make steps 2-4 and the rest of step 1 (once), then fill in a link given at start."""
        if self._steps is not None:
            return
        from PySide6.QtCore import Qt

        from .steps import DonePage, NamePage, PinPage

        self.setTitleFormat(Qt.TextFormat.PlainText)
        self.setSubTitleFormat(Qt.TextFormat.PlainText)
        self.activate_page.complete_setup()
        name_page = NamePage(self.activate_page, self._existing_names, self)
        pin_page = PinPage(self._policy, self.activate_page, name_page, self._commit, self)
        done_page = DonePage(self._policy, self._clock, pin_page, self)
        done_page.unlock = self._unlock
        self._steps = (name_page, pin_page, done_page)
        for page_id, page in ((NAME, name_page), (PIN, pin_page), (DONE, done_page)):
            self.setPage(page_id, page)
        pin_page.committed.connect(self._on_committed)
        link, self._pending_link = self._pending_link, None
        if link:
            self.set_link(link)

    def _made(self) -> tuple[NamePage, PinPage, DonePage]:
        self.complete_setup()
        assert self._steps is not None  # noqa: S101 - complete_setup() just made them
        return self._steps

    @property
    def name_page(self) -> NamePage:
        return self._made()[0]

    @property
    def pin_page(self) -> PinPage:
        return self._made()[1]

    @property
    def done_page(self) -> DonePage:
        return self._made()[2]

    def _busy(self) -> bool:
        return self._steps is not None and self._steps[1].busy

    def nextId(self) -> int:
        """Step 1 shows Next (not Finish) even before steps 2-4 exist."""
        if self._steps is None and self.currentId() == ACTIVATE:
            return NAME
        return int(super().nextId())

    def validateCurrentPage(self) -> bool:
        self.complete_setup()  # Next was pressed: the next step must exist
        return bool(super().validateCurrentPage())

    # ------------------------------------------------------------------ state

    @property
    def status(self) -> TokenStatus | None:
        """The new token once step 3 succeeded, else None."""
        return self._steps[1].status if self._steps is not None else None

    @property
    def client_part(self) -> str:
        return self._steps[1].client_part if self._steps is not None else ""

    def set_link(self, text: str) -> None:
        """Fill step 1's paste box (a link arrived) and check it again.

        From steps 2 and 3 the wizard goes back to step 1 first. Once the
        token is made (or while it is being made) the link is ignored.
        """
        pin_page = self.pin_page
        if pin_page.busy or pin_page.status is not None:
            log.info("an activation link arrived after the token was made; ignored")
            return
        while self.currentPage() not in (None, self.activate_page):
            self.back()
        self.activate_page.set_link(text)

    def show_keystore_problem(self, text: str) -> None:
        """A banner at the top of step 1: the token could not be saved here, and what to do.

        The Controller calls it after the first paint, when the vault worker found no
        keystore service, so nobody types a PIN at step 3 to learn it only then.
        """
        from PySide6.QtCore import Qt

        from ..style import problem_color

        banner = self.activate_page.findChild(QLabel, "keystoreBanner")
        if banner is None:
            banner = problem_label(self.activate_page)
            banner.setObjectName("keystoreBanner")
            banner.setAccessibleName(translate("ActivationWizard", "Keystore problem"))
            banner.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            color = problem_color(self.activate_page)
            banner.setStyleSheet(f"color: {color}; border: 1px solid {color}; padding: 6px;")
            layout = self.activate_page.layout()
            assert isinstance(layout, QVBoxLayout)  # noqa: S101 - ActivatePage made it
            layout.insertWidget(0, banner)
        show_problem(banner, text)

    def _on_page_changed(self, _id: int) -> None:
        if self._steps is not None and self.currentPage() is self._steps[2]:
            # Step 3's fields were disabled while committing, so focus went nowhere: put it
            # where Enter finishes (or on the code to copy, for two-step).
            self._steps[2].take_focus(self.button(QWizard.WizardButton.FinishButton))

    def _on_committed(self, status: TokenStatus) -> None:
        self.activate_page.discard()  # the seed is sealed in the vault; forget ours
        self.activated.emit(status)

    # Closing is refused while the token is being made: it would finish unseen.
    def reject(self) -> None:
        if self._busy():
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy():
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        if self._busy():
            return
        self.activate_page.discard()
        super().done(result)
