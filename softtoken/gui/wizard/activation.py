"""The first-run activation wizard: link, QR code or key file → name → PIN → done.

The four steps mirror the help-center wording prescribers and help desks
already know ("name your token … click the Activate button", "set a token
PIN … Click Continue", "may take up to 60 minutes"). All checks are core's;
this module only shows their answers, inline, next to the field concerned.

Keyboard: Enter presses the wizard's default button (Next / Activate /
Continue / Finish) on every page. In the paste box Enter starts a new line
(pasted e-mails have many); press Ctrl+Enter there to go on, or Tab to leave
the box. In the Done page's PIN field Enter shows a passcode (proof.py).
Ctrl+Q quits the app.

Modules: activate_page.py (step 1, with paste_box.py and other_sources.py),
steps.py (steps 2 and 3), done_page.py and proof.py (step 4).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget, QWizard

from .activate_page import ActivatePage
from .common import add_quit_shortcut, name_header_logo, translate
from .frame import activation_steps, dress

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from softtoken.core.activation.request import ActivationRequest
    from softtoken.core.clock import Clock
    from softtoken.core.policy import Policy
    from softtoken.core.token import TokenDescription
    from softtoken.core.vault.vault import Passcodes, TokenStatus

    from .done_page import DonePage
    from .steps import NamePage, PinPage

log = logging.getLogger(__name__)

ACTIVATE, NAME, PIN, DONE = range(4)  # page ids

# --------------------------------------------------------------------------- the wizard


class ActivationWizard(QWizard):
    """First-run activation: link / QR / key file → name → PIN → done.

    ``commit`` makes the token (normally ``Vault.activate``); it runs in the
    thread pool. ``activated`` carries the :class:`TokenStatus` it returned.
    """

    activated = Signal(object)
    first_paint = Signal()  # once: steps 2-4 and the app icon follow it
    quit_requested = Signal()  # Ctrl+Q: the app ends (the controller decides)
    container_link = Signal(object)  # a workstation registration (pia://container) was read at step 1

    def __init__(
        self,
        *,
        policy: Policy,
        existing_names: list[str],
        commit: Callable[[ActivationRequest], TokenStatus],
        clock: Clock,
        link: str | None = None,
        unlock: Callable[[str, str], Passcodes] | None = None,
        check: Callable[[TokenDescription], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``unlock(token_id, pin)`` returns the passcodes the Done page shows (proof of activation);
        ``check(token)`` refuses a repeated seed or serial when the link is read (ActivatePage)."""
        super().__init__(parent)
        self.setObjectName("activationWizard")
        self.setWindowTitle(translate("ActivationWizard", "Activate your soft token"))
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
        self.activate_page = ActivatePage(self, defer=True, check=check)
        self.setPage(ACTIVATE, self.activate_page)
        self.activate_page.container_link.connect(self.container_link.emit)
        self.rail = dress(self, lambda: activation_steps(ACTIVATE, NAME, PIN, DONE))
        self.currentIdChanged.connect(self._on_page_changed)
        self.setMinimumSize(720, 460)  # the rail takes ~130 px
        # Steps 2-4 are made right after the first paint (see paintEvent); a wizard that
        # never paints (minimised) gets them a second later, and anything that needs them
        # sooner makes them at once.
        QTimer.singleShot(1000, self, self.complete_setup)

    # ------------------------------------------------------------------ made after the first paint

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if not self._setup_queued:
            self._setup_queued = True
            # Said first, so that what waits for the first paint (its report included) is queued
            # before the rest of the wizard, which takes longer than step 1 took to paint.
            self.first_paint.emit()
            if self._steps is None:
                QTimer.singleShot(0, self, self.complete_setup)

    def complete_setup(self) -> None:
        """Make steps 2-4 and the rest of step 1 (once), then fill in a link given at start."""
        if self._steps is not None:
            return
        from PySide6.QtCore import Qt

        from .done_page import DonePage
        from .steps import NamePage, PinPage

        self.setTitleFormat(Qt.TextFormat.PlainText)
        self.setSubTitleFormat(Qt.TextFormat.PlainText)
        add_quit_shortcut(self, self.quit_requested.emit)  # after the first paint: Qt's namespace
        self.activate_page.complete_setup()
        name_page = NamePage(self.activate_page, self._existing_names, self)
        pin_page = PinPage(self._policy, self.activate_page, name_page, self._commit, self)
        done_page = DonePage(self._policy, self._clock, pin_page, self)
        done_page.unlock = self._unlock
        self._steps = (name_page, pin_page, done_page)
        for page_id, page in ((NAME, name_page), (PIN, pin_page), (DONE, done_page)):
            self.setPage(page_id, page)
        pin_page.committed.connect(self._on_committed)
        self.rail.show_icons()  # numbers the new pages too
        name_header_logo(self)  # here, not before the first paint: it looks at every label (~3 ms)
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

    @property
    def busy(self) -> bool:
        """The token is being written: the wizard cannot be closed now."""
        return self._busy()

    @property
    def made(self) -> TokenStatus | None:
        """The token this wizard made, once it is written."""
        return self.status

    @property
    def untouched(self) -> bool:
        """At step 1 with nothing read: it may give way to a token the issuer delivered."""
        return self.currentId() in (-1, ACTIVATE) and not self.activate_page.tokens() and not self._busy()

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

    def set_link(self, text: str) -> bool:
        """Fill step 1's paste box (a link arrived) and check it again; False if not taken.

        From steps 2 and 3 the wizard goes back to step 1 first. Once the token
        is made (or while it is being made) the link is not taken: the
        controller offers it once this wizard is closed.
        """
        pin_page = self.pin_page
        if pin_page.busy or pin_page.status is not None:
            return False
        while self.currentPage() not in (None, self.activate_page):
            self.back()
        self.activate_page.set_link(text)
        return True

    def show_keystore_problem(self, text: str) -> None:
        """A banner at the top of step 1: the token could not be saved here, and what to do.

        The Controller calls it after the first paint, when the vault worker found no
        keystore service, so nobody types a PIN at step 3 to learn it only then.
        """
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel, QVBoxLayout

        from ..style import Space, make_card
        from .common import problem_label, problem_row, show_problem

        banner = self.activate_page.findChild(QLabel, "keystoreBanner")
        if banner is None:
            banner = problem_label(self.activate_page, icon="error")
            banner.setObjectName("keystoreBanner")
            banner.setAccessibleName(translate("ActivationWizard", "Keystore problem"))
            banner.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row = problem_row(banner)
            make_card(row)  # a banner: framed, above everything the page asks
            line = row.layout()
            if line is not None:
                line.setContentsMargins(Space.S, Space.S, Space.S, Space.S)
            layout = self.activate_page.layout()
            assert isinstance(layout, QVBoxLayout)  # noqa: S101 - ActivatePage made it
            layout.insertWidget(self.activate_page.content_index(), row)  # under the heading
        show_problem(banner, text)

    def _on_page_changed(self, _id: int) -> None:
        if self._steps is not None:  # before that, complete_setup names it (after the first paint)
            name_header_logo(self)  # Qt made the header at the first page
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
