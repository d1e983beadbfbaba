"""The desktop app: which window opens, and where links from other launches go."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from softtoken.core.paths import vault_present

from .lazy import LazyVault
from .text import tr

if TYPE_CHECKING:
    from collections.abc import Callable

    from softtoken.core.activation.request import ActivationRequest
    from softtoken.core.clock import Clock
    from softtoken.core.policy import Policy
    from softtoken.core.vault.vault import TokenStatus, Vault

    from .token_window import TokenWindow
    from .wizard.activation import ActivationWizard

log = logging.getLogger(__name__)


class Controller(QObject):
    """Opens the token window or the activation wizard and routes incoming links."""

    first_painted = Signal()  # the window opened at start has painted (once)

    def __init__(
        self, vault: Vault | Callable[[], Vault], policy: Policy, clock: Clock, home: Path | None = None
    ) -> None:
        """``vault`` may be a factory: the vault module loads after the first paint."""
        super().__init__()
        self._lazy_vault = LazyVault(vault)
        self.home: Path = home if home is not None else vault.home  # type: ignore[union-attr]
        self.policy = policy
        self.clock = clock
        self._window: TokenWindow | None = None
        self.wizard: QWidget | None = None
        self._painted = False

    @property
    def vault(self) -> Vault:
        return self._lazy_vault.get()

    @property
    def window(self) -> TokenWindow:
        """Made when first needed: a first run paints the wizard without building it."""
        if self._window is None:
            from .token_window import TokenWindow

            window = TokenWindow(lambda: self.vault, self.policy, self.clock)
            window.add_requested.connect(lambda: self.open_wizard(None))
            window.replace_requested.connect(self.replace)
            window.support_requested.connect(self.support)
            self._window = window
        return self._window

    # ------------------------------------------------------------------ start

    def start(self, link: str | None = None) -> None:
        """First run (no vault on disk): the wizard; otherwise the token window."""
        if not vault_present(self.home):
            self.open_wizard(link).first_paint.connect(self._first_paint)
            return
        window = self.window
        window.first_paint.connect(self._first_paint)
        window.show()
        # The pages and the vault are made once the empty window is on screen.
        window.first_paint.connect(self._after_first_paint)
        if link:
            QTimer.singleShot(0, lambda: self.open_link(link))

    def _first_paint(self) -> None:
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def _after_first_paint(self) -> None:
        self.window.first_paint.disconnect(self._after_first_paint)
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

    def check_clock(self) -> None:
        """In the background at start: a wrong clock is the first cause of rejected passcodes."""

        def work() -> object:
            from softtoken.core.clockcheck import check_clock, save_check

            result = check_clock(self.policy, self.clock)
            save_check(self.home, result)
            return result

        def done(result: Any) -> None:
            if result.status in ("warn", "error"):
                self.window.show_clock_warning(result.message)

        from . import workers

        workers.run_in_background(  # SNTP never touches the vault: an unlock must not wait behind it
            work,
            done,
            lambda exc: log.warning("clock check failed: %s", exc),
            owner=self,
            touches_vault=False,
        )

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
        if self.wizard is not None and self.wizard.isVisible():
            set_link = getattr(self.wizard, "set_link", None)
            if set_link is not None:
                set_link(link)
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
        from . import dialogs

        choice = dialogs.question(
            self.window,
            tr("You already have a token"),
            tr(
                "An activation link arrived, and this workstation already has a token. If the help "
                "desk sent you a replacement, replace your token. Add it as another token only if "
                "you were told to have more than one."
            ),
            [tr("Replace my token…"), tr("Add another token"), tr("Cancel")],
            default=0,
        )
        if choice == 0:
            self.replace(self.window.current.token_id if self.window.current else "", "", link)
        elif choice == 1:
            self.open_wizard(link)

    # ------------------------------------------------------------------ wizards

    def set_app_icon(self) -> None:
        """Every window's icon; after the first paint (the SVG renderer costs start-up time)."""
        from .resources import app_icon

        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setWindowIcon(app_icon())

    def open_wizard(self, link: str | None) -> ActivationWizard:
        from .wizard.activation import ActivationWizard

        names = [t.name for t in self._window.tokens] if self._window is not None else []
        wizard = ActivationWizard(
            policy=self.policy,
            existing_names=names,
            commit=self._commit,
            clock=self.clock,
            link=link,
            unlock=self._first_passcode,
        )
        wizard.finished.connect(lambda _result: self._wizard_closed(wizard))
        self.wizard = wizard
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

        workers.run_in_background(lambda: self.vault.keystore, lambda _: None, failed, owner=wizard)

    def _first_passcode(self, token_id: str, pin: str) -> str:
        """Runs in a worker thread: the passcode the issuer's "verify enrollment" page asks for."""
        codes = self.vault.unlock(token_id, pin)
        code = codes.at(self.clock.now()) or codes.codes[0]
        return code.grouped()

    def _commit(self, request: ActivationRequest) -> TokenStatus:
        """Runs in a worker thread: core writes the vault."""
        return self.vault.activate(request.description, request.name, request.pin, request.confirm)

    def _wizard_closed(self, wizard: QWidget) -> None:
        if self.wizard is wizard:
            self.wizard = None
        wizard.deleteLater()
        if vault_present(self.home):
            self.window.show()
            self.window.reload()
        elif self._window is None or not self._window.isVisible():
            QApplication.quit()  # first run cancelled: nothing to show

    def replace(self, token_id: str, reason: str = "", link: str | None = None) -> None:
        """Open the replacement wizard for ``token_id`` (or the only token)."""
        tokens = self.window.tokens
        token = next((t for t in tokens if t.token_id == token_id), None)
        if token is None and len(tokens) == 1:
            token = tokens[0]
        if token is None:
            from . import dialogs

            dialogs.info(self.window, tr("Replace token"), tr("Choose the token to replace first."))
            self.window.show_list()
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
            retire=lambda: self.vault.retire(old.token_id),
            reason=preset,
            link=link,
        )
        wizard.finished.connect(lambda _result: self._wizard_closed(wizard))
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
