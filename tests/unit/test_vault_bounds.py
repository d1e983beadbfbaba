"""Work on an unauthenticated header is bounded, and a backup is checked before it is used.

Issue 11, parts 6 and 7: Argon2 started before the file's MAC is checked may
only run at a cost this softtoken would write itself, the file format accepts
no more than that, and ``restore_backup`` never puts back a file that does not
authenticate nor overwrites an earlier damaged copy.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from softtoken.core import errors
from softtoken.core.clock import FixedClock
from softtoken.core.secret import Secret
from softtoken.core.vault import crypto, unlocking
from softtoken.core.vault.crypto import DEFAULT_KDF, KDF_LIMITS, KdfParams
from softtoken.core.vault.vault import Vault
from tests.keyrings import MemoryKeyring
from tests.vaults import CHEAP, PIN, description, make_vault


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "softtoken"


def _edit_header_kdf(home: Path, **kdf: int) -> None:
    """Change the KDF cost in the (unauthenticated) file, as an attacker or a bad disk would."""
    lines = (home / "vault.stv").read_bytes().split(b"\n")
    body = json.loads(lines[1])
    body["tokens"][0]["header"]["kdf"].update(kdf)
    lines[1] = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    (home / "vault.stv").write_bytes(b"\n".join(lines))


def test_the_format_accepts_no_cost_above_what_softtoken_writes() -> None:
    assert {
        "m": (8, DEFAULT_KDF.memory_kib),
        "t": (1, DEFAULT_KDF.iterations),
        "p": (1, DEFAULT_KDF.parallelism),
    } == KDF_LIMITS
    with pytest.raises(ValueError, match="KDF cost"):
        Vault(Path("/nonexistent"), kdf=KdfParams(DEFAULT_KDF.memory_kib * 2, 3, 4))


@pytest.mark.parametrize(
    "cost",
    [
        {"m": 4 * 1024 * 1024},  # 4 GiB: what the issue saw cost 4.1 GB and 52 s
        {"t": 64},
        {"p": 64},
        {"m": 256},  # within the format, but above this vault's own cost (CHEAP: 64 KiB)
    ],
)
def test_no_early_argon2_for_an_edited_costly_header(
    home: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, cost: dict[str, int]
) -> None:
    vault = make_vault(home, memory_keyring)
    vault.activate(description(), "t", PIN, PIN)
    _edit_header_kdf(home, **cost)
    started: list[KdfParams] = []

    def watched(pin: str, salt: bytes, params: KdfParams) -> Secret:
        started.append(params)  # and do not really spend 4 GiB
        return Secret(bytes(32))

    monkeypatch.setattr(crypto, "argon2id", watched)
    with pytest.raises(errors.VaultCorrupt):
        vault.unlock(None, PIN)
    assert started == []  # nothing ran at the edited cost, before or after the MAC check


def test_early_argon2_still_runs_at_the_vaults_own_cost(home: Path, memory_keyring: MemoryKeyring) -> None:
    vault = make_vault(home, memory_keyring)
    vault.activate(description(), "t", PIN, PIN)
    early = unlocking.start_stretching(vault.file, None, PIN, CHEAP)
    assert early is not None and early.params == CHEAP
    early.discard()


def test_a_backup_that_fails_its_mac_is_never_restored(home: Path, memory_keyring: MemoryKeyring) -> None:
    vault = make_vault(home, memory_keyring, clock=FixedClock(10**6))
    vault.activate(description(), "t", PIN, PIN)
    vault.unlock(None, PIN)  # a second generation: now there is a backup
    current = (home / "vault.stv").read_bytes()
    backup = bytearray((home / "vault.stv.bak").read_bytes())
    backup[40] ^= 1
    (home / "vault.stv.bak").write_bytes(bytes(backup))
    with pytest.raises(errors.VaultCorrupt):
        vault.restore_backup()
    assert (home / "vault.stv").read_bytes() == current
    assert not list(home.glob("vault.stv.damaged*"))


def test_a_backup_from_another_vault_is_never_restored(
    tmp_path: Path, home: Path, memory_keyring: MemoryKeyring
) -> None:
    vault = make_vault(home, memory_keyring, clock=FixedClock(10**6))
    vault.activate(description(), "t", PIN, PIN)
    other = make_vault(tmp_path / "other", MemoryKeyring(), clock=FixedClock(10**6))
    other.activate(description(), "t", PIN, PIN)
    other.unlock(None, PIN)
    (home / "vault.stv.bak").write_bytes((tmp_path / "other" / "vault.stv.bak").read_bytes())
    with pytest.raises(errors.KeystoreEntryMissing):
        vault.restore_backup()
    assert vault.unlock(None, PIN).codes


def test_each_restore_keeps_its_own_damaged_copy(home: Path, memory_keyring: MemoryKeyring) -> None:
    vault = make_vault(home, memory_keyring, clock=FixedClock(10**6))
    vault.activate(description(), "t", PIN, PIN)
    kept = []
    for damage in (b"first damage", b"second damage"):
        vault.unlock(None, PIN)
        (home / "vault.stv").write_bytes(damage)
        with pytest.raises(errors.VaultCorrupt):
            vault.load()
        vault.restore_backup()
        assert vault.unlock(None, PIN).codes
        kept.append(damage)
    copies = sorted(home.glob("vault.stv.damaged*"))
    assert sorted(p.read_bytes() for p in copies) == sorted(kept)
    for copy in copies:
        assert copy.stat().st_mode & 0o777 == 0o600


def test_the_salt_in_an_edited_header_is_not_trusted(home: Path, memory_keyring: MemoryKeyring) -> None:
    """An edited salt only wastes the early work: the authenticated file decides."""
    vault = make_vault(home, memory_keyring)
    vault.activate(description(), "t", PIN, PIN)
    _edit_header_kdf(home)
    lines = (home / "vault.stv").read_bytes().split(b"\n")
    body = json.loads(lines[1])
    body["tokens"][0]["header"]["kdf"]["salt"] = base64.b64encode(bytes(16)).decode()
    lines[1] = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    (home / "vault.stv").write_bytes(b"\n".join(lines))
    with pytest.raises(errors.VaultCorrupt):
        vault.unlock(None, PIN)
