"""Tokens in the TPM (swtpm): passcodes agree with oathtool, and the seed is in neither file nor objects."""

from __future__ import annotations

import base64
import contextlib
import gc
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from softtoken.core.clock import FixedClock
from softtoken.core.tpm.access import open_chip
from softtoken.core.vault import tpmlevel
from tests.keyrings import MemoryKeyring
from tests.oracles import needs_oathtool, oathtool_hotp, oathtool_totp
from tests.tpm.simulator import Swtpm, needs_swtpm
from tests.vaults import PIN, RFC_SEED, description, make_vault

pytestmark = [pytest.mark.tpm, needs_swtpm, needs_oathtool]

SEED32 = bytes(range(1, 33))  # a SHA-256 token's 32-byte seed
PINNED = (59, 1111111109, 1234567890, 2000000000, 20000000000)  # RFC 6238's times, and one past 2038


def token_record(home: Path) -> dict[str, object]:
    body = json.loads((home / "vault.stv").read_bytes().split(b"\n")[1])
    (token,) = body["tokens"]
    return dict(token)


@pytest.mark.parametrize(
    ("algorithm", "seed", "digits"),
    [("SHA1", RFC_SEED, 6), ("SHA1", RFC_SEED, 8), ("SHA256", SEED32, 6), ("SHA256", SEED32, 8)],
)
def test_totp_codes_come_from_the_tpm_and_match_oathtool(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path, algorithm: str, seed: bytes, digits: int
) -> None:
    clock = FixedClock(59)
    vault = make_vault(tmp_path / "data", memory_keyring, clock=clock)
    status = vault.activate(
        description(seed, extra=f"&algorithm={algorithm}&digits={digits}"), "ACME", PIN, PIN
    )
    assert (status.protection, status.protection_note) == ("tpm", "")
    record = token_record(tmp_path / "data")
    assert "wrapped_key" not in record and "sealed_seed" not in record
    assert record["header"]["protection"] == "tpm"  # type: ignore[index]
    for at in PINNED:
        clock.set_wall(at)
        codes = vault.unlock("ACME", PIN)
        current = codes.at(at)
        assert current is not None
        assert current.code == oathtool_totp(seed, at, algorithm, digits)
        assert codes.codes[1].code == oathtool_totp(seed, at + 30, algorithm, digits)


