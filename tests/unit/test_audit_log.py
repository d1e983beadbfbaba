"""The audit log stays tamper-evident, and a damaged log never stops a prescriber (issue 11, part 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from softtoken.core import errors
from softtoken.core.clock import FixedClock
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from tests.cli_runner import cli
from tests.keyrings import MemoryKeyring
from tests.oracles import oathtool_hotp
from tests.vaults import PIN, RFC_SEED, description, make_vault

WRONG = "1357"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "softtoken"


def _vault(home: Path, keyring: MemoryKeyring, kind: str = "totp") -> Vault:
    vault = make_vault(home, keyring, clock=FixedClock(1_800_000_000))
    vault.activate(description(kind=kind), "EPCS", PIN, PIN)
    return vault


def _lines(home: Path) -> list[bytes]:
    return (home / "audit.log").read_bytes().splitlines(keepends=True)


def _mirrored_seq(keyring: MemoryKeyring) -> int:
    (entry,) = [v for (s, u), v in keyring.entries.items() if s == "softtoken" and "/" not in u]
    return int(json.loads(entry)["audit_seq"])


def _events(vault: Vault) -> list[str]:
    return [r.get("event", "?") for r in vault.audit.records()]


@pytest.mark.parametrize("cut", ["end", "whole log"])
def test_records_cut_off_before_the_next_event_are_still_found(
    home: Path, memory_keyring: MemoryKeyring, cut: str
) -> None:
    vault = _vault(home, memory_keyring)
    with pytest.raises(errors.WrongPin):
        vault.unlock(None, WRONG)  # a security event: its record is mirrored
    mirrored = _mirrored_seq(memory_keyring)
    lines = _lines(home)
    if cut == "end":
        (home / "audit.log").write_bytes(b"".join(lines[:-2]))
    else:
        (home / "audit.log").unlink()
    with pytest.raises(errors.WrongPin):
        vault.unlock(None, WRONG)  # the next mirrored event must not paper over the cut
    assert _mirrored_seq(memory_keyring) > mirrored  # never lowered
    result = vault.audit_verify()
    assert not result.ok
    assert "went on from record" in result.problem
    assert ("cut off" if cut == "end" else "missing") in result.problem
    seqs = [r["seq"] for r in vault.audit.records()]
    assert seqs == sorted(seqs) and seqs[-1] == _mirrored_seq(memory_keyring)


def test_a_torn_tail_over_64_kib_is_cut_and_nothing_else(home: Path, memory_keyring: MemoryKeyring) -> None:
    vault = _vault(home, memory_keyring)
    before = _lines(home)
    with open(home / "audit.log", "ab") as log:
        log.write(b'{"seq": 3, "event": "unlocked", "details": {"x": "' + b"y" * 200_000)  # no newline
    assert vault.unlock(None, PIN).codes
    assert _lines(home)[: len(before)] == before
    assert _events(vault) == ["vault_created", "activated", "unlocked"]
    assert vault.audit_verify().ok


@pytest.mark.parametrize("kind", ["totp", "hotp"])
def test_a_damaged_last_record_does_not_cost_the_passcode(
    home: Path, memory_keyring: MemoryKeyring, kind: str
) -> None:
    vault = _vault(home, memory_keyring, kind)
    lines = _lines(home)
    lines[-1] = lines[-1].replace(b'"activated"', b'"activatex"')  # MAC no longer holds
    (home / "audit.log").write_bytes(b"".join(lines))
    codes = vault.unlock(None, PIN)
    expected = oathtool_hotp(RFC_SEED, 0) if kind == "hotp" else None
    if expected is not None:
        assert codes.codes[0].code == expected  # the counter's first code, shown, not burned
        assert vault.unlock(None, PIN).codes[0].code == oathtool_hotp(RFC_SEED, 1)
    assert _events(vault)[-2:] in (["audit_break", "unlocked"], ["unlocked", "unlocked"])
    assert "audit_break" in _events(vault)
    result = vault.audit_verify()
    assert not result.ok and "damaged" in result.problem
    assert "audit repair" in result.summary()


def test_audit_verify_and_the_support_card_say_so(home: Path, memory_keyring: MemoryKeyring) -> None:
    _vault(home, memory_keyring)
    (home / "audit.log").unlink()
    with pytest.raises(errors.WrongPin):
        make_vault(home, memory_keyring).unlock(None, WRONG)
    verify = cli("--home", home, "audit", "verify")
    assert verify.code == 1 and "FAILED" in verify.out and "missing" in verify.out
    card = cli("--home", home, "diagnostics", "--json")
    assert card.code == 0, card.err
    assert "missing" in json.loads(card.out)["audit"]


def test_audit_repair_keeps_the_damaged_log_beside_a_new_one(
    home: Path, memory_keyring: MemoryKeyring
) -> None:
    vault = _vault(home, memory_keyring)
    lines = _lines(home)
    lines[0] = lines[0].replace(b"vault_created", b"vault_deleted")
    (home / "audit.log").write_bytes(b"".join(lines))
    damaged = (home / "audit.log").read_bytes()
    assert not vault.audit_verify().ok
    repaired = cli("--home", home, "audit", "repair")
    assert repaired.code == 0, repaired.err
    kept = [p for p in home.iterdir() if p.name.startswith("audit.log.damaged")]
    assert len(kept) == 1 and kept[0].read_bytes().startswith(damaged)
    assert kept[0].name in repaired.out
    result = vault.audit_verify()
    assert result.ok and kept[0].name in result.summary()
    assert vault.unlock(None, PIN).codes
    assert vault.audit_verify().ok
    again = cli("--home", home, "audit", "repair")
    assert again.code == 0 and "nothing to repair" in again.out.lower()
    # a second damage and repair keeps both damaged copies
    (home / "audit.log").write_bytes(b"garbage\n")
    assert cli("--home", home, "audit", "repair").code == 0
    assert len([p for p in home.iterdir() if p.name.startswith("audit.log.damaged")]) == 2
    assert vault.audit_verify().ok


def test_every_policy_change_is_recorded(home: Path, memory_keyring: MemoryKeyring) -> None:
    """The digest covers the whole policy, not the first 32 bytes of its JSON."""
    _vault(home, memory_keyring)
    for policy in (Policy(), Policy(sync_window_minutes=30), Policy(ntp_server="time.example")):
        vault = make_vault(home, memory_keyring, policy=policy)
        vault.record_policy()
        vault.record_policy()  # unchanged: once
    policies = [r for r in make_vault(home, memory_keyring).audit.records() if r["event"] == "policy"]
    assert [(p["details"]["sync_window_minutes"], p["details"]["ntp_server"]) for p in policies] == [
        (60, ""),
        (30, ""),
        (60, "time.example"),
    ]


def test_an_unwritable_log_does_not_burn_an_hotp_code(
    home: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = _vault(home, memory_keyring, "hotp")

    def full_disk(*_: object, **__: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(vault.audit, "_append_line", full_disk)
    codes = vault.unlock(None, PIN)
    assert codes.codes[0].code == oathtool_hotp(RFC_SEED, 0)
    assert "audit log could not be written" in codes.audit_problem
    monkeypatch.undo()
    assert vault.unlock(None, PIN).codes[0].code == oathtool_hotp(RFC_SEED, 1)


def test_the_cli_shows_the_code_and_says_the_record_failed(
    home: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    from softtoken.core.audit import AuditLog

    _vault(home, memory_keyring)

    def full_disk(*_: object, **__: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(AuditLog, "_append_line", full_disk)
    result = cli("--home", home, "code", "--pin-stdin", stdin=PIN + "\n")
    assert result.code == 0, result.err
    assert result.out.strip().isdigit()
    assert "audit log could not be written" in result.err


class _CountingKeyring(MemoryKeyring):
    def __init__(self) -> None:
        super().__init__()
        self.reads: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.reads.append(username)
        return super().get_password(service, username)


def test_the_head_is_read_again_whenever_the_log_changed(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unchanged log (same file, size, mtime, ctime) proves the mirrored head unchanged;
    any other process's record, a cut or a deletion sends the check back to the keystore."""
    import keyring

    counting = _CountingKeyring()
    keyring.set_keyring(counting)
    vault = _vault(home, counting)
    vault.unlock(None, PIN)
    vault_entry = next(u for (_, u) in counting.entries if "/" not in u)
    counting.reads.clear()
    vault.unlock(None, PIN)
    assert vault_entry not in counting.reads  # routine: this process's own copy of the head
    other = make_vault(home, counting)
    with pytest.raises(errors.WrongPin):
        other.unlock(None, WRONG)  # another "process" appends and raises the head
    counting.reads.clear()
    vault.unlock(None, PIN)
    assert vault_entry in counting.reads  # the log changed: the head is read again
    lines = _lines(home)
    (home / "audit.log").write_bytes(b"".join(lines[:-3]))  # cut the wrong PIN's records off
    vault.unlock(None, PIN)
    assert not vault.audit_verify().ok
    assert "audit_break" in _events(vault)
