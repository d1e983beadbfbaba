"""What a prescriber types when linking a hard token: its serial number and a passcode.

The help-center text: "The serial number for the token is located on the
back, below the bar code" and "The token OTP is always six digits and only
contains numbers."
"""

from __future__ import annotations

import re

from .errors import PasscodeEntryError, SerialError

SERIAL_MIN, SERIAL_MAX = 4, 32
_SERIAL = re.compile(r"[A-Z0-9]+")
_SEPARATORS = re.compile(r"[\s\-_./]+")
_PASSCODE = re.compile(r"[0-9]{6}")
_PASSCODE_GROUPS = re.compile(r"[0-9]+(?: [0-9]+)*")


def normalise_serial(text: str) -> str:
    """Upper-case the serial and drop spaces and dashes: ``gakt-0001 2345`` → ``GAKT00012345``."""
    if len(text) > 200:
        raise SerialError(
            "That serial number is far too long. Type the serial number from the back of the token."
        )
    cleaned = _SEPARATORS.sub("", text.strip()).upper()
    if not cleaned:
        raise SerialError("Enter the serial number from the back of the token, below the bar code.")
    if not cleaned.isascii() or not _SERIAL.fullmatch(cleaned):
        raise SerialError(
            "A serial number has only letters and digits. Check the serial number on the back "
            "of the token, below the bar code."
        )
    if not SERIAL_MIN <= len(cleaned) <= SERIAL_MAX:
        raise SerialError(
            f"A serial number has {SERIAL_MIN} to {SERIAL_MAX} letters and digits; this one has "
            f"{len(cleaned)}. Check the serial number on the back of the token."
        )
    return cleaned


def parse_passcode_entry(text: str) -> str:
    """Exactly six digits, with spaces between groups allowed (``123 456``)."""
    stripped = text.strip()
    if not stripped:
        raise PasscodeEntryError("Enter the six-digit passcode shown on the token.")
    if len(stripped) > 20 or not stripped.isascii() or not _PASSCODE_GROUPS.fullmatch(stripped):
        raise PasscodeEntryError(
            "A passcode has only digits. Press the token's button and type the six digits it shows."
        )
    digits = stripped.replace(" ", "")
    if not _PASSCODE.fullmatch(digits):
        raise PasscodeEntryError(
            f"A passcode has six digits; you typed {len(digits)}. "
            "Press the token's button and type the six digits it shows."
        )
    return digits
