"""The desktop app: which window opens, and where links from other launches go."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from softtoken.core.paths import vault_present

from .lazy import LazyVault

if TYPE_CHECKING:
    from collections.abc import Callable

    from softtoken.core.activation.request import ActivationRequest
    from softtoken.core.clock import Clock
    from softtoken.core.containers.workstation import Workstation
    from softtoken.core.policy import Policy
    from softtoken.core.vault.vault import Passcodes, TokenStatus, Vault

    from .container_flow import ContainerFlow
    from .token_window import TokenWindow
    from .wizard.activation import ActivationWizard

log = logging.getLogger(__name__)


class Controller(QObject):
    """Opens the token window or the activation wizard and routes incoming links."""

    first_painted = Signal()  # the window opened at start has painted (once)
    quitting = Signal()  # Quit was chosen, or the last window closed with nothing left to show

    def __init__(
        self,
        vault: Vault | Callable[[], Vault],
        policy: Policy,
        clock: Clock,
        home: Path | None = None,
        *,
        make_workstation: Callable[[], Workstation] | None = None,
    ) -> None:
        """``vault`` may be a factory: the vault module loads after the first paint.

        ``make_workstation`` (tests): what makes the issuer's Workstation (default: core's, on this vault).
        """
        super().__init__()
        self._lazy_vault = LazyVault(vault)
        self.home: Path = home if home is not None else vault.home  # type: ignore[union-attr]
        self.policy = policy
        self.clock = clock
        self._window: TokenWindow | None = None
        self.wizard: QWidget | None = None
        self._painted = False
        self._quitting = False
        self._pending_link: str | None = None  # arrived while the open wizard could not take it
        self._link_at_start: str | None = None  # given at start to the token window: after its first paint
        self._make_workstation = make_workstation
        self._containers: ContainerFlow | None = None

    @property
    def vault(self) -> Vault:
        return self._lazy_vault.get()

    @property
    def containers(self) -> ContainerFlow:
        """The issuer's token container (registration, syncs, deliveries): made after the first paint."""
        if self._containers is None:
            from .container_flow import ContainerFlow

            self._containers = ContainerFlow(self, self._make_workstation)
        return self._containers

    @property
    def window(self) -> TokenWindow:
        """Made when first needed: a first run paints the wizard without building it."""
        if self._window is None:
            from .token_window import TokenWindow

            window = TokenWindow(lambda: self.vault, self.policy, self.clock)
            window.add_requested.connect(lambda: self.open_wizard(None))
            window.no_tokens.connect(self._no_tokens)
            window.quit_requested.connect(self.quit)
            window.replace_requested.connect(self.replace)
            window.support_requested.connect(self.support)
            self._window = window
        return self._window

    # ------------------------------------------------------------------ start

    def start(self, link: str | None = None) -> None:
        """First run (no vault on disk): the wizard; otherwise the token window.

        The style sheet (gui/style) is installed before the wizard is shown, whose first
        paint has buttons and fields, and right after the token window's first paint,
        which is one plain "Opening your tokens…" line that the sheet does not change:
        styling that window's first paint cost about 12 ms (docs/performance.md).
        """
        from .style import install as install_style

        if not vault_present(self.home):
            install_style(QApplication.instance())  # type: ignore[arg-type]
            self.open_wizard(link, first_paint=self._first_paint)
            return
        window = self.window
        window.first_paint.connect(self._first_paint)
        self._link_at_start = link
        # The pages, menus and the vault are made once the empty window is on screen: in the
        # next turn of the event loop, not inside its first paint, whose pixels reach the
        # screen only when the paint has returned (building them there cost ~100 ms of blank window).
        window.first_paint.connect(self._soon_after_first_paint)
        window.show()

    def _first_paint(self) -> None:
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def _soon_after_first_paint(self) -> None:
        self.window.first_paint.disconnect(self._soon_after_first_paint)
        QTimer.singleShot(0, self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        from .style import install as install_style

        install_style(QApplication.instance())  # type: ignore[arg-type]  # before the pages are made
        self.window.reload()
        self.set_app_icon()
        if self.policy.ntp_server:
            self.check_clock()
        from . import workers

        workers.run_in_background(  # audit the policy in force (once per change), off the GUI thread
            lambda: self.vault.record_policy(),  # noqa: PLW0108 - self.vault is made lazily
            lambda _: None,
            lambda exc: log.warning("policy not audited: %s", exc),
            owner=self,
        )
        link, self._link_at_start = self._link_at_start, None
        if link:
            self.open_link(link)
        self.containers.start()  # the registration is read, and a sync started, only now

    def check_clock(self) -> None:
        """In the background at start (gui/clock_check.py)."""
        from .clock_check import check_in_background

        check_in_background(self, self.policy, self.clock, self.home, self.window.show_clock_warning)

    def handle_message(self, message: str) -> None:
        """A line from another launch: ``OPEN <link>`` or ``SHOW``."""
        command, _, rest = message.partition(" ")
        if command == "OPEN" and rest:
            self.open_link(rest)
        else:
            self.raise_front()

    def raise_front(self) -> None:
        target: QWidget = self.wizard if self.wizard is not None and self.wizard.isVisible() else self.window
        if not target.isVisible():
            target.show()
        target.raise_()
        target.activateWindow()

    # ------------------------------------------------------------------ links

    def open_link(self, link: str) -> None:
        """A link from another launch, the command line or the desktop: never silently dropped.

        An open wizard takes it (step 1 or the replacement's link step); one that
        cannot now (its token is being made, or is made) has it offered once it
        closes. A workstation registration link (``pia://container``) goes to
        its confirmation, whatever is open.
        """
        if self.containers.open_link(link):
            return
        wizard = self.wizard
        if wizard is not None and wizard.isVisible():
            if not wizard.set_link(link):  # type: ignore[attr-defined]
                self._pending_link = link
            self.raise_front()
            return
        if not vault_present(self.home):
            self.open_wizard(link)
            return
        from . import workers

        workers.run_in_background(
            self.vault.status,
            lambda tokens: self._link_with_tokens(link, tokens),
            lambda exc: self._link_with_tokens(link, []),  # unreadable: offer the wizard as before
            owner=self,
        )

    def _link_with_tokens(self, link: str, tokens: list[TokenStatus]) -> None:
        if not tokens:
            self.open_wizard(link)
            return
        from .link_questions import replace_or_add

        answer = replace_or_add(self.window)
        if answer == "replace":
            chosen = self._choose_token(tokens)
            if chosen is not None:
                self.replace(chosen.token_id, "", link, tokens)
                return
        elif answer == "add":
            self.open_wizard(link)
            return
        if not self.window.isVisible():  # declined, with nothing else open (a wizard just closed)
            self.quit()

    def _choose_token(self, tokens: list[TokenStatus]) -> TokenStatus | None:
        from .link_questions import token_to_replace

        current = self._window.current if self._window is not None else None
        return token_to_replace(self.window, tokens, current)

    # ------------------------------------------------------------------ wizards

    def set_app_icon(self) -> None:
        """Every window's icon; after the first paint (the SVG icon engine costs start-up time)."""
        from .resources import app_icon

        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setWindowIcon(app_icon())

    def open_wizard(
        self, link: str | None, first_paint: Callable[[], None] | None = None
    ) -> ActivationWizard:
        """The activation wizard; ``first_paint`` hears of its first paint before what waits for it."""
        from .wizard.activation import ActivationWizard

        names = [t.name for t in self._window.tokens] if self._window is not None else []
        wizard = ActivationWizard(
            policy=self.policy,
            existing_names=names,
            commit=self._commit,
            clock=self.clock,
            link=link,
            unlock=self._first_passcode,
            check=lambda description: self.vault.check_activation(description),  # noqa: PLW0108 - lazy vault
        )
        wizard.finished.connect(lambda _result: self._wizard_closed(wizard))
        wizard.quit_requested.connect(self.quit)
        wizard.container_link.connect(lambda link: self.containers.register_link(link))  # noqa: PLW0108 - made lazily
        self.wizard = wizard
        if first_paint is not None:  # first: what it queues (the start-up report) comes before the rest
            wizard.first_paint.connect(first_paint)
        # The SVG renderer waits for the first paint, and does not run inside it.
        wizard.first_paint.connect(lambda: QTimer.singleShot(0, self.set_app_icon))
        wizard.first_paint.connect(lambda: QTimer.singleShot(0, lambda: self._probe_keystore(wizard)))
        wizard.show()
        wizard.raise_()
        return wizard

    def _probe_keystore(self, wizard: ActivationWizard) -> None:
        """After the first paint, on the vault worker: without a keystore service step 1 says so."""
        from softtoken.core.errors import KeystoreUnavailable

        from . import workers
        from .errors import message_for

        def failed(exc: BaseException) -> None:
            if isinstance(exc, KeystoreUnavailable):
                wizard.show_keystore_problem(message_for(exc))
            else:
                log.warning("keystore probe failed: %s", type(exc).__name__)

        def probe() -> None:
            from softtoken.core.keystore_probe import refuse_without_keystore

            # The session bus answers without the keystore being opened (~12 MB less while step 1
            # waits); only where it cannot tell is the keystore opened to find out.
            if self.policy.file_device_key or not refuse_without_keystore():
                self.vault.keystore  # noqa: B018 - opening it is the probe

        workers.run_in_background(probe, lambda _: None, failed, owner=wizard)

    def _first_passcode(self, token_id: str, pin: str) -> Passcodes:
        """Runs in a worker thread: the passcode the issuer's "verify enrollment" page asks for."""
        return self.vault.unlock(token_id, pin)

    def _commit(self, request: ActivationRequest) -> TokenStatus:
        """Runs in a worker thread: core writes the vault."""
        return self.vault.activate(request.description, request.name, request.pin, request.confirm)

    def _wizard_closed(self, wizard: QWidget) -> None:
        """Back to the token window when there is something to show in it, else the app ends.

        The token window is shown again when the wizard made a token, or when it
        was open behind the wizard (its reload says when no token is left). A
        wizard cancelled with no token window open (a first run, a vault left
        without tokens, or a window the prescriber closed) ends the app: it never
        comes back by itself.
        """
        if self.wizard is wizard:
            self.wizard = None
        made: TokenStatus | None = getattr(wizard, "made", None)
        wizard.deleteLater()
        if self._quitting:
            return
        if self._containers is not None and self._containers.waiting:  # a delivered token comes next
            if made is not None or (self._window is not None and self._window.isVisible()):
                self.window.show()
                self.window.reload(select=made.token_id if made is not None else None)
            QTimer.singleShot(0, self._containers, self._containers.offer)
            return
        pending, self._pending_link = self._pending_link, None
        if made is not None or (self._window is not None and self._window.isVisible()):
            self.window.show()
            self.window.reload(select=made.token_id if made is not None else None)
        elif pending is None:
            self.quit()
            return
        if pending is not None:  # a link that arrived while this wizard could not take it
            QTimer.singleShot(0, self, lambda: self.open_link(pending))

    def _no_tokens(self) -> None:
        """No token in the vault (the last one was removed): the app is at its first run again."""
        if self.wizard is None or not self.wizard.isVisible():
            self.open_wizard(None)
        self.window.hide()  # after the wizard is up: its "Opening your tokens…" would stay forever

    def quit(self) -> None:
        """End the app from any of its windows, unless a token is being written right now."""
        wizard = self.wizard
        if wizard is not None and getattr(wizard, "busy", False):
            return  # closing is refused too: the token would be made unseen
        self._quitting = True
        self.quitting.emit()
        if wizard is not None:
            wizard.close()
        if self._window is not None:
            self._window.close()  # locks and clears a passcode it copied
        QApplication.quit()

    def replace(
        self,
        token_id: str,
        reason: str = "",
        link: str | None = None,
        tokens: list[TokenStatus] | None = None,
    ) -> None:
        """Open the replacement wizard for ``token_id`` (or the only token, or the one chosen)."""
        tokens = self.window.tokens if tokens is None else tokens
        token = next((t for t in tokens if t.token_id == token_id), None) or self._choose_token(tokens)
        if token is None:
            return
        from softtoken.core.lifecycle import Reason

        from .wizard.replacement import ReplacementWizard

        old = token
        preset = Reason(reason) if reason else (Reason.LOCKED_OUT if old.status == "disabled" else None)

        def replace(request: ActivationRequest, why: Reason, reported: float | None) -> TokenStatus:
            return self.vault.replace(
                old.token_id,
                request.description,
                request.name,
                request.pin,
                request.confirm,
                reason=why,
                loss_reported_at=reported,
            )

        wizard = ReplacementWizard(
            token=old,
            policy=self.policy,
            clock=self.clock,
            existing_names=[t.name for t in tokens],
            replace=replace,
            retire=lambda done, failed: self.containers.service.retire(old.token_id, done, failed),
            reason=preset,
            link=link,
            unlock=self._first_passcode,
            check=lambda description: self.vault.check_replacement(old.token_id, description),
            move=self.containers.move_option(),
        )
        wizard.finished.connect(lambda _result: self._wizard_closed(wizard))
        wizard.quit_requested.connect(self.quit)
        wizard.container_link.connect(lambda link: self.containers.register_link(link))  # noqa: PLW0108 - made lazily
        self.window.lock()
        self.wizard = wizard
        wizard.show()
        wizard.raise_()

    def support(self) -> None:
        from .support import SupportDialog

        dialog = SupportDialog(self.vault, self.policy, self.clock, self.window)
        dialog.setModal(False)
        dialog.show()
        self.support_dialog = dialog


def _version() -> str:
    from softtoken import __version__

    return __version__


def home_for(option: str | None) -> Path:
    from softtoken.core.paths import resolve_home

    return resolve_home(option)
