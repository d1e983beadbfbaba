"""Token names: what the prescriber calls a token, and what help desks ask for."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from .errors import TokenNameError

MAX_NAME = 32


def clean_token_name(name: str, existing: Iterable[str] = ()) -> str:
    """Trimmed, at most 32 characters, printable, unique (ignoring case) among ``existing``."""
    cleaned = " ".join(unicodedata.normalize("NFC", name).split())
    if not cleaned:
        raise TokenNameError("Enter a name for your token.")
    if len(cleaned) > MAX_NAME:
        raise TokenNameError(
            "A token name has at most {most} characters; this one has {length}.",
            params={"most": MAX_NAME, "length": len(cleaned)},
        )
    if not cleaned.isprintable():
        raise TokenNameError("A token name cannot contain control characters.")
    if cleaned.casefold() in {other.casefold() for other in existing}:
        raise TokenNameError(
            "You already have a token named '{name}'. Choose another name.", params={"name": cleaned}
        )

    return cleaned
