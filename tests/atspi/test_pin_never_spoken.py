"""The PIN never leaves the app in an accessibility event: what Orca would be told, recorded.

The real app (``python -m softtoken.gui``) runs on a private desktop with the
AT-SPI bus and is driven with the keyboard as a blind prescriber would:
activation (new PIN with a Backspace, repeat, a wrong then the right PIN on
the Done page), then the token window (a wrong PIN, then the right one). Every
AT-SPI event is recorded (tests/atspi/recorder.py). On Qt's own password
fields, ``object:text-changed:insert`` carried each digit typed and clearing a
field sent the whole PIN (Orca spoke them): here no event may carry a digit of
a PIN, and the fields say their progress ("3 of 4 digits.") instead.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator

import pytest

from tests.atspi.desktop import TOKEN_WINDOW, Desktop, Event, running_app
from tests.vaults import RFC_SEED, leaked, link

pytestmark = pytest.mark.atspi

PIN = "8642"
WRONG = "1357"  # no digit in common with PIN: any digit of either in a PIN field's event is a leak
PIN_FIELDS = ("New token PIN", "Type the PIN again", "Token PIN")  # their accessible names (English)
PROGRESS = re.compile(r"\b\d+ of \d+ digits\.|\b\d+ digits\.")  # what a PIN field says instead
COUNTS = re.compile(r"\b\d+ attempts? left|Try again in \d+ s\.")  # and the outcomes said in it
# The page's words its first field says (issue 17: "Step 3 of 4.", the advice's example "1234").
PAGE_WORDS = re.compile(r"Step \d+ of \d+\.|such as 1234 ")


def _focus(event: Event) -> bool:
    return event["type"] == "object:state-changed:focused" and event["detail1"] == 1


@pytest.fixture
def app(screen_reader_desktop: Desktop) -> Iterator[Desktop]:
    """softtoken with an activation link (on stdin, as the app hands links over), on the desktop."""
    with running_app(screen_reader_desktop, link()) as board:
        yield board
    print(f"events: {board.events_path}, app log: {board.root / 'app.log'}")  # kept by pytest's tmp_path


def _tab_to(board: Desktop, name: str, tabs: int = 8) -> None:
    """Tab until the object named ``name`` has the focus (each Tab waits for its focus event).

    Call it once the app's own last focus change was recorded (wait for that focus event,
    not for an event the app sends before it): the first focus event after a Tab is taken
    for the Tab's.
    """
    for _ in range(tabs):
        since = board.mark()
        board.key("Tab")
        if board.wait_for("a focus change after Tab", _focus, since)["name"] == name:
            return
    raise AssertionError(f"{name!r} was not reached with {tabs} Tabs")


def _typed(board: Desktop, field: str, digits: str, since: int, holding: int = 0) -> None:
    """Type ``digits`` into the focused field and wait until it holds ``holding`` (or that many)."""
    board.type(digits)
    _holds(board, field, holding or len(digits), since)


def _holds(board: Desktop, field: str, count: int, since: int) -> None:
    board.wait_for(
        f"{field!r} to hold {count} characters",
        lambda e: e["name"] == field and e.get("text") is not None and len(e["text"]) == count,
        since,
    )


def _walk(board: Desktop) -> None:
    """Activate, with PINs typed, corrected, wrong and right; then unlock the token window."""
    activate(board)
    _typed(board, "Token PIN", WRONG, board.mark())
    since = board.mark()
    board.key("Return")  # wrong: the field is cleared and keeps the focus, read-only while checked
    board.wait_for(
        "the wrong PIN said in the field",
        lambda e: e["name"] == "Token PIN" and "Incorrect PIN" in (e["description"] or ""),
        since,
    )
    since = board.mark()
    _typed(board, "Token PIN", PIN, since)
    board.key("Return")
    board.wait_for(
        "the token window's passcode", lambda e: re.match(r"Passcode \d", e["name"] or "") is not None, since
    )


def activate(board: Desktop) -> None:
    """Activate, with PINs typed, corrected, wrong and right; until the token window's PIN field."""
    board.focused("Activation link")  # step 1, the link read from stdin
    since = board.mark()
    board.key("alt+n")  # Next
    board.focused("Token name", since)
    since = board.mark()
    board.key("Return")  # Activate
    board.focused("New token PIN", since)
    _typed(board, "New token PIN", PIN[:3], since)
    since = board.mark()
    board.key("BackSpace")
    _holds(board, "New token PIN", 2, since)
    _typed(board, "New token PIN", PIN[2:], board.mark(), holding=4)
    _tab_to(board, "Type the PIN again")
    _typed(board, "Type the PIN again", PIN, board.mark())
    since = board.mark()
    board.key("Return")  # Continue: the token is made
    board.wait_for(
        "the Done page's Finish button to take the focus",
        lambda e: _focus(e) and e["name"] == "Finish",
        since,
    )

    _tab_to(board, "Token PIN")  # the Done page's "Show a passcode"
    since = board.mark()
    _typed(board, "Token PIN", WRONG, since)
    board.key("Return")
    board.wait_for("the wrong PIN to be refused", lambda e: "Incorrect PIN" in (e["any_data"] or ""), since)
    since = board.mark()
    _typed(board, "Token PIN", PIN, since)
    board.key("Return")
    # The passcode's focus, not its name: the name is set first, and a Tab pressed once the
    # name was recorded found this focus event after it and took it for its own (so the next
    # Tab went past Finish to the PIN field, and Return there asked for a PIN).
    board.wait_for(
        "the first passcode to take the focus",
        lambda e: _focus(e) and re.match(r"Passcode \d", e["name"] or "") is not None,
        since,
    )
    _tab_to(board, "Finish")
    since = board.mark()
    board.key("Return")  # Finish: the wizard closes, the token window opens

    board.focused_in(TOKEN_WINDOW, "Token PIN", since)  # the Done page has a "Token PIN" field too


