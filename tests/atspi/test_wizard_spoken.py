"""What a screen reader hears in the activation wizard, recorded from the real app (issue 17).

Orca 43 speaks the focused object's name and description when the focus
arrives and when that description changes. Here: each page after step 1 says
its title and intro on the control that takes the focus, the PIN mismatch is
said by "Type the PIN again" (where the focus is), and the Done page says the
token's name and serial, then a wrong PIN, then the passcode shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.atspi.desktop import Desktop, Event, running_app
from tests.atspi.test_pin_never_spoken import _focus, _holds, _tab_to, _typed
from tests.vaults import link

pytestmark = pytest.mark.atspi

PIN = "8642"
WRONG = "1357"
SERIAL = "TOTP0001"


@pytest.fixture
def app(screen_reader_desktop: Desktop) -> Iterator[Desktop]:
    """softtoken with an activation link that has a serial (on stdin), on the desktop."""
    with running_app(screen_reader_desktop, link(extra=f"&serial={SERIAL}")) as board:
        yield board


def _focused_on(board: Desktop, name: str, since: int) -> Event:
    return board.wait_for(f"the focus on {name!r}", lambda e: _focus(e) and e["name"] == name, since)


def _described(board: Desktop, name: str, words: str, since: int) -> Event:
    return board.wait_for(
        f"{name!r} to say {words!r}",
        lambda e: e["name"] == name and words in (e["description"] or ""),
        since,
    )


def test_the_wizard_is_told_page_by_page(app: Desktop) -> None:
    app.focused("Activation link")
    since = app.mark()
    app.key("alt+n")
    name_field = _focused_on(app, "Token name", since)
    assert "Step 2 of 4. Name your token." in name_field["description"], name_field
    assert "The name tells your tokens apart" in name_field["description"]

    since = app.mark()
    app.key("Return")  # Activate
    pin_field = _focused_on(app, "New token PIN", since)
    assert "Step 3 of 4. Set your token PIN." in pin_field["description"], pin_field
    assert "Avoid easy PINs such as 1234 or your birth year." in pin_field["description"]
    _typed(app, "New token PIN", PIN, app.mark())
    _tab_to(app, "Type the PIN again")
    since = app.mark()
    _typed(app, "Type the PIN again", PIN[:3] + "9", since)
    _described(app, "Type the PIN again", "The two PINs do not match", since)  # where the focus is
    since = app.mark()
    app.key("BackSpace")
    _holds(app, "Type the PIN again", 3, since)
    _typed(app, "Type the PIN again", PIN[3], app.mark(), holding=4)
    since = app.mark()
    app.key("Return")  # Continue: the token is made

    finish = _focused_on(app, "Finish", since)
    # A one-step token has no activation code: its hidden label is never said to have the focus.
    after = app.events()[since:]
    on_the_way = after[: after.index(finish)]
    assert not [e for e in on_the_way if _focus(e) and e["name"] == "Activation code"], on_the_way
    words = finish["description"]
    assert words.startswith("Step 4 of 4. Your token is") and " Next: " in words, finish
    assert "Token name: ACME." in words and f"Serial number: {SERIAL}." in words, finish

    _tab_to(app, "Token PIN")
    since = app.mark()
    _typed(app, "Token PIN", WRONG, since)
    app.key("Return")
    _described(app, "Token PIN", "Incorrect PIN", since)  # said by the field that has the focus

    since = app.mark()
    _typed(app, "Token PIN", PIN, since)
    _tab_to(app, "Show a passcode")
    since = app.mark()
    app.key("space")
    shown = app.wait_for(
        "the passcode to take the focus",
        lambda e: _focus(e) and re.match(r"Passcode \d", e["name"] or "") is not None,
        since,
    )
    between = app.events()[since : app.events().index(shown)]
    assert not [e for e in between if _focus(e) and e["name"] == "Finish"], between
