"""HKDF-SHA256 is written out over core.digest's HMAC-SHA256 (core/vault/crypto.py says why): RFC 5869's
vectors, and the same output as cryptography's HKDF for any input."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from hypothesis import given
from hypothesis import strategies as st

from softtoken.core.vault import crypto


def test_rfc5869_test_case_3_no_salt_no_info() -> None:
    # RFC 5869 A.3: SHA-256, zero-length salt and info (no salt = HashLen zero bytes, as here).
    ikm = bytes.fromhex("0b" * 22)
    okm = "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
    assert crypto.hkdf(ikm, b"", 42).reveal().hex() == okm


@given(st.binary(max_size=200), st.binary(max_size=100), st.integers(min_value=1, max_value=255 * 32))
def test_the_same_as_cryptographys_hkdf(ikm: bytes, info: bytes, length: int) -> None:
    expected = HKDF(hashes.SHA256(), length, None, info).derive(ikm)
    assert crypto.hkdf(bytearray(ikm), info, length).reveal() == expected


@pytest.mark.parametrize("length", [0, 255 * 32 + 1])
def test_a_length_hkdf_cannot_make_is_refused(length: int) -> None:
    with pytest.raises(ValueError, match="length"):
        crypto.hkdf(b"key", b"info", length)
