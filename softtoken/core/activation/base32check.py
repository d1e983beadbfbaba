"""privacyIDEA's "base32check": how the app shows the client part of a two-step activation.

base32check(payload) = base32(sha1(payload)[:4] + payload), without padding.
The app shows it in groups of four ("ES3B CTCU GH4P 4RQV XUMA"); the four
checksum bytes catch a typing mistake before anything is sent to the issuer.
One implementation for both sides: the app encodes (``twostep``), the
help-desk console decodes what the prescriber reads out (``finish-two-step``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

from ..errors import ClientPartError

_ALPHABET = re.compile(r"[A-Z2-7]+")
_SEPARATORS = re.compile(r"[\s\-]+")
MAX_TEXT = 200


__all__ = ["MAX_TEXT", "ClientPartError", "decode", "encode", "group", "normalise"]


def encode(payload: bytes) -> str:
    raw = hashlib.sha1(payload, usedforsecurity=False).digest()[:4] + payload
    return base64.b32encode(raw).decode("ascii").rstrip("=")


def group(text: str) -> str:
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise(text: str) -> str:
    """Drop spaces and dashes, upper-case: 'es3b ctcu-gh4p' -> 'ES3BCTCUGH4P'."""
    if len(text) > MAX_TEXT:
        raise ClientPartError("That activation code is far too long. Type the code the app shows.")
    cleaned = _SEPARATORS.sub("", text).upper()
    if not cleaned:
        raise ClientPartError("Type the activation code the prescriber's app shows (groups of four).")
    if not cleaned.isascii() or not _ALPHABET.fullmatch(cleaned):
        raise ClientPartError(
            "An activation code has only letters A-Z and digits 2-7 (no 0, 1, 8 or 9). "
            "Ask the prescriber to read it again."
        )
    return cleaned


def decode(text: str) -> bytes:
    """The payload; raises :class:`ClientPartError` for a malformed code or a wrong checksum."""
    cleaned = normalise(text)
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (binascii.Error, ValueError):
        raise ClientPartError(
            "That activation code has the wrong number of characters. Ask the prescriber to read "
            "all the groups again."
        ) from None
    if len(raw) < 5:
        raise ClientPartError("That activation code is too short. Ask the prescriber to read all the groups.")
    checksum, payload = raw[:4], raw[4:]
    if hashlib.sha1(payload, usedforsecurity=False).digest()[:4] != checksum:
        raise ClientPartError(
            "That activation code has a typing mistake (its check digits do not match). "
            "Ask the prescriber to read it again, group by group."
        )
    return payload
