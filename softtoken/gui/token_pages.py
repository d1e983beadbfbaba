"""What the token window's pages say about a token (its serial and state), in one place.

The token window's pages are built right after its first paint (see
token_window.py), so that start-up pays only for an empty window: the list
of tokens (token_list.py), the PIN (pin_page.py), the passcode
(code_page.py), and the disabled token and unreadable vault (trouble_pages.py).
They show a token as a card header (token_card.py) made from these words.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDateTime

from softtoken.core.vault.vault import TokenStatus

from .text import tr


def local_hhmm(ts: float) -> str:
    return QDateTime.fromSecsSinceEpoch(int(ts)).toString("HH:mm")


def serial_text(status: TokenStatus) -> str:
    return tr("Serial {serial}").format(serial=status.serial) if status.serial else tr("No serial")


def level_text(status: TokenStatus) -> str:
    return tr("key in the TPM security chip") if status.protection == "tpm" else tr("key in software")


def state_line(status: TokenStatus, now: float) -> str:
    """One line: "Serial X · ready · key in software" (tooltips, and where a line is all there is)."""
    if status.state == "disabled":
        state = tr("disabled")
    elif now < status.sync_until:
        state = tr("waiting for network sync until {time}").format(time=local_hhmm(status.sync_until))
    else:
        state = tr("ready")
    return f"{serial_text(status)} · {state} · {level_text(status)}"


@dataclass(frozen=True)
class Chip:
    """A token's state chip: its kind (style.set_chip), icon, the words shown and the words said."""

    kind: str  # "ready", "waiting", "disabled"
    icon: str
    text: str
    spoken: str


def state_chip(status: TokenStatus, now: float) -> Chip:
    """The state chip core's TokenStatus asks for: "Ready", "Waiting for network sync · until 14:35"…"""
    if status.status == "disabled" or status.state == "disabled":
        words = tr("Disabled")
        return Chip("disabled", "disabled", words, words)
    if now < status.sync_until:
        time = local_hhmm(status.sync_until)
        return Chip(
            "waiting",
            "waiting",
            tr("Waiting for network sync · until {time}").format(time=time),
            tr("Waiting for network sync until {time}").format(time=time),
        )
    words = tr("Ready")
    return Chip("ready", "ready", words, words)


def spoken_card(status: TokenStatus, now: float) -> str:
    """A token card's accessible name: "name, serial, state"."""
    return f"{status.name}, {serial_text(status)}, {state_chip(status, now).spoken}"
