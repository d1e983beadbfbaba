"""SHA-256 and HMAC-SHA256 from the standard library's own SHA-256, without OpenSSL.

The first import of ``hashlib`` or ``hmac`` loads OpenSSL (libcrypto: about
3.4 MB resident for the whole session), and the locked token window needs only
SHA-256 and HMAC-SHA256 to check its vault file and audit log before it shows a
token (docs/performance.md). CPython also builds its own SHA-256 (``_sha256``
in 3.11, ``_sha2`` from 3.12): it is used here when present, ``hashlib``'s
otherwise (the same function, only more memory).

HMAC (RFC 2104) is written here rather than imported because ``hmac`` imports
OpenSSL at its top. It is the construction ``hmac.HMAC`` itself uses when
OpenSSL is missing (the key padded to the block, ``translate`` with the 0x36
and 0x5C tables), with the padded keys in wiped ``bytearray``s;
tests/unit/test_digest.py checks it against RFC 4231's
vectors and against ``hmac`` for many keys and lengths. The comparison is
CPython's constant-time one (``_operator._compare_digest``, which is what
``hmac.compare_digest`` is without OpenSSL).
"""

from __future__ import annotations

try:
    from _sha256 import sha256 as _sha256  # CPython 3.11
except ImportError:  # pragma: no cover - the Python in use decides
    try:
        from _sha2 import sha256 as _sha256  # CPython 3.12 and later
    except ImportError:
        from hashlib import sha256 as _sha256  # another Python: through OpenSSL

try:
    from _operator import _compare_digest
except ImportError:  # pragma: no cover - another Python
    from hmac import compare_digest as _compare_digest  # type: ignore[no-redef]

BLOCK_SIZE = 64  # SHA-256's block, in bytes
DIGEST_SIZE = 32
_INNER = bytes(x ^ 0x36 for x in range(256))
_OUTER = bytes(x ^ 0x5C for x in range(256))


def sha256(data: bytes) -> bytes:
    """SHA-256 of ``data``."""
    return bytes(_sha256(data).digest())


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data`` in lower-case hex, as ``hashlib.sha256(data).hexdigest()``."""
    return str(_sha256(data).hexdigest())


def hmac_sha256(key: bytes | bytearray | memoryview, message: bytes | bytearray | memoryview) -> bytes:
    """HMAC-SHA256 of ``message`` under ``key`` (RFC 2104), as ``hmac.digest(key, message, "sha256")``.

    The padded key and its two masked forms are ``bytearray``s overwritten before
    returning (the key is often a key-encryption key's HKDF input: SECURITY.md).
    """
    padded = bytearray(BLOCK_SIZE)
    inner_key = outer_key = bytearray()
    try:
        if len(key) > BLOCK_SIZE:
            padded[:DIGEST_SIZE] = _sha256(key).digest()
        else:
            padded[: len(key)] = key
        inner_key, outer_key = padded.translate(_INNER), padded.translate(_OUTER)
        inner = _sha256(inner_key)
        inner.update(message)
        outer = _sha256(outer_key)
        outer.update(inner.digest())
        return bytes(outer.digest())
    finally:
        for buffer in (padded, inner_key, outer_key):
            buffer[:] = bytes(len(buffer))


def compare_digest(a: bytes | bytearray, b: bytes | bytearray) -> bool:
    """``a == b`` in time that depends on their length only (for MACs and secrets)."""
    return bool(_compare_digest(a, b))
