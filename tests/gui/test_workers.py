"""The vault has one owner thread in the GUI: every vault job on one worker, in order; SNTP elsewhere.

A real controller, token window and support dialog over a real vault, seen
through a thin wrapper that records each vault call's thread and whether
another call was still running. A call can be held at a gate so that every
other job is submitted while it runs: on a pool of many threads they would
overlap it, on the vault's worker they wait their turn.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.clockcheck import ClockCheck
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from softtoken.gui import dialogs, workers
from softtoken.gui.app import Controller
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, link, make_vault

SAFETY = 60.0  # a held job never waits longer than this, should a test fail half-way


class WatchedVault:
    """The real vault; every public method call is recorded (name, thread) and checked for overlap."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._lock = threading.Lock()
        self.calls: list[tuple[str, int]] = []
        self.active = 0
        self.most_active = 0
        self._hold_at: int | None = None
        self.holding = threading.Event()
        self.release = threading.Event()

    def hold_next_call(self) -> None:
        with self._lock:
            self._hold_at = len(self.calls)

    @property
    def names(self) -> list[str]:
        with self._lock:
            return [name for name, _ in self.calls]

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._vault, name)
        if name.startswith("_") or not callable(value):
            return value

        def watched(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                held = len(self.calls) == self._hold_at
                self.calls.append((name, threading.get_ident()))
                self.active += 1
                self.most_active = max(self.most_active, self.active)
            try:
                if held:
                    self.holding.set()
                    self.release.wait(SAFETY)
                return value(*args, **kwargs)
            finally:
                with self._lock:
                    self.active -= 1

        return watched


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring) -> Vault:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    vault.activate(description(), "EPCS", PIN, PIN)
    return vault


def _controller(qtbot: QtBot, vault: Vault | WatchedVault, policy: Policy) -> Controller:
    controller = Controller(vault, policy, FixedClock(59), home=vault.home)  # type: ignore[arg-type]
    qtbot.addWidget(controller.window)
    controller.start()
    return controller


def _unlock(qtbot: QtBot, controller: Controller) -> None:
    window = controller.window
    qtbot.waitUntil(
        lambda: (
            window.built
            and window.stack.currentWidget() is window.pin_page
            and not window.pin_page.pin_edit.isReadOnly()
        )
    )
    qtbot.keyClicks(window.pin_page.pin_edit, PIN)
    qtbot.keyClick(window.pin_page.pin_edit, Qt.Key.Key_Return)


@pytest.fixture
def release_at_end() -> Iterator[list[threading.Event]]:
    """Gates a test opened; opened again at the end, so no worker stays blocked after a failure."""
    gates: list[threading.Event] = []
    yield gates
    for gate in gates:
        gate.set()


def test_vault_jobs_from_everywhere_run_on_one_thread_one_at_a_time_in_order(
    qtbot: QtBot, vault: Vault, release_at_end: list[threading.Event]
) -> None:
    watched = WatchedVault(vault)
    release_at_end.append(watched.release)
    controller = _controller(qtbot, watched, Policy())
    window = controller.window
    # At start: the window's status (token_window.py), then the policy record (app.py).
    qtbot.waitUntil(
        lambda: (
            window.built
            and window.stack.currentWidget() is window.pin_page
            and "record_policy" in watched.names
        )
    )
    assert watched.names[:2] == ["status", "record_policy"]
    qtbot.waitUntil(lambda: not workers.busy())

    watched.hold_next_call()
    start = len(watched.calls)
    controller.support()  # the non-modal support dialog collects its card (support.py) ...
    qtbot.addWidget(controller.support_dialog)
    qtbot.waitUntil(watched.holding.is_set)  # ... and is held inside the vault
    _unlock(qtbot, controller)  # an unlock (token_window.py) ...
    dialogs.answer_next("question", 2)  # ... and a link arriving (app.py): "Cancel"
    controller.open_link(link())
    card_calls = watched.names[start:]
    watched.release.set()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.code_page and not workers.busy())
    qtbot.waitUntil(lambda: "Token 1: EPCS" in controller.support_dialog.text.toPlainText())

    names = watched.names[start:]
    assert names[-2:] == ["unlock", "status"], names  # the unlock, then the link's status, after the card
    assert "unlock" not in names[:-2] and set(names[:-2]) >= set(card_calls)
    assert watched.most_active == 1, "two vault calls ran at the same time"
    threads = {thread for _, thread in watched.calls}
    assert len(threads) == 1 and threading.get_ident() not in threads, "the vault has one owner thread"


def test_jobs_run_in_submission_order_on_one_thread(qtbot: QtBot) -> None:
    """The worker itself, without a vault: 40 jobs from two owners and from a callback."""
    seen: list[tuple[int, int]] = []
    active = [0, 0]  # now, most
    lock = threading.Lock()
    gate = threading.Event()

    def job(number: int) -> Callable[[], int]:
        def run() -> int:
            with lock:
                active[0] += 1
                active[1] = max(active[1], active[0])
                seen.append((number, threading.get_ident()))
            if number == 0:
                gate.wait(SAFETY)  # the rest are submitted while the first runs
            with lock:
                active[0] -= 1
            return number

        return run

    finished: list[int] = []

    def submit_from_callback(number: int) -> None:
        finished.append(number)
        if number == 0:
            workers.run_in_background(job(40), finished.append, pytest.fail)

    workers.run_in_background(job(0), submit_from_callback, pytest.fail)
    for number in range(1, 40):
        workers.run_in_background(job(number), finished.append, pytest.fail)
    gate.set()
    qtbot.waitUntil(lambda: len(finished) == 41)
    assert [number for number, _ in seen] == list(range(41))
    assert finished == list(range(41))
    assert active[1] == 1 and len({thread for _, thread in seen}) == 1


def test_the_clock_check_never_holds_up_an_unlock(
    qtbot: QtBot, vault: Vault, monkeypatch: pytest.MonkeyPatch, release_at_end: list[threading.Event]
) -> None:
    """SNTP may take seconds: at start (app.py) and from the support dialog (support.py) it runs elsewhere."""
    from softtoken.core import clockcheck

    started: list[int] = []
    release = threading.Event()
    release_at_end.append(release)

    def slow_check(policy: Policy, clock: Any, timeout: float = 2.0) -> ClockCheck:
        started.append(threading.get_ident())
        release.wait(SAFETY)
        return ClockCheck(policy.ntp_server, clock.now(), "ok", 0.0, "Your computer clock is right.")

    monkeypatch.setattr(clockcheck, "check_clock", slow_check)
    policy = Policy(ntp_server="time.example.org")
    controller = _controller(qtbot, vault, policy)
    qtbot.waitUntil(lambda: len(started) == 1)  # the check at start is waiting for its server
    controller.support()
    dialog = controller.support_dialog
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "Token 1: EPCS" in dialog.text.toPlainText())
    dialog.clock_button.click()
    qtbot.waitUntil(lambda: len(started) == 2)  # and so is the dialog's

    _unlock(qtbot, controller)
    window = controller.window
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.code_page)
    assert not release.is_set() and dialog.status.text() == "Checking the clock…"

    release.set()
    said = "Clock: right, within 0.1 s of time.example.org (checked "  # the card's own clock line
    qtbot.waitUntil(lambda: dialog.status.text().startswith(said) and not workers.busy())
