"""The names a help desk types about a prescriber: a user name and a token serial.

Both are checked here, before anything is sent to an issuer. An empty user
name is the dangerous one: privacyIDEA reads ``user=`` as "no user filter", so
``status ""`` listed every token on the server and ``replace ""`` could reach
another prescriber's token. A serial pasted from a mail or a PDF often carries
a typographic dash or a non-breaking space: the message names that character,
so the help desk knows what to retype.
"""

from __future__ import annotations

import re
import unicodedata

from softtoken.core.errors import InputError, SerialError
from softtoken.core.hardtoken import normalise_serial

USER_MAX = 128
# Letters and digits of any script, and the punctuation directory user names use.
_USER = re.compile(r"[^\W_][\w.@+'-]*")


class UserNameError(InputError):
    """A user name is blank, has spaces or characters no directory uses, or is far too long."""


def _character(char: str) -> str:
    name = unicodedata.name(char, "").lower()
    code = f"U+{ord(char):04X}"
    if not name:
        return code
    return f"'{char}' ({name}, {code})" if char.isprintable() and not char.isspace() else f"a {name} ({code})"


def check_user_name(text: str) -> str:
    """The user name as typed, or :class:`UserNameError`; never stripped silently."""
    if not text or not text.strip():
        raise UserNameError(
            "Give the prescriber's user name; an empty one would mean every user on the issuer."
        )
    if len(text) > USER_MAX:
        raise UserNameError(
            "A user name has at most {most} characters; this one has {length}.",
            params={"most": USER_MAX, "length": len(text)},
        )
    if text != text.strip() or any(c.isspace() for c in text):
        raise UserNameError(
            "A user name has no spaces; check the prescriber's user name and type it without spaces."
        )
    if not _USER.fullmatch(text):
        odd = next((c for c in text if not (c.isalnum() or c in "._@+'-")), text[0])
        raise UserNameError(
            "A user name has letters, digits and . _ @ + ' - only (starting with a letter or digit); "
            "this one has {character}. Check the prescriber's user name.",
            params={"character": _character(odd)},
        )
    return text


def serial_from_text(text: str) -> str:
    """:func:`normalise_serial`, but a typographic dash or space is named, not just refused."""
    for char in text:
        if char.isascii():
            continue
        if unicodedata.category(char) in ("Pd", "Zs"):
            what = "dash" if unicodedata.category(char) == "Pd" else "space"
            raise SerialError(
                "The serial contains {character}, a typographic {what} (copied from a "
                "document?); type the serial again with a plain hyphen (-) or without it.",
                params={"character": _character(char), "what": what},
            )
        raise SerialError(
            "The serial contains {character}; a serial has only the letters A-Z and "
            "digits. Check the serial number on the back of the token.",
            params={"character": _character(char)},
        )
    return normalise_serial(text)