def _without_counts(said: str) -> str:
    """What a PIN field says but its progress and the outcomes' counts (digits that are no PIN)."""
    return COUNTS.sub("", PROGRESS.sub("", said))


def _summary(events: list[Event]) -> str:
    return "\n".join(json.dumps(e, ensure_ascii=False) for e in events[-40:])


def test_no_accessibility_event_carries_a_pin_digit(app: Desktop) -> None:
    _walk(app)
    events = [e for e in app.events() if e["type"] != "ready"]
    pin_field_events = [e for e in events if e["role"] == "password text" or e["name"] in PIN_FIELDS]

    # What Orca speaks as it is typed, and what a cleared field sends: masks, never a digit.
    typed = [e for e in pin_field_events if e["type"].startswith("object:text-changed")]
    spoken = [e for e in typed if re.search(r"\d", str(e["any_data"]))]
    assert spoken == [], f"PIN digits left the app in text-changed events:\n{_summary(spoken)}"
    shown = [e for e in pin_field_events if e.get("text") and re.search(r"\d", e["text"])]
    assert shown == [], f"a PIN field's AT-SPI text holds digits:\n{_summary(shown)}"
    # A field's name and description hold no digit but their progress ("3 of 4 digits."), the
    # outcomes' counts and the page's own words said when it opens ("Step 3 of 4", "such as 1234").
    said = [
        e
        for e in pin_field_events
        if re.search(r"\d", PAGE_WORDS.sub("", _without_counts(f"{e['name']} {e['description']}")))
    ]
    assert said == [], f"a PIN field's name or description holds digits:\n{_summary(said)}"
    anywhere = [e for e in events if any(leaked(p, json.dumps(e)) for p in (PIN, WRONG))]
    assert anywhere == [], f"a PIN in an accessibility event:\n{_summary(anywhere)}"

    # Not vacuous: the recorder did hear the fields being typed into (masks), each digit.
    inserts = [e for e in typed if e["type"] == "object:text-changed:insert"]
    assert len(inserts) >= 6 * 4, _summary(typed)
    # ... and each field said how far the typing went, where Orca reads it (its description).
    progress = {
        (e["name"], e["any_data"])
        for e in pin_field_events
        if e["type"] == "object:property-change:accessible-description"
    }
    for field in PIN_FIELDS:
        for n in range(1, 5):
            assert (field, f"{n} of 4 digits.") in progress, (field, n, sorted(progress))
    assert ("New token PIN", "2 of 4 digits.") in progress  # after the Backspace


def test_the_activation_links_secret_is_never_sent(app: Desktop) -> None:
    """Not the PIN but as secret: the seed in the link must not reach a screen reader either."""
    app.focused("Activation link")
    app.wait_for(  # the masked link is the last thing the box is given
        "the masked link in the link box",
        lambda e: e["type"] == "object:text-changed:insert" and "secret=\u2022" in str(e["any_data"]),
    )
    secret = base64.b32encode(RFC_SEED).decode()
    sent = [e for e in app.events() if secret in json.dumps(e)]
    assert sent == [], f"the link's secret in an accessibility event:\n{_summary(sent)}"
