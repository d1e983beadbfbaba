"""The token window's outcomes reach what Orca 43 speaks: the focused object's description, focus changes.

The real app on the private AT-SPI desktop (tests/atspi/desktop.py), activated
with the keyboard as in test_pin_never_spoken.py, then used as every day: a
wrong PIN, the right one, the passcode, its rollover and countdown, Copy.
Orca speaks a change of the *focused* object's description and each focus
change (role, name, description); the events here are what it would be told.
"""

from __future__ import annotations

import re

import pytest

from tests.atspi.desktop import Desktop, Event, time_left_in_step
from tests.atspi.test_pin_never_spoken import PIN, WRONG, _focus, _tab_to, _typed, activate, app

pytestmark = pytest.mark.atspi

__all__ = ["app"]  # the fixture: the app on the desktop, with an activation link on stdin

DESCRIBED = "object:property-change:accessible-description"
PASSCODE = re.compile(r"Passcode (\d( \d)*)(, \d( \d)*)*$")


def _described(name: str, text: str) -> object:
    def match(event: Event) -> bool:
        return event["type"] == DESCRIBED and event["name"] == name and text in str(event["any_data"])

    return match


def _said(event: Event, text: str) -> bool:
    return event["type"] == DESCRIBED and text in str(event["any_data"])


def _focus_moves(events: list[Event]) -> list[str]:
    return [e["name"] for e in events if _focus(e)]


def test_the_token_windows_outcomes_are_said_where_orca_reads_them(app: Desktop) -> None:
    board = app
    activate(board)

    # The window is a frame (Orca says "frame", not "filler").
    active = [e for e in board.events() if e["type"] == "window:activate" and e["name"] == "softtoken"]
    assert active and active[-1]["role"] == "frame", active

    # A wrong PIN: said in the field's description, and the focus never leaves the field.
    _typed(board, "Token PIN", WRONG, board.mark())
    since = board.mark()
    board.key("Return")
    checking = board.wait_for("the check said", _described("Token PIN", "Checking your PIN"), since)
    wrong = board.wait_for("the wrong PIN said", _described("Token PIN", "Incorrect PIN."), since)
    assert "attempts left" in str(wrong["any_data"])
    assert _focus_moves(board.events()[since:]) == [], "the focus left the PIN field during the check"
    later = board.events()[since:]  # the Done page said an identical wrong PIN before: look after it
    assert later.index(checking) < later.index(wrong)

    # The right PIN: from the field straight to the passcode, read with the time left.
    since = board.mark()
    _typed(board, "Token PIN", PIN, since)
    time_left_in_step()  # an unlock across a step's end would show the last code first: no rollover
    board.key("Return")
    shown = board.wait_for(
        "the passcode to take the focus", lambda e: _focus(e) and PASSCODE.match(e["name"] or ""), since
    )
    assert _focus_moves(board.events()[since:]) == [shown["name"]]
    assert re.fullmatch(r"\d+ seconds? left\.", shown["description"]), shown

    # The rollover, then the last seconds, said on the focused passcode (real time: at most 50 s).
    rolled = board.wait_for(
        "the new passcode said",
        lambda e: e["type"] == DESCRIBED and "New passcode" in str(e["any_data"]),
        since,
    )
    digits = str(rolled["any_data"]).removeprefix("New passcode ")
    assert PASSCODE.match(f"Passcode {digits}") and f"Passcode {digits}" != shown["name"], rolled
    after = board.events().index(rolled)
    soon = board.wait_for(
        "10 s left said on the passcode",
        lambda e: _said(e, "10 seconds left") and PASSCODE.match(e["name"] or "") is not None,
        after,
    )
    assert soon["name"] == f"Passcode {digits}" and soon["role"] == "label", soon

    # Copy: "Copied ..." said on the focused button.
    _tab_to(board, "Copy")
    since = board.mark()
    board.key("space")
    board.wait_for("Copied said", _described("Copy", "Copied. The clipboard is cleared in"), since)
