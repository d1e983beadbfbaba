"""privacyIDEA two-step activation: the app adds its own entropy to the seed.

The link carries the server part; the app makes ``client_size`` random bytes
and derives the seed as PBKDF2-HMAC-SHA1(password = the server part as a
lower-case hex string, salt = the client bytes, rounds = difficulty,
length = output size). The prescriber types the client part into the
issuer's page, which derives the same seed. PBKDF2 is always HMAC-SHA1 here,
whatever the token's own hash (privacyIDEA 3.14, ``lib/tokens/hotptoken.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from ..secret import Secret
from ..token import TokenDescription

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class TwoStepResult:
    token: TokenDescription  # the description with the final seed
    client_part: Secret  # what the prescriber types into the issuer's page

    def client_part_text(self) -> str:
        """The client part as privacyIDEA's "base32check" text, in groups of four.

        base32check = base32(sha1(client)[:4] + client), unpadded (``base32check``,
        which the help-desk console decodes); the checksum lets the issuer's page
        catch a typing mistake.
        """
        from .base32check import encode, group

        return group(encode(self.client_part.reveal()))


def derive_two_step_key(server_part: Secret, client_part: Secret, difficulty: int, output: int) -> Secret:
    password = bytearray(server_part.buffer.hex().encode("ascii"))
    try:
        import hashlib  # here, as secrets below

        key = hashlib.pbkdf2_hmac("sha1", password, client_part.buffer, difficulty, output)
    finally:
        password[:] = bytes(len(password))
    return Secret(key)


def complete_two_step(token: TokenDescription, client_part: Secret | None = None) -> TwoStepResult:
    params = token.two_step
    if params is None:
        raise ValueError("not a two-step activation")
    import secrets  # here: it loads OpenSSL, which the wizard's first steps do not need

    client = client_part if client_part is not None else Secret(secrets.token_bytes(params.client_size))
    key = derive_two_step_key(token.secret, client, params.difficulty, params.output_size)
    return TwoStepResult(token=token.with_secret(key, two_step=None), client_part=client)


def commit_activation(
    description: TokenDescription, commit: Callable[[TokenDescription, str], T]
) -> tuple[T, str]:
    """Activate ``description``, completing its two-step activation first if it asks for one.

    ``commit(final, client_part)`` writes the token (the vault's ``activate`` or
    ``replace``) with the final description; ``client_part`` is the activation
    code the prescriber types into the issuer's page ("" for a one-step
    activation). Returns what ``commit`` returned and that code, which is all a
    front end presents. The derived seed and the client part are wiped on every
    path: success, a refusal (a bad PIN, a reused seed) and any exception.
    ``description`` itself stays the caller's to wipe.
    """
    if description.two_step is None:
        return commit(description, ""), ""
    result = complete_two_step(description)
    try:
        client_part = result.client_part_text()
        return commit(result.token, client_part), client_part
    finally:
        result.token.secret.wipe()
        result.client_part.wipe()
