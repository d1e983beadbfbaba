"""core.digest: SHA-256 and HMAC-SHA256 without OpenSSL (core/digest.py says why).

RFC 4231's HMAC-SHA256 vectors (keys shorter than, as long as and longer than the
block, a truncated output), the same results as hashlib and hmac for any key and
message, a constant-time comparison, and the reason it exists: reading a vault
and its audit log loads no OpenSSL.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softtoken.core import digest

# RFC 4231, section 4: (key, data, HMAC-SHA256); case 5's output is truncated to 128 bits.
RFC4231 = [
    ("0b" * 20, b"Hi There".hex(), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    (
        b"Jefe".hex(),
        b"what do ya want for nothing?".hex(),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    ),
    ("aa" * 20, "dd" * 50, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    (
        "0102030405060708090a0b0c0d0e0f10111213141516171819",
        "cd" * 50,
        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
    ),
    ("0c" * 20, b"Test With Truncation".hex(), "a3b6167473100ee06e0c796c2955552b"),
    (
        "aa" * 131,
        b"Test Using Larger Than Block-Size Key - Hash Key First".hex(),
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    ),
    (
        "aa" * 131,
        b"This is a test using a larger than block-size key and a larger than block-size data. "
        b"The key needs to be hashed before being used by the HMAC algorithm.".hex(),
        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    ),
]


@pytest.mark.parametrize(("key", "data", "expected"), RFC4231)
def test_rfc4231_vectors(key: str, data: str, expected: str) -> None:
    made = digest.hmac_sha256(bytes.fromhex(key), bytes.fromhex(data)).hex()
    assert made[: len(expected)] == expected


@given(st.binary(max_size=300), st.binary(max_size=500))
def test_the_same_as_the_standard_librarys_hmac(key: bytes, message: bytes) -> None:
    expected = hmac.digest(key, message, "sha256")
    assert digest.hmac_sha256(key, message) == expected
    assert digest.hmac_sha256(bytearray(key), bytearray(message)) == expected


@given(st.binary(max_size=1000))
def test_sha256_is_hashlibs(data: bytes) -> None:
    assert digest.sha256(data) == hashlib.sha256(data).digest()
    assert digest.sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_compare_digest() -> None:
    mac = digest.hmac_sha256(b"key", b"message")
    assert digest.compare_digest(mac, bytearray(mac))
    assert not digest.compare_digest(mac, mac[:-1] + bytes([mac[-1] ^ 1]))
    assert not digest.compare_digest(mac, mac[:-1])
    assert digest.compare_digest.__doc__ and "time" in digest.compare_digest.__doc__


def test_reading_a_vault_and_its_audit_log_loads_no_openssl(tmp_path: Path) -> None:
    """What the locked token window does at start: open the vault, list and check its tokens."""
    from softtoken.core.policy import Policy
    from softtoken.core.vault.crypto import KdfParams
    from softtoken.core.vault.vault import Vault
    from tests.vaults import description

    home = tmp_path / "home"
    Vault(home, policy=Policy(device_key_store="file"), kdf=KdfParams(64, 1, 1)).activate(
        description(), "Work", "8642", "8642"
    )
    code = textwrap.dedent(
        f"""
        import json, sys
        from pathlib import Path
        from softtoken.core.policy import Policy
        from softtoken.core.vault.vault import Vault
        vault = Vault(Path({str(home)!r}), policy=Policy(device_key_store="file"))
        assert [status.name for status in vault.status()] == ["Work"]
        assert vault.audit_verify().ok
        vault.record_policy()
        print(json.dumps(sorted(m for m in sys.modules if m in ("_hashlib", "hashlib", "hmac", "_ssl"))))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_padded_keys_are_wiped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key's padded and masked copies are bytearrays overwritten before HMAC returns."""
    seen: list[object] = []
    real = digest._sha256

    def spy(data: object = b"") -> object:
        seen.append(data)
        return real(data)

    monkeypatch.setattr(digest, "_sha256", spy)
    key = bytes(range(1, 33))
    assert digest.hmac_sha256(key, b"message") == hmac.digest(key, b"message", "sha256")
    masked = [buffer for buffer in seen if isinstance(buffer, bytearray)]
    assert len(masked) == 2  # key ^ ipad, key ^ opad, both handed over as bytearrays
    assert all(buffer == bytearray(digest.BLOCK_SIZE) for buffer in masked)
