"""A blind prescriber's first run and unlock with real Orca, and what Orca said (into a file).

The real app runs on the atspi tier's private desktop; Orca 43 listens to it
and speaks through speech-dispatcher into ``spoken.txt`` (tests/orca/speech.py).
xdotool types as a person would: the first run (link, name, the new PIN
twice, Done), a wrong PIN in the token window, the unlock, and the passcode's
rollover at the next 30 s step. Every wait is on a condition: an AT-SPI event
from the atspi tier's recorder, or a line in ``spoken.txt``.

What Orca said is the oracle: the PIN is never spoken (neither as a whole nor
digit by digit while it is typed), a wrong PIN is said to be incorrect, and
the passcode is spoken after the unlock.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.atspi.desktop import TOKEN_WINDOW, WIZARD_WINDOW, Desktop, Event, running_app, time_left_in_step
from tests.orca.speech import Speech
from tests.vaults import leaked, link

pytestmark = pytest.mark.orca

PIN = "8642"
WRONG = "1357"
PASSCODE = re.compile(r"Passcode (\d[\d ,]*\d)")


def _focus(event: Event) -> bool:
    return event["type"] == "object:state-changed:focused" and event["detail1"] == 1


@pytest.fixture
def walk(spoken_desktop: tuple[Desktop, Speech]) -> Iterator[tuple[Desktop, Speech]]:
    """softtoken with an activation link on stdin, on the desktop Orca is reading."""
    board, speech = spoken_desktop
    with running_app(board, link()):
        yield board, speech
    print(f"what Orca said: {speech.path}; Orca's debug log: {board.root / 'orca.log'}")


def _tab_to(board: Desktop, name: str, tabs: int = 8) -> None:
    for _ in range(tabs):
        since = board.mark()
        board.key("Tab")
        if board.wait_for("a focus change after Tab", _focus, since)["name"] == name:
            return
    raise AssertionError(f"{name!r} was not reached with {tabs} Tabs")


def _heard_field(
    board: Desktop, speech: Speech, window: str, field: str, since: tuple[int, int, int]
) -> None:
    """Wait until ``field`` has the focus and Orca follows, as a user waits before typing.

    Orca decides whether to echo a key by the object it last took the focus
    to: keys typed before it caught up are echoed as for that object (on this
    busy machine, a PIN typed right after the field's focus event was echoed
    digit by digit while Orca was still on the previous button). A
    screen-reader user types once the field is announced; so does this walk.
    ``since`` is ``_marks()`` taken before the key that moved the focus.
    """
    events, _, log = since
    board.focused_in(window, field, events)  # in ``window``: the Done page has a "Token PIN" too
    speech.caught_up("password text", field, log)


def _marks(board: Desktop, speech: Speech) -> tuple[int, int, int]:
    """Where the events, the speech and Orca's debug log are now."""
    return board.mark(), speech.mark(), speech.log_mark()


def _type_pin(board: Desktop, speech: Speech, field: str, digits: str) -> list[str]:
    """Type ``digits`` into the focused PIN field; what Orca said while it was typed."""
    since, said = board.mark(), speech.mark()
    board.type(digits)
    board.wait_for(
        f"{field!r} to hold {len(digits)} characters",
        lambda e: e["name"] == field and e.get("text") is not None and len(e["text"]) == len(digits),
        since,
    )
    # Orca speaks a moment after the events: wait for the field's last progress to be said.
    speech.said(f"{len(digits)} of {len(digits)} digits", said)
    return speech.since(said)


def _passcode(event: Event) -> str | None:
    found = PASSCODE.match(event["name"] or "")
    return found.group(1) if found else None


def test_first_run_wrong_pin_unlock_and_rollover_as_orca_says_them(walk: tuple[Desktop, Speech]) -> None:
    board, speech = walk
    typing: list[list[str]] = []  # what Orca said while each PIN was typed

    # First run: the link (read from stdin), the name, the new PIN twice, Done.
    board.focused("Activation link")
    speech.said("Activation link")
    since = board.mark()
    board.key("alt+n")
    board.focused("Token name", since)
    marks = _marks(board, speech)
    board.key("Return")  # Activate
    _heard_field(board, speech, WIZARD_WINDOW, "New token PIN", marks)
    speech.said("PIN: password text", marks[1])
    typing.append(_type_pin(board, speech, "New token PIN", PIN))
    marks = _marks(board, speech)
    board.key("Tab")
    _heard_field(board, speech, WIZARD_WINDOW, "Type the PIN again", marks)
    speech.said("Type it again: password text", marks[1])
    typing.append(_type_pin(board, speech, "Type the PIN again", PIN))
    since, said = board.mark(), speech.mark()
    board.key("Return")  # Continue: the token is made
    board.wait_for("the Done page's Finish button", lambda e: _focus(e) and e["name"] == "Finish", since)
    speech.said("Finish push button", said)
    speech.said("Step 4 of 4.", said)  # the Done page is announced on Finish, with its values
    speech.said("Your token is set up.", said)  # its heading (ready once the network sync is done)
    speech.said("Next: ", said)  # and the one next thing to do
    speech.said("Token name: ACME.", said)
    marks = _marks(board, speech)
    board.key("Return")  # Finish: the token window opens

    # The token window: a wrong PIN, then the right one.
    _heard_field(board, speech, TOKEN_WINDOW, "Token PIN", marks)
    speech.said("Enter your token PIN: password text", marks[1])
    typing.append(_type_pin(board, speech, "Token PIN", WRONG))
    marks = _marks(board, speech)
    since, said = marks[0], marks[1]
    board.key("Return")
    board.wait_for("the wrong PIN to be refused", lambda e: "Incorrect PIN" in str(e["any_data"]), since)
    # Said in the focused field (Orca splits the sentences), which keeps the focus while the PIN
    # is checked: no "Forgot PIN?" in between.
    speech.said("Incorrect PIN.", said)
    speech.wait_for(
        "the attempts left", lambda line: re.search(r"\d+ attempts? left", line) is not None, said
    )
    assert not any("Forgot PIN" in line for line in speech.since(said)), speech.since(said)
    typing.append(_type_pin(board, speech, "Token PIN", PIN))
    time_left_in_step()  # an unlock across a step's end would show the last code first: no rollover
    since, said = board.mark(), speech.mark()
    board.key("Return")
    shown = board.wait_for("the passcode", lambda e: _passcode(e) is not None, since)
    first = _passcode(shown)
    assert first is not None
    speech.wait_for(f"the passcode {first}", lambda line: first in line, said)

    # The rollover: the next 30 s step (at most 30 s away) brings a new passcode.
    rolled = board.wait_for(
        "the next passcode", lambda e: _passcode(e) not in (None, first), board.mark(), timeout=75
    )
    second = _passcode(rolled)
    assert second is not None
    speech.wait_for(  # said in the focused control's description (a label's new name is not spoken)
        f"the new passcode {second}", lambda line: "New passcode" in line and second in line, said
    )

    everything = speech.lines()
    print("\n".join(everything))
    for pin in (PIN, WRONG):
        spelled = " ".join(pin)  # how Orca reads a run of digits it was given spaced out
        spoken = [line for line in everything if leaked(pin, line) or spelled in line]
        assert spoken == [], f"Orca said a PIN: {spoken}"
    echoed = [line for chunk in typing for line in chunk if re.fullmatch(r"\s*\d\s*", line)]
    assert echoed == [], f"Orca echoed digits while a PIN was typed: {typing}"
    assert len(typing) == 4 and all(typing), typing  # not vacuous: Orca spoke while each PIN was typed
