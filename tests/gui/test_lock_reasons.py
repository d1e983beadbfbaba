"""When the token window locks by itself, the PIN page says why: the policy's idle time, or minimizing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.policy import Policy
from softtoken.gui.app import Controller
from softtoken.gui.token_window import TokenWindow
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault


def _unlocked_window(qtbot: QtBot, tmp_path: Path, keyring: MemoryKeyring, policy: Policy) -> TokenWindow:
    vault = make_vault(tmp_path / "home", keyring, clock=FixedClock(59), policy=policy)
    vault.activate(description(), "EPCS", PIN, PIN)
    controller = Controller(vault, policy, vault.clock)
    qtbot.addWidget(controller.window)
    controller.start()
    window = controller.window
    _unlock(qtbot, window)
    return window


def _unlock(qtbot: QtBot, window: TokenWindow) -> None:
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    qtbot.waitUntil(lambda: not window.pin_page.pin_edit.isReadOnly())
    qtbot.keyClicks(window.pin_page.pin_edit, PIN)
    qtbot.keyClick(window.pin_page.pin_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.unlocked)


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (120, "Locked after 2 minutes without use."),
        (60, "Locked after 1 minute without use."),
        (90, "Locked after 90 seconds without use."),
    ],
)
def test_idle_lock_says_it_was_the_idle_time(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, seconds: int, said: str
) -> None:
    window = _unlocked_window(qtbot, tmp_path, memory_keyring, Policy(idle_lock_seconds=seconds))
    assert window.idle.timer.interval() == seconds * 1000
    window.idle.timer.setInterval(20)  # the real idle timer, shortened
    window.idle.timer.start()
    qtbot.waitUntil(lambda: not window.unlocked)
    page = window.pin_page
    assert window.stack.currentWidget() is page
    assert page.message.text() == said and page.message.isVisible()
    _unlock(qtbot, window)  # the next unlock replaces the note
    assert page.message.text() != said


def test_minimizing_says_it_locked_the_window(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    window = _unlocked_window(qtbot, tmp_path, memory_keyring, Policy())
    window.showMinimized()
    qtbot.waitUntil(lambda: not window.unlocked)
    window.showNormal()
    qtbot.waitUntil(window.isVisible)
    assert window.stack.currentWidget() is window.pin_page
    assert window.pin_page.message.text() == "Locked when the window was minimized."


def test_locking_on_purpose_says_nothing(qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    window = _unlocked_window(qtbot, tmp_path, memory_keyring, Policy())
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.unlocked)
    assert window.pin_page.message.text() == "" and not window.pin_page.message.isVisible()
