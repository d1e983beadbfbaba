"""The child of test_tpm_crash.py: activates or protects tokens against swtpm until it is killed.

    python -m tests.tpm.crash_child HOME activate|protect

It prints "ready" once the vault is open, then works; nothing here cleans up, on purpose.
The TPM comes from TPM2TOOLS_TCTI, the device keys from the data folder's file keystore.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from softtoken.core.clock import FixedClock
from softtoken.core.otp import TokenType
from softtoken.core.policy import Policy
from softtoken.core.secret import Secret
from softtoken.core.token import TokenDescription
from softtoken.core.vault.crypto import KdfParams
from softtoken.core.vault.vault import Vault

PIN = "8642"
NOW = 1_800_000_000.0
KDF = KdfParams(memory_kib=8, iterations=1, parallelism=1)


def seed_of(name: str) -> bytes:
    return hashlib.sha1(f"crash test seed {name}".encode()).digest()


def description(name: str) -> TokenDescription:
    return TokenDescription(type=TokenType.TOTP, secret=Secret(seed_of(name)), issuer="ACME", account=name)


def open_vault(home: Path, **kwargs: object) -> Vault:
    return Vault(
        home,
        policy=Policy(device_key_store="file"),
        clock=FixedClock(NOW),
        kdf=KDF,
        **kwargs,  # type: ignore[arg-type]
    )


def warm_up() -> None:
    """Import what the first operation would import, so the kills land in the work itself."""
    import argon2.low_level  # noqa: F401
    import cryptography.hazmat.primitives.ciphers.aead
    import cryptography.hazmat.primitives.kdf.hkdf  # noqa: F401
    import pyotp  # noqa: F401
    import tpm2_pytss  # noqa: F401

    import softtoken.core.tpm.chip  # noqa: F401


def main() -> None:
    home, what = Path(sys.argv[1]), sys.argv[2]
    warm_up()
    vault = open_vault(home)
    names = [s.name for s in vault.status()] if vault.exists() else []
    print("ready", flush=True)
    if what == "activate":
        for number in range(len(names), len(names) + 50):
            vault.activate(description(f"t{number}"), f"t{number}", PIN, PIN)
            print(f"t{number}", flush=True)
    else:
        for name in names:
            vault.protect(name, PIN)
            print(name, flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
