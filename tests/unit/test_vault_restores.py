"""A restored copy of the data folder never costs a prescriber their token, and never buys time.

Backups, profile restores and IT copying a profile put older copies of
``vault.stv``, ``vault.stv.bak`` and ``audit.log`` back. Only real wrong PINs
may count, a restore may neither reset the count nor invent failures, and a
lockout wait is kept by state an old file cannot roll back, on two clocks
(issue 11, parts 1 and 2; docs/vault-format.md, "Wrong PINs and lockout").
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from softtoken.core import errors
from softtoken.core.clock import FixedClock
from softtoken.core.policy import Policy
from softtoken.core.vault.lockout import wait_after
from softtoken.core.vault.vault import Vault
from tests.cli_runner import cli
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, link, make_vault

WRONG = "1357"
FILES = ("vault.stv", "vault.stv.bak", "audit.log")


def _copy(home: Path, to: Path) -> None:
    to.mkdir()
    for name in FILES:
        if (home / name).exists():
            shutil.copy2(home / name, to / name)


def _restore(copy: Path, home: Path) -> None:
    for name in FILES:
        if (copy / name).exists():
            shutil.copy2(copy / name, home / name)
        else:
            (home / name).unlink(missing_ok=True)


def _wrong(vault: Vault, clock: FixedClock) -> errors.WrongPin:
    """A real wrong PIN, made after any wait is over."""
    clock.advance(601)
    with pytest.raises(errors.WrongPin) as info:
        vault.unlock(None, WRONG)
    return info.value


def _right(vault: Vault, clock: FixedClock) -> None:
    clock.advance(601)
    assert vault.unlock(None, PIN).codes


@pytest.mark.parametrize("limit", [3, 10])
@pytest.mark.parametrize("successes", range(21))
@pytest.mark.parametrize("wrong_before", [0, 1, 2])
def test_a_restore_from_before_right_pins_never_counts_them(
    tmp_path: Path, memory_keyring: MemoryKeyring, limit: int, successes: int, wrong_before: int
) -> None:
    wrong_before = min(wrong_before, limit - 1)
    home, copy = tmp_path / "home", tmp_path / "backup"
    clock = FixedClock(1_800_000_000)
    vault = make_vault(home, memory_keyring, clock=clock, policy=Policy(max_attempts=limit))
    vault.activate(description(), "EPCS", PIN, PIN)
    for _ in range(wrong_before):
        _wrong(vault, clock)
    _copy(home, copy)  # the backup: taken with `wrong_before` wrong PINs counted
    for _ in range(successes):
        _right(vault, clock)
    _restore(copy, home)
    true_count = wrong_before if successes == 0 else 0
    assert vault.status()[0].failures == true_count
    assert vault.status()[0].attempts_left == limit - true_count
    _right(vault, clock)  # the right PIN always works
    assert vault.status()[0].failures == 0
    for wrong in range(1, limit):  # and only real wrong PINs count, up to the limit exactly
        assert not _wrong(vault, clock).disabled
        assert vault.status()[0].failures == wrong
    assert _wrong(vault, clock).disabled
    assert vault.status()[0].state == "disabled"
    assert vault.status()[0].failures == limit  # kept in the file once the entry is gone


@pytest.mark.parametrize("limit", [3, 10])
@pytest.mark.parametrize("wrong_after", [1, 2])
def test_a_restore_from_before_wrong_pins_does_not_reset_them(
    tmp_path: Path, memory_keyring: MemoryKeyring, limit: int, wrong_after: int
) -> None:
    wrong_after = min(wrong_after, limit - 1)
    home, copy = tmp_path / "home", tmp_path / "backup"
    clock = FixedClock(1_800_000_000)
    vault = make_vault(home, memory_keyring, clock=clock, policy=Policy(max_attempts=limit))
    vault.activate(description(), "EPCS", PIN, PIN)
    _right(vault, clock)
    _copy(home, copy)
    for _ in range(wrong_after):
        _wrong(vault, clock)
    _restore(copy, home)  # the copy says: no wrong PIN since the last right one
    assert vault.status()[0].failures == wrong_after
    for _ in range(limit - wrong_after - 1):
        assert not _wrong(vault, clock).disabled
    assert _wrong(vault, clock).disabled  # disabled at the limit of real wrong PINs, not later
    _restore(copy, home)  # and a copy from before the disable does not bring the token back
    with pytest.raises(errors.TokenDisabled, match="key is gone"):
        vault.unlock(None, PIN)


def test_the_issue_reproduction_through_the_cli(tmp_path: Path) -> None:
    """activate, cp -a the data folder, 10 right-PIN `code` runs, copy vault.stv and audit.log back."""
    home, link_file = tmp_path / "home", tmp_path / "link.txt"
    link_file.write_text(link() + "\n")
    activated = cli("--home", home, "activate", link_file, "--name", "EPCS", "--pin-stdin", stdin=PIN + "\n")
    assert activated.code == 0, activated.err
    shutil.copytree(home, tmp_path / "copy")
    for _ in range(10):
        assert cli("--home", home, "code", "--pin-stdin", stdin=PIN + "\n").code == 0
    for name in ("vault.stv", "audit.log"):
        shutil.copy2(tmp_path / "copy" / name, home / name)
    done = cli("--home", home, "code", "--pin-stdin", stdin=PIN + "\n")
    assert done.code == 0, done.err
    assert done.out.strip().isdigit()
    status = cli("--home", home, "status")
    assert "10 PIN attempts left" in status.out


# ---------------------------------------------------------------------- lockout waits


def _locked_out(home: Path, keyring: MemoryKeyring, clock: FixedClock) -> tuple[Vault, int]:
    """Three wrong PINs: the next try must wait 5 seconds."""
    vault = make_vault(home, keyring, clock=clock)
    vault.activate(description(), "EPCS", PIN, PIN)
    for _ in range(3):
        last = _wrong(vault, clock)
    assert last.wait_seconds == wait_after(3) == 5
    return vault, last.wait_seconds


def test_copying_the_backup_over_the_vault_skips_no_waits(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    home = tmp_path / "home"
    clock = FixedClock(1_800_000_000)
    vault = make_vault(home, memory_keyring, clock=clock)
    vault.activate(description(), "EPCS", PIN, PIN)
    _right(vault, clock)  # a write, so there is a vault.stv.bak from before any wrong PIN
    waits = []
    for _ in range(9):
        with pytest.raises(errors.WrongPin) as info:
            vault.unlock(None, WRONG)
        waits.append(info.value.wait_seconds)
        shutil.copy2(home / "vault.stv.bak", home / "vault.stv")  # the reported attack
        if info.value.wait_seconds:
            with pytest.raises(errors.TokenLockedOut) as locked:
                vault.unlock(None, PIN)
            assert locked.value.wait_seconds == info.value.wait_seconds
            clock.advance(info.value.wait_seconds - 1)
            with pytest.raises(errors.TokenLockedOut):
                vault.unlock(None, PIN)
            clock.advance(1)
    assert sum(waits) == 5 + 15 + 30 + 60 + 120 + 300 + 600  # every wait was served
    assert vault.status()[0].failures == 9


def test_a_clock_set_forward_does_not_end_a_wait(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    clock = FixedClock(1_800_000_000)
    vault, wait = _locked_out(tmp_path / "home", memory_keyring, clock)
    clock.set_wall(clock.now() + 3600)  # the user sets the clock an hour ahead
    with pytest.raises(errors.TokenLockedOut) as locked:
        vault.unlock(None, PIN)
    assert locked.value.wait_seconds == wait
    clock.advance(wait)  # real time passes
    assert vault.unlock(None, PIN).codes


def test_a_clock_set_back_does_not_shorten_or_stretch_a_wait(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    clock = FixedClock(1_800_000_000)
    vault, wait = _locked_out(tmp_path / "home", memory_keyring, clock)
    clock.set_wall(clock.now() - 3600)
    with pytest.raises(errors.TokenLockedOut) as locked:
        vault.unlock(None, PIN)
    assert locked.value.wait_seconds == wait  # not an hour and five seconds
    clock.advance(wait - 1)
    with pytest.raises(errors.TokenLockedOut):
        vault.unlock(None, PIN)
    clock.advance(1)
    assert vault.unlock(None, PIN).codes


def test_after_a_restart_the_wall_clock_keeps_the_wait(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    clock = FixedClock(1_800_000_000)
    vault, wait = _locked_out(tmp_path / "home", memory_keyring, clock)
    clock.reboot("boot-2", since_boot=1.0)
    with pytest.raises(errors.TokenLockedOut):
        vault.unlock(None, PIN)
    clock.advance(wait)
    assert vault.unlock(None, PIN).codes


def test_a_try_during_a_wait_is_not_counted(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    clock = FixedClock(1_800_000_000)
    vault, _ = _locked_out(tmp_path / "home", memory_keyring, clock)
    for pin in (WRONG, PIN, WRONG):
        with pytest.raises(errors.TokenLockedOut):
            vault.unlock(None, pin)
    assert vault.status()[0].failures == 3


def test_the_wait_is_shown_before_any_try(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    clock = FixedClock(1_800_000_000)
    _, wait = _locked_out(tmp_path / "home", memory_keyring, clock)
    clock.advance(2)
    assert make_vault(tmp_path / "home", memory_keyring, clock=clock).status()[0].wait_seconds == wait - 2


def test_a_token_entry_of_softtoken_0_1_is_read_as_it_counted(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """Entries written before this redesign (`attempts` in the keystore, `success_attempt` in the
    file) are converted once with the count they showed, then written in the new form."""
    import json

    home = tmp_path / "home"
    clock = FixedClock(1_800_000_000)
    vault = make_vault(home, memory_keyring, clock=clock)
    vault.activate(description(), "EPCS", PIN, PIN)
    user = next(u for (_, u) in memory_keyring.entries if "/" in u)
    entry = json.loads(memory_keyring.entries[("softtoken", user)])
    memory_keyring.entries[("softtoken", user)] = json.dumps(
        {"key": entry["key"], "attempts": 7, "counter": 0}
    )
    _rewrite_state(vault, {"success_attempt": 5, "failures": 2, "locked_until": None})
    assert vault.status()[0].failures == 2
    _right(vault, clock)
    assert vault.status()[0].failures == 0
    new = json.loads(memory_keyring.entries[("softtoken", user)])
    assert "attempts" not in new and new["failures"] == 0
    body = json.loads((home / "vault.stv").read_bytes().splitlines()[1])
    assert not {"success_attempt", "failures", "locked_until"} & set(body["tokens"][0]["state"])


def _rewrite_state(vault: Vault, legacy: dict[str, object]) -> None:
    """Put 0.1's state fields into the file, properly MAC'd (as 0.1 wrote them)."""
    with vault._session() as session:
        session.doc.tokens[0].state.extra.update(legacy)
        session.write()
