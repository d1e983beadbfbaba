"""The token window as a screen reader meets it: where the focus is, and what the focused object says.

Orca 43 speaks focus changes (role, name, description), changes of the
focused object's description and alerts; it ignores name changes of labels
without the focus and reads a progress bar's value as a percentage. So each
outcome is checked where Orca reads it: the accessible interface
(QAccessible) of the widget that has the focus.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from softtoken.gui.token_window import TokenWindow
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault

WRONG = "1357"


def _said(widget: QWidget) -> str:
    """What a screen reader reads with the widget after its role and name."""
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Description)


def _name(widget: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


class FocusLog:
    """Every widget that got the focus, in order."""

    def __init__(self) -> None:
        self.seen: list[QWidget] = []
        QApplication.instance().focusChanged.connect(self._changed)  # type: ignore[union-attr]

    def _changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:
            self.seen.append(new)

    def close(self) -> None:
        QApplication.instance().focusChanged.disconnect(self._changed)  # type: ignore[union-attr]


@pytest.fixture(autouse=True)
def _accessibility_as_before(qapp: object) -> Iterator[None]:
    """Querying interfaces turns Qt's accessibility on; the next modules' tests run without it."""
    was = QAccessible.isActive()
    yield
    QAccessible.setActive(was)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(10**6 + 21)  # 29 s left of the passcode (30 s steps)


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring, clock: FixedClock) -> Vault:
    policy = Policy(max_attempts=4, helpdesk_contact="ACME help desk, 555-0100")
    made = make_vault(tmp_path / "home", memory_keyring, clock=clock, policy=policy)
    made.activate(description(), "EPCS", PIN, PIN)
    return made


@pytest.fixture
def window(qtbot: QtBot, vault: Vault) -> TokenWindow:
    shown = TokenWindow(vault, vault.policy, vault.clock)
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    shown.reload()
    qtbot.waitUntil(lambda: shown.built and shown.stack.currentWidget() is shown.pin_page)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is shown.pin_page.pin_edit)
    return shown


@pytest.fixture
def focus() -> FocusLog:
    log = FocusLog()
    yield log  # type: ignore[misc]
    log.close()


def _enter(qtbot: QtBot, window: TokenWindow, pin: str) -> None:
    qtbot.keyClicks(window.pin_page.pin_edit, pin)
    qtbot.keyClick(window.pin_page.pin_edit, Qt.Key.Key_Return)


def _unlocked(qtbot: QtBot, window: TokenWindow) -> None:
    _enter(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.unlocked and QApplication.focusWidget() is window.code_page.code_label)


def test_the_token_window_is_a_frame_not_a_filler(window: TokenWindow) -> None:
    assert QAccessible.queryAccessibleInterface(window).role() == QAccessible.Role.Window
    assert _name(window) == "softtoken"


def test_the_field_keeps_the_focus_read_only_while_the_pin_is_checked(
    qtbot: QtBot, window: TokenWindow, focus: FocusLog
) -> None:
    page = window.pin_page
    _enter(qtbot, window, PIN)
    # The check runs in the background: until it answers, the field is read-only and focused.
    assert page.busy.isVisible() and page.pin_edit.isReadOnly() and page.pin_edit.isEnabled()
    assert QApplication.focusWidget() is page.pin_edit
    assert "Checking your PIN…" in _said(page.pin_edit)
    qtbot.keyClicks(page.pin_edit, "9")  # typing while checked changes nothing
    assert page.pin_edit.pin() == PIN
    qtbot.waitUntil(lambda: window.unlocked)
    assert focus.seen == [window.code_page.code_label]  # from the field straight to the passcode


def test_a_wrong_pin_is_said_in_the_focused_field(qtbot: QtBot, window: TokenWindow, focus: FocusLog) -> None:
    page = window.pin_page
    _enter(qtbot, window, WRONG)
    qtbot.waitUntil(lambda: "Incorrect PIN. 3 attempts left" in _said(page.pin_edit))
    assert QApplication.focusWidget() is page.pin_edit and not page.pin_edit.isReadOnly()
    assert focus.seen == []  # never left the field
    assert _said(page.pin_edit).startswith("4 digits. Incorrect PIN.")
    qtbot.keyClicks(page.pin_edit, "8")  # the next PIN: the note has been heard
    assert _said(page.pin_edit) == "1 of 4 digits."


def test_a_wait_is_said_once_and_enter_stays_in_the_field(
    qtbot: QtBot, window: TokenWindow, focus: FocusLog, clock: FixedClock
) -> None:
    page = window.pin_page
    replaced: list[tuple[str, str]] = []
    window.replace_requested.connect(lambda *args: replaced.append(args))
    for left in (3, 2):
        _enter(qtbot, window, WRONG)
        qtbot.waitUntil(lambda left=left: f"{left} attempts left" in _said(page.pin_edit))
    _enter(qtbot, window, WRONG)  # the third starts a 5 s wait
    qtbot.waitUntil(lambda: "Try again in 5 s" in _said(page.pin_edit))
    said = _said(page.pin_edit)
    assert "Incorrect PIN. 1 attempt left" in said and "Try again in" in said
    assert QApplication.focusWidget() is page.pin_edit and page.pin_edit.isReadOnly()
    qtbot.keyClick(page.pin_edit, Qt.Key.Key_Return)  # Enter in the wait: nothing (not the replacement)
    qtbot.keyClicks(page.pin_edit, "12")
    assert replaced == [] and page.pin_edit.pin() == ""
    page._tick_wait()  # the line on screen counts down; what is said does not change each second
    assert "Try again in 4 s" in page.message.text() and _said(page.pin_edit) == said
    while page._wait_left:
        page._tick_wait()
    assert _said(page.pin_edit).startswith(
        "4 digits. You can try the PIN again now. Incorrect PIN. 1 attempt"
    )
    assert focus.seen == [] and QApplication.focusWidget() is page.pin_edit


def test_the_disabled_token_says_why_on_the_replace_button(
    qtbot: QtBot, window: TokenWindow, clock: FixedClock
) -> None:
    page = window.pin_page
    for left in (3, 2):
        _enter(qtbot, window, WRONG)
        qtbot.waitUntil(lambda left=left: f"{left} attempts left" in _said(page.pin_edit))
    _enter(qtbot, window, WRONG)
    qtbot.waitUntil(lambda: "Try again in 5 s" in _said(page.pin_edit))
    while page._wait_left:
        page._tick_wait()
    clock.advance(5)
    _enter(qtbot, window, WRONG)
    button = window.disabled_page.replace_button
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button)
    said = _said(button)
    assert "Token 'EPCS' is disabled" in said and "555-0100" in said, said
    assert "4 wrong PINs" in said and "To get a new token, contact:" in said, said


def test_a_new_passcode_and_the_time_left_are_said_where_the_focus_is(
    qtbot: QtBot, window: TokenWindow, clock: FixedClock
) -> None:
    _unlocked(qtbot, window)
    page = window.code_page
    label = page.code_label
    first = _name(label)
    assert first.startswith("Passcode ") and _said(label) == "29 seconds left."
    clock.advance(19)  # 10 s left
    page.tick()
    assert _said(label) == "10 seconds left"
    clock.advance(3)
    page.tick()
    assert _said(label) == "10 seconds left"  # not each second
    clock.advance(3)  # 4 s left: a tick came late, the 5 s mark is still said, once
    page.tick()
    assert _said(label) == "4 seconds left"
    clock.advance(5)  # the next step, 29 s left
    page.tick()
    second = _name(label)
    assert second != first and second.startswith("Passcode ")
    digits = second.removeprefix("Passcode ")
    assert _said(label) == f"New passcode {digits}" and " " in digits  # digit by digit, as the name
    assert QApplication.focusWidget() is label


def test_copied_is_said_on_the_focused_button(qtbot: QtBot, window: TokenWindow) -> None:
    _unlocked(qtbot, window)
    page = window.code_page
    page.copy_button.setFocus()
    qtbot.waitUntil(page.copy_button.hasFocus)
    own = _said(page.copy_button)
    qtbot.keyClick(page.copy_button, Qt.Key.Key_Space)
    assert _said(page.copy_button) == "Copied. The clipboard is cleared in 30 seconds."
    page.code_label.setFocus()
    qtbot.waitUntil(page.code_label.hasFocus)
    page.copy_button.setFocus()  # back on the button: its own description again
    qtbot.waitUntil(page.copy_button.hasFocus)
    assert _said(page.copy_button) == own


def test_the_countdown_is_seconds_never_a_percentage(
    qtbot: QtBot, window: TokenWindow, clock: FixedClock
) -> None:
    _unlocked(qtbot, window)
    page = window.code_page
    bar = QAccessible.queryAccessibleInterface(page.bar)
    assert bar.role() == QAccessible.Role.StaticText and bar.valueInterface() is None
    assert bar.text(QAccessible.Text.Description) == "29 seconds left"
    for step in range(3):
        clock.advance(1)
        page.tick()
        assert _name(page.countdown) == f"{28 - step} seconds left"  # never stale
        assert bar.text(QAccessible.Text.Description) == f"{28 - step} seconds left"
    assert page.countdown.text() == "Changes in 26 s"  # on screen as before


def test_locking_by_itself_says_why_where_the_focus_lands(
    qtbot: QtBot, window: TokenWindow, clock: FixedClock
) -> None:
    _unlocked(qtbot, window)
    clock.advance(60)  # both passcodes used up
    window.code_page.tick()
    field = window.pin_page.pin_edit
    assert QApplication.focusWidget() is field
    assert _said(field) == "4 digits. Locked when the last passcode expired."
    assert window.pin_page.message.text() == "Locked when the last passcode expired."
    _unlocked(qtbot, window)
    window.idle.timer.setInterval(20)  # the real idle timer, shortened
    window.idle.timer.start()
    qtbot.waitUntil(lambda: not window.unlocked)
    assert QApplication.focusWidget() is field
    assert _said(field) == "4 digits. Locked after 2 minutes without use."
    _unlocked(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # locked on purpose: nothing to explain
    qtbot.waitUntil(lambda: not window.unlocked)
    assert _said(field) == "4 digits."
