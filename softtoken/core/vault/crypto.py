"""The vault's primitives (docs/vault-format.md): Argon2id, HKDF, AES-256-GCM, HMAC.

Heavy modules (cryptography, argon2) are imported inside the functions so
that start-up does not pay for them. Keys are ``bytearray``s the caller wipes.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from .. import digest
from ..secret import Secret

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16


@dataclass(frozen=True, order=True)
class KdfParams:
    """Argon2id cost. The default is RFC 9106's second recommended profile."""

    memory_kib: int = 65536
    iterations: int = 3
    parallelism: int = 4

    def weaker_than(self, other: KdfParams) -> bool:
        return (
            self.memory_kib < other.memory_kib
            or self.iterations < other.iterations
            or self.parallelism < other.parallelism
        )

    def header(self, salt: bytes) -> dict[str, Any]:
        import base64

        return {
            "alg": "argon2id",
            "v": 19,
            "m": self.memory_kib,
            "t": self.iterations,
            "p": self.parallelism,
            "salt": base64.b64encode(salt).decode("ascii"),
        }


DEFAULT_KDF = KdfParams()
# Bounds for parameters read from a file: at most what softtoken ever writes
# (DEFAULT_KDF). Anything outside is corruption, so an edited header cannot make
# the app allocate gigabytes or spin for minutes. A later softtoken that raises
# the cost raises these bounds with a new format version.
KDF_LIMITS = {
    "m": (8, DEFAULT_KDF.memory_kib),
    "t": (1, DEFAULT_KDF.iterations),
    "p": (1, DEFAULT_KDF.parallelism),
}


def within_limits(params: KdfParams) -> bool:
    values = {"m": params.memory_kib, "t": params.iterations, "p": params.parallelism}
    return all(low <= values[key] <= high for key, (low, high) in KDF_LIMITS.items())


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def random_bytes(size: int) -> bytes:
    return os.urandom(size)


def argon2id(pin: str, salt: bytes, params: KdfParams) -> Secret:
    from argon2.low_level import Type, hash_secret_raw

    # argon2-cffi wants bytes: this copy of the PIN cannot be wiped (SECURITY.md).
    raw = hash_secret_raw(
        pin.encode("utf-8"),
        salt,
        time_cost=params.iterations,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
        version=19,
    )
    return Secret(raw)


def hkdf(ikm: bytearray | bytes, info: bytes, length: int = KEY_BYTES) -> Secret:
    """HKDF-SHA256 (RFC 5869) with no salt, over core.digest's HMAC-SHA256.

    Written out rather than taken from ``cryptography``: these six lines are the
    whole algorithm, and a locked token window that only authenticates the vault
    file would otherwise load cryptography's Rust extension (~8 MB of memory) for
    them (nor OpenSSL, through ``hmac``: see core/digest.py). Checked against
    RFC 5869's vectors and, in the tests' reference decryptor, against
    cryptography's HKDF.
    """
    if not 0 < length <= 255 * digest.DIGEST_SIZE:
        raise ValueError("HKDF-SHA256 length out of range")
    prk = bytearray(digest.hmac_sha256(bytes(KEY_BYTES), ikm))  # extract; no salt = zeros
    out, block, counter = bytearray(), b"", 1
    try:
        while len(out) < length:  # expand
            block = digest.hmac_sha256(prk, block + info + bytes([counter]))
            out += block
            counter += 1
        return Secret(memoryview(out)[:length])
    finally:
        prk[:] = bytes(len(prk))
        out[:] = bytes(len(out))


def derive_kek(stretched_pin: Secret, device_key: Secret, token_id: str) -> Secret:
    ikm = bytearray(stretched_pin.buffer) + device_key.buffer
    try:
        return hkdf(ikm, b"softtoken/1/kek/" + token_id.encode("ascii"))
    finally:
        ikm[:] = bytes(len(ikm))


def gcm_encrypt(key: Secret, nonce: bytes, plaintext: bytearray | bytes, aad: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key.buffer).encrypt(nonce, plaintext, aad)


def gcm_decrypt(key: Secret, nonce: bytes, ciphertext: bytes, aad: bytes) -> Secret | None:
    """The plaintext, or None when the tag does not verify (wrong key or altered data)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return Secret(AESGCM(key.buffer).decrypt(nonce, ciphertext, aad))
    except InvalidTag:
        return None


def mac(key: Secret, data: bytes | bytearray) -> bytes:
    return digest.hmac_sha256(key.buffer, data)


def mac_equal(a: bytes, b: bytes) -> bool:
    return digest.compare_digest(a, b)
