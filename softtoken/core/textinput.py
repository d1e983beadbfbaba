"""Text from standard input and small text files: UTF-8, bounded, refused in one sentence.

The command-line front ends read links, PINs and passwords from standard
input. The real process's ``sys.stdin`` decodes with the locale's rules:
strictly under en_US.UTF-8 (a stray byte raises ``UnicodeDecodeError``), with
surrogate escapes under the C locale (a stray byte becomes a lone surrogate
that fails later, deep inside a parser or the KDF). Both front ends therefore
read the *bytes* and decode them here, once, with one rule: UTF-8 (a leading
byte-order mark is dropped), at most :data:`MAX_STDIN` bytes, else a
:class:`~softtoken.core.errors.TextInputError` (bad input, not a bug).
"""

from __future__ import annotations

from typing import IO, Any

from .errors import TextInputError

MAX_STDIN = 20 * 1024 * 1024  # an e-mail with an activation link fits many times over


def decode_text(data: bytes, where: str, what: str) -> str:
    """``data`` as UTF-8 text; ``where`` names the source ("standard input", a file name)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TextInputError(
            f"The {what} in {where} is not UTF-8 text; give it as plain text and try again."
        ) from None


def _checked_text(text: str, where: str, what: str) -> str:
    """Text already decoded by someone else: refuse the lone surrogates of undecodable bytes."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise TextInputError(
            f"The {what} in {where} is not UTF-8 text; give it as plain text and try again."
        ) from None
    return text.removeprefix("\ufeff")


def read_stdin_text(stream: IO[str] | Any | None, what: str, limit: int = MAX_STDIN) -> str:
    """All of ``stream`` (standard input) as text, for ``what`` ("PIN", "activation link").

    A closed standard input (``sys.stdin`` is None) reads as empty. The bytes
    underneath a text stream are read when there are any (the real process);
    an in-memory text stream (tests) is read as text and checked the same way.
    """
    where = "standard input"
    if stream is None:
        return ""
    binary = getattr(stream, "buffer", None)
    try:
        raw = binary.read(limit + 1) if binary is not None else stream.read(limit + 1)
    except OSError:
        raise TextInputError(
            f"Standard input could not be read for the {what}; give the {what} as plain text."
        ) from None
    except UnicodeDecodeError:  # a text stream without bytes underneath that decodes strictly
        raise TextInputError(
            f"The {what} in {where} is not UTF-8 text; give it as plain text and try again."
        ) from None
    if len(raw) > limit:
        raise TextInputError(
            "Standard input holds more than {size} bytes; give only the {what}.",
            params={"size": limit, "what": what},
        )
    if isinstance(raw, bytes):
        return decode_text(raw, where, what)
    return _checked_text(str(raw), where, what)
