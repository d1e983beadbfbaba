"""Base32 seeds as issuers really write them: lower case, spaced, padded or not."""

from __future__ import annotations

import base64
import binascii
import re

from ..errors import LinkError
from ..secret import Secret

_B32 = re.compile(r"[A-Z2-7]*")


def decode_base32_secret(text: str) -> Secret:
    cleaned = "".join(text.split()).replace("-", "").upper().rstrip("=")
    if not cleaned:
        raise LinkError(
            "The link has an empty secret: it may have been cut short. "
            "Copy the whole link from the issuer's e-mail again."
        )
    if not _B32.fullmatch(cleaned) or len(cleaned) % 8 in (1, 3, 6):
        raise LinkError(
            "The secret in the link is not valid (it must be base32: letters A-Z and digits 2-7). "
            "The link may have been changed or cut short; copy it again from the issuer's e-mail."
        )
    padded = cleaned + "=" * (-len(cleaned) % 8)
    try:
        return Secret(base64.b32decode(padded))
    except (binascii.Error, ValueError):
        raise LinkError(
            "The secret in the link is not valid base32. "
            "The link may have been changed or cut short; copy it again from the issuer's e-mail."
        ) from None