def test_totp_steps_are_read_once_the_authorization_is_made(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/vault-format.md: the steps come from the clock after ``auth``, just before TPM2_HMAC.

    Read when the unlock began, an unlock that ran across a step's end would show the
    step just begun first and then lock with no next passcode.
    """
    clock = FixedClock(58)
    vault = make_vault(tmp_path / "data", memory_keyring, clock=clock)
    assert vault.activate(description(), "ACME", PIN, PIN).protection == "tpm"
    made = tpmlevel.auth_value

    def slow_auth(*args: Any) -> Any:
        clock.advance(3)  # 58 -> 61: step 1 (30-60) ends while the unlock runs
        return made(*args)

    monkeypatch.setattr(tpmlevel, "auth_value", slow_auth)
    codes = vault.unlock("ACME", PIN)
    assert [(c.counter, c.code) for c in codes.codes] == [
        (2, oathtool_totp(RFC_SEED, 61)),
        (3, oathtool_totp(RFC_SEED, 91)),
    ]


def test_hotp_counter_is_kept_across_vaults_and_each_code_is_oathtools(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    home = tmp_path / "data"
    make_vault(home, memory_keyring).activate(description(kind="hotp"), "ACME", PIN, PIN)
    seen = []
    for _ in range(3):
        vault = make_vault(home, memory_keyring)  # a new Vault each time: the counter is on disk
        (code,) = vault.unlock("ACME", PIN).codes
        seen.append((code.counter, code.code))
    assert seen == [(c, oathtool_hotp(RFC_SEED, c)) for c in range(3)]
    assert token_record(home)["state"]["counter"] == 3  # type: ignore[index]


def _seed_spellings(seed: bytes) -> list[bytes]:
    return [
        seed,
        seed.hex().encode(),
        seed.hex().upper().encode(),
        base64.b32encode(seed).rstrip(b"="),
        base64.b64encode(seed).rstrip(b"="),
    ]


def test_the_seed_is_not_in_the_vault_file_or_its_backup(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    seed = bytes.fromhex("8f3c2a9d41e07b65c3d2f10e9a8b7c6d5e4f3a2b")
    home = tmp_path / "data"
    vault = make_vault(home, memory_keyring)
    vault.activate(description(seed), "ACME", PIN, PIN)
    vault.activate(description(SEED32), "Second", PIN, PIN)  # a write that makes a backup
    for path in home.iterdir():
        data = path.read_bytes()
        for spelling in _seed_spellings(seed):
            assert spelling not in data, path.name


def _live_buffers() -> list[bytes]:
    """Every bytes-like object the interpreter can reach from its tracked objects, and those."""
    from tpm2_pytss._libtpm2_pytss import ffi

    found: list[bytes] = []
    for obj in gc.get_objects():
        for item in (obj, *gc.get_referents(obj)):
            if isinstance(item, (bytes, bytearray)):
                found.append(bytes(item))
            elif isinstance(item, str) and 16 <= len(item) <= 1 << 20:
                found.append(item.encode("utf-8", "replace"))
            elif isinstance(item, ffi.CData):
                with contextlib.suppress(TypeError, ValueError):  # a pointer or a function: no bytes
                    found.append(bytes(ffi.buffer(item)))
    return found


class Needle:
    """A secret to look for without holding it: its first four bytes and the digest of the rest.

    Holding the seed itself would make the search find the test's own copy.
    """

    def __init__(self, secret: bytearray) -> None:
        self.size = len(secret)
        self.prefix = bytes(secret[:4])
        self.digest = hashlib.sha256(secret).digest()

    def found_in(self, data: bytes) -> bool:
        start = data.find(self.prefix)
        while start != -1:
            if hashlib.sha256(data[start : start + self.size]).digest() == self.digest:
                return True
            start = data.find(self.prefix, start + 1)
        return False


def test_after_activation_the_process_holds_no_copy_of_the_seed_it_can_reach(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    """What Python can check (SECURITY.md): no reachable object holds the seed after activation.

    The seed is made in a bytearray here, never as a link's base32 text (the link parser's
    own copies are SECURITY.md's known limit), handed to the vault, and wiped by its owner
    as every front end does. The scan covers bytes, bytearrays, text and tpm2-pytss's C
    structures reachable from the interpreter's objects; not freed memory (SECURITY.md).
    """
    from softtoken.core.otp import TokenType
    from softtoken.core.secret import Secret
    from softtoken.core.token import TokenDescription

    seed = bytearray(os.urandom(20))
    needles = [Needle(seed), Needle(bytearray(seed.hex().encode()))]
    token = TokenDescription(type=TokenType.TOTP, secret=Secret(seed), issuer="ACME", account="dr.jones")
    seed[:] = bytes(len(seed))
    vault = make_vault(tmp_path / "data", memory_keyring)
    status = vault.activate(token, "ACME", PIN, PIN)
    token.secret.wipe()
    assert status.protection == "tpm"
    vault.unlock("ACME", PIN)  # a passcode: the seed stays in the TPM
    kept = Secret(os.urandom(20))  # the control: a secret that is still alive is found
    control = Needle(kept.buffer)
    gc.collect()
    buffers = _live_buffers()
    assert any(control.found_in(b) for b in buffers)
    assert not [n for n in needles for b in buffers if n.found_in(b)]
    kept.wipe()


def test_activation_and_unlock_leave_no_object_loaded_in_the_tpm(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    vault = make_vault(tmp_path / "data", memory_keyring)
    vault.activate(description(), "ACME", PIN, PIN)
    vault.unlock("ACME", PIN)
    with open_chip() as chip:
        assert chip.transient_handles(sessions=True) == []


def test_a_vault_with_a_token_in_the_tpm_is_format_2_and_goes_back_to_1_without_one(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    """softtoken before issue 14 knows format 1 only: it says "update softtoken", never "damaged"."""
    from softtoken.core.policy import Policy

    home = tmp_path / "data"
    make_vault(home, memory_keyring, policy=Policy(protection="software")).activate(
        description(), "S", PIN, PIN
    )
    assert (home / "vault.stv").read_bytes().startswith(b"softtoken-vault 1\n")
    vault = make_vault(home, memory_keyring)
    vault.activate(description(SEED32), "T", PIN, PIN)
    data = (home / "vault.stv").read_bytes()
    assert data.startswith(b"softtoken-vault 2\n") and json.loads(data.split(b"\n")[1])["version"] == 2
    assert (
        vault.unlock("S", PIN).codes and vault.unlock("T", PIN).codes
    )  # the software token's AAD is unchanged
    vault.retire("T")
    assert (home / "vault.stv").read_bytes().startswith(b"softtoken-vault 1\n")
    assert vault.unlock("S", PIN).codes
