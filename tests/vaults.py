"""Helpers to make vaults in tests: cheap KDF by default, a pinned clock, an injected keystore."""

from __future__ import annotations

import base64
from pathlib import Path

from softtoken.core.activation.sources import tokens_from_text
from softtoken.core.clock import FixedClock
from softtoken.core.keystore import OsKeystore
from softtoken.core.policy import Policy
from softtoken.core.token import TokenDescription
from softtoken.core.vault.crypto import KdfParams
from softtoken.core.vault.vault import Vault
from tests.keyrings import MemoryKeyring

CHEAP = KdfParams(memory_kib=64, iterations=1, parallelism=1)
RFC_SEED = b"12345678901234567890"
PIN = "8642"


def link(seed: bytes = RFC_SEED, kind: str = "totp", extra: str = "", label: str = "ACME:dr.jones") -> str:
    secret = base64.b32encode(seed).decode()
    counter = "&counter=0" if kind == "hotp" and "counter=" not in extra else ""
    return f"otpauth://{kind}/{label}?secret={secret}&issuer=ACME{counter}{extra}"


def description(seed: bytes = RFC_SEED, kind: str = "totp", extra: str = "") -> TokenDescription:
    (token,) = tokens_from_text(link(seed, kind, extra))
    return token


def make_vault(
    home: Path,
    keyring: MemoryKeyring,
    *,
    clock: FixedClock | None = None,
    policy: Policy | None = None,
    kdf: KdfParams = CHEAP,
) -> Vault:
    return Vault(home, keystore=OsKeystore(keyring), clock=clock or FixedClock(59), policy=policy, kdf=kdf)


def leaked(secret: str, text: str) -> bool:
    """Whether ``secret`` appears in ``text``.

    A PIN or passcode is a short run of digits, which random hex or base64 (MACs,
    nonces, wrapped keys) contains by chance now and then: those count only as a
    word of their own ("pin=1357", "'1357'"), never inside a longer run of
    letters and digits. Longer secrets (seed encodings) count anywhere.
    """
    import re

    if secret.isdigit() and len(secret) <= 10:
        return re.search(rf"(?<![0-9A-Za-z+/]){secret}(?![0-9A-Za-z+/])", text) is not None
    return secret in text
