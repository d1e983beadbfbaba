"""The ``software`` protection level: Argon2id(PIN) and the keystore's device key (vault-format.md).

The seed is sealed with AES-256-GCM under a random token key, which is
wrapped under a KEK that needs both the PIN (stretched by Argon2id) and the
device key; a wrong PIN fails the wrapping's tag. Used where there is no
usable TPM, for algorithms the TPM lacks, and by policy (``protection``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..otp import Algorithm, hotp
from ..secret import Secret
from . import crypto
from .model import TokenRecord, aad, b64, corrupt_error, unb64

if TYPE_CHECKING:
    from .keys import TokenEntry
    from .protection import Counters
    from .session import Session
    from .unlocking import EarlyStretch

NAME = "software"


def seal(session: Session, record: TokenRecord, pin: str, device_key: Secret, seed: Secret) -> None:
    with Secret(crypto.random_bytes(32)) as token_key:
        wrap(session, record, pin, device_key, token_key, seed)


def wrap(
    session: Session, record: TokenRecord, pin: str, device_key: Secret, token_key: Secret, seed: Secret
) -> None:
    """(Re)derive the KEK from ``pin`` and seal the token key and seed under a fresh header."""
    kdf = session.vault.kdf
    salt = crypto.random_bytes(crypto.SALT_BYTES)
    wrap_nonce = crypto.random_bytes(crypto.NONCE_BYTES)
    seed_nonce = crypto.random_bytes(crypto.NONCE_BYTES)
    record.header.update(kdf=kdf.header(salt), wrap_nonce=b64(wrap_nonce), seed_nonce=b64(seed_nonce))
    associated = aad(session.doc.vault_id, record.header)
    with (
        crypto.argon2id(pin, salt, kdf) as stretched,
        crypto.derive_kek(stretched, device_key, record.token_id) as kek,
    ):
        record.wrapped_key = b64(crypto.gcm_encrypt(kek, wrap_nonce, token_key.buffer, associated))
    record.sealed_seed = b64(crypto.gcm_encrypt(token_key, seed_nonce, seed.buffer, associated))


class SoftwareUnlock:
    """One unlock of a software token: the PIN opens the token key, which opens the seed."""

    def __init__(self, session: Session, token: TokenRecord) -> None:
        self.session = session
        self.token = token
        self.rewrapped = False

    def open_seed(self, pin: str, entry: TokenEntry, early: EarlyStretch | None) -> Secret | None:
        """The seed (the caller wipes it), or None for a wrong PIN; the token key is wiped here.

        A token whose Argon2 cost is below the vault's is rewrapped on the way (``rewrapped``).
        """
        session, token, device_key = self.session, self.token, entry.key
        stretched = early.result_for(token) if early is not None else None
        if stretched is None:
            stretched = crypto.argon2id(pin, token.kdf_salt, token.kdf)
        associated = aad(session.doc.vault_id, token.header)
        wrap_nonce = unb64(token.header["wrap_nonce"], "nonce", ValueError())
        with stretched, crypto.derive_kek(stretched, device_key, token.token_id) as kek:
            token_key = crypto.gcm_decrypt(
                kek, wrap_nonce, unb64(token.wrapped_key or "", "key", ValueError()), associated
            )
        if token_key is None:
            return None
        with token_key as key:
            seed = crypto.gcm_decrypt(
                key,
                unb64(token.header["seed_nonce"], "nonce", ValueError()),
                unb64(token.sealed_seed or "", "seed", ValueError()),
                associated,
            )
            if seed is None:  # the key unwrapped but the seed does not open: the file is bad
                raise corrupt_error(str(session.vault.file.path), None)
            if token.kdf.weaker_than(session.vault.kdf):
                wrap(session, token, pin, device_key, key, seed)
                self.rewrapped = True
        return seed

    def codes(
        self, pin: str, entry: TokenEntry, early: EarlyStretch | None, counters: Counters
    ) -> list[tuple[int, str]] | None:
        """(counter, passcode) for each of ``counters()``, or None for a wrong PIN.

        The seed is wiped before this returns.
        """
        seed = self.open_seed(pin, entry, early)
        if seed is None:
            return None
        h = self.token.header
        algorithm, digits = Algorithm(h["algorithm"]), int(h["digits"])
        with seed:
            return [(c, hotp(seed, c, algorithm=algorithm, digits=digits)) for c in counters()]

    def close(self) -> None:
        pass
