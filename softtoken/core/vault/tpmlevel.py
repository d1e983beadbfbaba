"""The ``tpm`` protection level: the seed is an HMAC key inside the computer's TPM (vault-format.md).

At activation the seed becomes a keyed-hash object under the TPM's storage
primary key (``core/tpm/chip.py``); the file keeps only the TPM's wrapped
private part and the public part, which no other TPM can load. The object's
authorization value is

    auth = HKDF-SHA256(ikm = UTF-8(PIN) ‖ device key, salt = none,
                       info = "softtoken/1/tpm-auth/" + AAD, 32 bytes)

with the keystore's device key and AAD as for software tokens (the vault id
and the canonical header): a copied file without the keystore entry gives no
authorization to try, and a copied file and keystore without this TPM give no
object to try it on. Argon2id is not used: every guess is a TPM command the
TPM rate-limits itself (its dictionary-attack lockout), so stretching would
only slow the prescriber down.

A passcode is ``TPM2_HMAC(counter as 8 bytes, big-endian)`` and RFC 4226's
dynamic truncation, here; the seed never comes back from the TPM.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..secret import Secret
from ..tpm.errors import AuthFailed, ChipMismatch, InLockout
from ..tpm.lockout import chip_locked_out
from . import crypto
from .model import TokenRecord, aad, b64, corrupt_error, unb64

if TYPE_CHECKING:
    from .keys import TokenEntry
    from .protection import Counters
    from .session import Session
    from .unlocking import EarlyStretch

NAME = "tpm"
AUTH_INFO = b"softtoken/1/tpm-auth/"
SOFTWARE_FIELDS = ("kdf", "wrap_nonce", "seed_nonce")  # a software header's; a TPM token has none


def auth_value(session: Session, header: dict[str, Any], pin: str, device_key: Secret) -> Secret:
    """The TPM object's authorization: the PIN and the device key, bound to this vault and header."""
    ikm = bytearray(pin.encode("utf-8")) + device_key.buffer  # the str PIN itself cannot be wiped
    try:
        return crypto.hkdf(ikm, AUTH_INFO + aad(session.doc.vault_id, header))
    finally:
        ikm[:] = bytes(len(ikm))


def seal(session: Session, record: TokenRecord, pin: str, device_key: Secret, seed: Secret) -> None:
    """Make ``seed`` an HMAC key in the TPM; only the TPM's blobs go into ``record``."""
    for name in SOFTWARE_FIELDS:
        record.header.pop(name, None)
    record.header["protection"] = NAME
    record.header.pop("protection_note", None)
    chip = session.chip()
    with auth_value(session, record.header, pin, device_key) as auth:
        blobs = chip.create_hmac_key(str(record.header["algorithm"]), seed.buffer, auth.buffer)
    record.tpm_private = b64(blobs.private)
    record.tpm_public = b64(blobs.public)
    record.wrapped_key = None
    record.sealed_seed = None


def truncate(digest: bytes, digits: int) -> str:
    """RFC 4226 section 5.3, dynamic truncation of an HMAC value."""
    offset = digest[-1] & 0x0F
    value = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def mismatch(token: TokenRecord) -> ChipMismatch:
    return ChipMismatch(
        "Token '{name}' is kept in another computer's TPM security chip, or this computer's chip was "
        "reset, so it cannot be used here; replace the token.",
        params={"name": token.name},
    )


class TpmUnlock:
    """One unlock of a TPM token. Made before the try is counted: refusals here cost no try.

    The TPM's own lockout (read from its properties) and a key this TPM cannot load
    (a copied data folder) are refused without counting and without any PIN check.
    """

    def __init__(self, session: Session, token: TokenRecord) -> None:
        from ..tpm.chip import KeyBlobs, NotThisChip

        self.session = session
        self.token = token
        self.rewrapped = False
        self.chip = session.chip()
        state = self.chip.lockout()
        if state.in_lockout:
            raise chip_locked_out(state)
        damaged = corrupt_error(str(session.vault.file.path), None)  # the file MAC held: written so
        blobs = KeyBlobs(
            unb64(token.tpm_private or "", "private", damaged),
            unb64(token.tpm_public or "", "public", damaged),
        )
        try:
            self.handle = self.chip.load(blobs)
        except NotThisChip:
            raise mismatch(token) from None

    def codes(
        self, pin: str, entry: TokenEntry, early: EarlyStretch | None, counters: Counters
    ) -> list[tuple[int, str]] | None:
        """(counter, passcode) for each of ``counters()``, or None when the TPM refused the PIN."""
        h = self.token.header
        with auth_value(self.session, h, pin, entry.key) as auth:
            steps = counters()  # read once ``auth`` is made, just before the TPM computes
            messages = [counter.to_bytes(8, "big") for counter in steps]
            try:
                digests = self.chip.hmac(self.handle, auth.buffer, messages, str(h["algorithm"]))
            except AuthFailed:
                return None
            except InLockout:
                # The TPM went into lockout after our check (another program's failures):
                # it checked nothing, so the try counted for it is taken back.
                entry.failures = max(entry.failures - 1, 0)
                self.session.keys.save_token_entry(self.session.doc.vault_id, self.token, entry)
                raise chip_locked_out(self.chip.lockout()) from None
        return [(c, truncate(d, int(h["digits"]))) for c, d in zip(steps, digests, strict=True)]

    def close(self) -> None:
        pass  # the chip (and the loaded key with it) is flushed when the session ends
