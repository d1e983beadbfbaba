"""What the help desk types on a call: passcodes and activation codes, in the words of that call.

core's :func:`parse_passcode_entry` speaks of a hard token ("press the token's
button"); for a soft token the passcode comes from the prescriber's app, so
the console says that instead.
"""

from __future__ import annotations

import math

from softtoken.core.activation.base32check import ClientPartError, decode, normalise
from softtoken.core.errors import PasscodeEntryError
from softtoken.core.hardtoken import parse_passcode_entry

DEFAULT_CLIENT_SIZE = 8  # privacyIDEA's 2step_clientsize default (bytes)


def app_passcode(text: str) -> str:
    """Six digits read from the prescriber's app (soft token)."""
    try:
        return parse_passcode_entry(text)
    except PasscodeEntryError:
        digits = "".join(c for c in text if c.isdigit())
        if text.strip() and all(c.isdigit() or c.isspace() for c in text.strip()):
            raise PasscodeEntryError(
                "A passcode has six digits; you typed {length}. Ask the prescriber to read the six "
                "digits the softtoken app shows now.",
                params={"length": len(digits)},
            ) from None
        raise PasscodeEntryError(
            "A passcode has six digits only. Ask the prescriber to read the six digits the softtoken "
            "app shows now."
        ) from None


def hard_passcode(text: str) -> str:
    """Six digits from a hard token's display (core's wording: press the button)."""
    return parse_passcode_entry(text)


def code_length(client_size: int) -> int:
    """Characters of the base32check code for a client part of ``client_size`` bytes (4 check bytes)."""
    return math.ceil((client_size + 4) * 8 / 5)


def activation_code(text: str, client_size: int = DEFAULT_CLIENT_SIZE) -> bytes:
    """The client part; a code with characters missing says so (before its checksum is blamed)."""
    cleaned = normalise(text)
    want = code_length(client_size)
    if len(cleaned) < want:
        raise ClientPartError(
            "That activation code is too short: it has {got} characters, the token expects {want} "
            "(groups of four, so {groups} missing). Ask the prescriber to read all the groups again.",
            params={"got": len(cleaned), "want": want, "groups": _groups_missing(len(cleaned), want)},
        )
    return decode(cleaned)


def _groups_missing(got: int, want: int) -> str:
    missing = math.ceil((want - got) / 4)
    return "one group is" if missing == 1 else f"{missing} groups are"
