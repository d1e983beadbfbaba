"""Tab order per screen, as a screen reader follows it: every stop named, each once, in reading order.

The real app on the AT-SPI desktop (tests/atspi/desktop.py); the order is what the focus events say,
so it is the order a screen-reader user hears. Step 1 of the wizard, and the token window's PIN page.
"""

from __future__ import annotations

import pytest

from tests.atspi.desktop import TOKEN_WINDOW, WIZARD_WINDOW, Desktop, Event
from tests.atspi.test_pin_never_spoken import activate, app

__all__ = ["app"]
pytestmark = pytest.mark.atspi


def _focus(event: Event) -> bool:
    return event["type"] == "object:state-changed:focused" and event["detail1"] == 1


def _cycle(board: Desktop, window: str, start: str, most: int = 16) -> list[tuple[str, str]]:
    """(role, name) of each focus stop from ``start`` round to it again, with Tab, all in ``window``."""
    stops: list[tuple[str, str]] = []
    for _ in range(most):
        since = board.mark()
        board.key("Tab")
        event = board.wait_for("a focus change after Tab", _focus, since)
        where = event.get("window", "")
        assert where.startswith(window), (
            f"Tab went to {event['name']!r} in {where!r}, not {window!r}: {stops}"
        )
        if event["name"] == start:
            return stops
        stops.append((event["role"], event["name"]))
    raise AssertionError(f"Tab never came back to {start!r}: {stops}")


def test_tab_order_of_step_1_and_the_pin_page(app: Desktop) -> None:
    board = app
    board.focused("Activation link")  # the paste box first: what the e-mail's link filled
    assert _cycle(board, WIZARD_WINDOW, "Activation link") == [
        ("push button", "Open QR image"),
        ("push button", "Scan QR code on screen"),
        ("push button", "Open key file (PSKC)"),
        ("push button", "Next >"),
        ("push button", "Cancel"),
    ]
    activate(board)  # to the token window, its PIN field focused
    assert _cycle(board, TOKEN_WINDOW, "Token PIN") == [
        ("check box", "Show PIN"),
        ("push button", "Unlock"),
        ("push button", "Forgot PIN?"),
    ]
