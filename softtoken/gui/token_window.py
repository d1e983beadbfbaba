"""The token window: pick a token, enter its PIN, read the passcode, lock again.

All decisions (PIN checks, lockout, counters) are core's; this window only
presents them. The seed is never kept: each passcode needs the PIN, and the
window locks when the last code it was given expires, when the prescriber is
idle, and when the window is minimised or hidden.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from PySide6.QtCore import QEvent, Signal  # not Qt: its namespace costs ~20 ms at start-up
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from . import workers
from .lazy import LazyVault
from .style import Space
from .text import tr
from .window_parts import LoadingPage, NoticeLine, in_column

if TYPE_CHECKING:
    from softtoken.core.clock import Clock
    from softtoken.core.policy import Policy
    from softtoken.core.vault.vault import Passcodes, TokenStatus, Vault

    from .trouble_pages import DisabledPage, EmptyPage, ProblemPage

_Page = TypeVar("_Page", bound=QWidget)


log = logging.getLogger(__name__)
# The smallest window: the PIN page with its longest messages (Spanish, the last attempt and
# a wait) fits it without scrolling (tests/gui/test_token_window_fit.py).
MIN_WIDTH, MIN_HEIGHT = 420, 360


def message_for(exc: BaseException) -> str:
    from .errors import message_for as message

    return message(exc)


def attempts_left_text(left: int, wrong: bool = True) -> str:
    from .pin_page import attempts_left_text as text

    return text(left, wrong)


class _Container(QWidget):
    """The central widget; tells when it was first painted (start-up is measured to here)."""

    painted = Signal()

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        self.painted.emit()


class TokenWindow(QWidget):
    """The window a prescriber opens every time they need a passcode."""

    add_requested = Signal()
    no_tokens = Signal()  # the vault holds no token (any more): the app is back at its first run
    quit_requested = Signal()  # Quit (menu, Ctrl+Q, tray): the app ends, not only this window
    replace_requested = Signal(str, str)  # token_id ("" when none is chosen), reason ("" to ask)
    support_requested = Signal()
    first_paint = Signal()

    def __init__(self, vault: Vault | Callable[[], Vault], policy: Policy, clock: Clock) -> None:
        super().__init__()
        from .focus_speech import expose_as

        expose_as("TokenWindow", "Window")  # a frame to screen readers, not a "filler"
        self.setObjectName("tokenWindow")
        self._lazy_vault = LazyVault(vault)
        self.policy = policy
        self.clock = clock
        self.setWindowTitle(tr("softtoken"))
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self.tokens: list[TokenStatus] = []
        self.current: TokenStatus | None = None
        self._painted = False
        self._built = False
        self._trouble: dict[str, QWidget] = {}  # the pages made when first shown (see disabled_page)
        # Only an empty window with a "loading" line is made before the first paint;
        # the pages, menus and the vault come right after (start-up is what users feel).
        self.stack = QStackedWidget()
        self.loading = LoadingPage()
        self.stack.addWidget(self.loading)
        container = _Container()
        container.painted.connect(self._on_paint)
        self._outer = outer = QVBoxLayout(container)
        outer.setContentsMargins(Space.L, Space.M, Space.L, Space.M)
        # The notices sit in the pages' column (at most PAGE_WIDTH wide, centred), over the page;
        # on a tall window the notices and the page sit together in the middle.
        outer.addStretch()
        self.clock_warning = NoticeLine("clockWarning")
        in_column(outer, self.clock_warning)
        # A sync with the issuer failed: said quietly, the tokens here keep working (container_flow.py).
        self.sync_line = NoticeLine("syncProblem")
        in_column(outer, self.sync_line)
        outer.addWidget(self.stack)
        outer.addStretch()
        # A plain top-level widget, not a QMainWindow: that one alone takes ~40 ms longer to
        # first paint. The menu bar joins the layout once the pages are built.
        self._top = QVBoxLayout(self)
        self._top.setContentsMargins(0, 0, 0, 0)
        self._top.addWidget(container)

    @property
    def vault(self) -> Vault:
        return self._lazy_vault.get()

    @property
    def built(self) -> bool:
        return self._built

    def ensure_built(self) -> None:
        """Make the pages and menus (once)."""
        if self._built:
            return
        self._built = True
        from .clipboard import SecretClipboard
        from .code_page import CodePage
        from .idle import IdleLock
        from .pin_page import PinPage
        from .token_list import TokenListPage
        from .token_menu import build_menu
        from .window_parts import scroll_pages

        self.loading.add_spinner()
        policy = self.policy
        self.clipboard = SecretClipboard(policy.clipboard_clear_seconds, self) if policy.allow_copy else None
        self.idle = IdleLock(policy.idle_lock_seconds, self)
        self.idle.idle.connect(self._lock_because)
        self.list_page = TokenListPage()
        self.pin_page = PinPage()
        self.code_page = CodePage(self.clock, self.clipboard)
        for page in (self.list_page, self.pin_page, self.code_page):
            self.stack.addWidget(page)
        at = self._outer.indexOf(self.stack)
        self._scroll = scroll_pages(self.stack)
        self._outer.insertWidget(at, self._scroll)  # takes the stack out of this layout
        self.list_page.chosen.connect(self.open_token)
        self.pin_page.submitted.connect(self.unlock)
        self.pin_page.back.connect(self.show_list)
        self.pin_page.forgot.connect(lambda: self.replace_requested.emit(self._current_id(), "forgot-pin"))
        self.code_page.expired.connect(lambda: self._lock(tr("Locked when the last passcode expired.")))
        self.code_page.lock_requested.connect(self.lock)
        self.menu_bar = build_menu(self)
        self._top.setMenuBar(self.menu_bar)
        from .resources import app_icon
        from .tray import add_tray_icon

        self.setWindowIcon(app_icon())
        self.tray = add_tray_icon(self)

    # The pages few prescribers see (a disabled token, an unreadable vault, no token) are made
    # when first shown: each is memory held for the whole session (docs/performance.md).
    @property
    def disabled_page(self) -> DisabledPage:
        from .trouble_pages import DisabledPage

        if "disabled" not in self._trouble:
            page = self._add_trouble("disabled", DisabledPage(self.policy.helpdesk_contact))
            page.replace.connect(self._replace_locked_out)
        return cast("DisabledPage", self._trouble["disabled"])

    @property
    def problem_page(self) -> ProblemPage:
        from .trouble_pages import ProblemPage

        if "problem" not in self._trouble:
            page = self._add_trouble("problem", ProblemPage())
            page.retry.connect(self.reload)
            page.restore.connect(self._restore_backup)
        return cast("ProblemPage", self._trouble["problem"])

    @property
    def empty_page(self) -> EmptyPage:
        from .trouble_pages import EmptyPage

        if "empty" not in self._trouble:
            self._add_trouble("empty", EmptyPage()).add.connect(self.add_requested.emit)
        return cast("EmptyPage", self._trouble["empty"])

    def _add_trouble(self, kind: str, page: _Page) -> _Page:
        self.ensure_built()
        self._trouble[kind] = page
        self.stack.addWidget(page)
        page.installEventFilter(self._scroll)  # the area fits the page shown (window_parts)
        return page

    def _replace_locked_out(self) -> None:
        self.replace_requested.emit(self._current_id(), "locked-out")

    def show_clock_warning(self, message: str) -> None:
        from .style import Role

        self.clock_warning.show_message(message, Role.DANGER, "warning")

    def show_sync_problem(self, message: str) -> None:
        """A quiet line under the menu ("" hides it): not a dialog, the tokens work offline."""
        from .style import Role

        self.sync_line.show_message(message, Role.WARNING, "warning")

    def show_front(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def _escape(self) -> None:
        if self.stack.currentWidget() is self.code_page:
            self.lock()

    def protect_current(self) -> None:
        """Token > Move into the security chip (protect.py)."""
        from .protect import protect_token

        protect_token(self)

    def _current_id(self) -> str:
        return self.current.token_id if self.current else ""

    # ------------------------------------------------------------------ loading

    def reload(self, select: str | None = None) -> None:
        """Read the tokens again; open ``select`` (a token just made) rather than the one before."""
        self.ensure_built()
        self.stack.setCurrentWidget(self.loading)
        workers.run_in_background(
            self.vault.status, lambda tokens: self._loaded(tokens, select), self._load_failed, owner=self
        )

    def _loaded(self, tokens: list[TokenStatus], select: str | None = None) -> None:
        self.tokens = tokens
        if not tokens:
            self.current = None
            self.stack.setCurrentWidget(self.empty_page)  # while the first-run wizard opens
            self.no_tokens.emit()
            return
        if select is not None and any(t.token_id == select for t in tokens):
            self.open_token(select)  # a PIN typed now is meant for the new token
            return
        if self.current is not None:
            again = next((t for t in tokens if t.token_id == self.current.token_id), None)
            if again is not None:
                self.open_token(again.token_id)
                return
        if len(tokens) == 1:
            self.open_token(tokens[0].token_id)
        else:
            self.show_list()

    def _load_failed(self, exc: BaseException) -> None:
        self.problem_page.show_problem(exc)
        self.stack.setCurrentWidget(self.problem_page)
        self.problem_page.focus_action()

    def _restore_backup(self) -> None:
        from . import dialogs

        choice = dialogs.question(
            self,
            tr("Restore the previous version"),
            tr(
                "softtoken keeps the previous version of your token vault. Restoring it replaces the "
                "damaged file (which is kept aside for your help desk). Restore it now?"
            ),
            [tr("Restore"), tr("Cancel")],
            default=1,
        )
        if choice != 0:
            return
        workers.run_in_background(
            self.vault.restore_backup, lambda _: self.reload(), self._load_failed, owner=self
        )

    # ------------------------------------------------------------------ navigation

    def show_list(self) -> None:
        self.code_page.clear()
        self.current = None
        self.list_page.set_tokens(self.tokens, self.clock.now())
        self.stack.setCurrentWidget(self.list_page)
        self.list_page.focus_first()

    def open_token(self, token_id: str) -> None:
        status = next((t for t in self.tokens if t.token_id == token_id), None)
        if status is None:
            return
        self.current = status
        if status.status == "disabled":
            self.disabled_page.show_token(status, "")
            self.stack.setCurrentWidget(self.disabled_page)
            self.disabled_page.replace_button.setFocus()  # its description says why
            return
        self.pin_page.show_token(status, self.clock.now(), several=len(self.tokens) > 1)
        self.stack.setCurrentWidget(self.pin_page)
        self.pin_page.focus_pin()

    # ------------------------------------------------------------------ unlocking

    def unlock(self, pin: str) -> None:
        status = self.current
        if status is None:
            return
        self.pin_page.set_busy(True)
        token_id = status.token_id
        workers.run_in_background(
            lambda: self.vault.unlock(token_id, pin), self._unlocked, self._unlock_failed, owner=self
        )

    def _unlocked(self, codes: Passcodes) -> None:
        self.pin_page.set_busy(False)
        self.pin_page.clear_pin()
        self.code_page.show_codes(codes, self.current)
        self.stack.setCurrentWidget(self.code_page)
        self.code_page.code_label.setFocus()
        self.idle.arm()

    def _unlock_failed(self, exc: BaseException) -> None:
        from softtoken.core import errors as core_errors

        self.pin_page.set_busy(False)
        if isinstance(exc, core_errors.WrongPin):
            if exc.disabled:
                self._refresh_then_show_disabled(message_for(exc))
                return
            self.pin_page.wrong_pin(attempts_left_text(exc.attempts_left), exc.wait_seconds)
        elif isinstance(exc, core_errors.ChipLockedOut):  # the TPM's own lockout: "about N minutes"
            self.pin_page.wrong_pin(message_for(exc), 0)
        elif isinstance(exc, core_errors.TokenLockedOut):
            self.pin_page.start_wait(exc.wait_seconds, "")
        elif isinstance(exc, core_errors.TokenDisabled):
            self._refresh_then_show_disabled(message_for(exc))
        elif isinstance(exc, core_errors.PinRejected):
            self.pin_page.wrong_pin(message_for(exc), 0)
        elif isinstance(exc, (core_errors.VaultError, core_errors.KeystoreError)):
            self._load_failed(exc)
        else:
            self.pin_page.wrong_pin(message_for(exc), 0)

    def _refresh_then_show_disabled(self, message: str) -> None:
        status = self.current
        if status is None:
            return

        def show(tokens: list[TokenStatus]) -> None:
            self.tokens = tokens
            fresh = next((t for t in tokens if t.token_id == status.token_id), status)
            self.current = fresh
            self.disabled_page.show_token(fresh, message)
            self.stack.setCurrentWidget(self.disabled_page)
            self.disabled_page.replace_button.setFocus()

        workers.run_in_background(self.vault.status, show, self._load_failed, owner=self)

    def lock(self) -> None:
        """Forget the passcodes and ask for the PIN again."""
        self._lock("")

    def _lock(self, why: str) -> None:
        """Lock; ``why`` (it locked by itself) is shown on the PIN page and said where the focus lands."""
        if not self._built:
            return
        self.idle.disarm()
        was_showing = self.stack.currentWidget() is self.code_page
        self.code_page.clear()
        if was_showing and self.current is not None:
            self.pin_page.show_note(why, warning=False)  # before the focus: read with the field
            self.stack.setCurrentWidget(self.pin_page)
            self.pin_page.focus_pin()

    def _lock_because(self, why: str) -> None:
        """Lock by itself (idle, minimized, hidden), and say why on the PIN page."""
        if self.unlocked:
            self._lock(why)
        else:
            self.lock()

    @property
    def unlocked(self) -> bool:
        return self._built and self.code_page.codes is not None

    # ------------------------------------------------------------------ window events

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange and self.isMinimized():
            self.lock()
        super().changeEvent(event)

    def hideEvent(self, event: Any) -> None:
        if self._built:  # minimizing hides the window first (then changes its state): say which it was
            from .idle import hidden_reason

            self._lock_because(hidden_reason(self.isMinimized()))
        super().hideEvent(event)

    def _on_paint(self) -> None:
        if not self._painted:
            self._painted = True
            self.first_paint.emit()

    def closeEvent(self, event: Any) -> None:
        self.lock()
        clipboard = getattr(self, "clipboard", None)  # made with the pages
        if clipboard is not None:
            clipboard.clear_if_ours()
        super().closeEvent(event)
