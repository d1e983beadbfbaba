"""Token lifecycle: sync window, replacement, retirement, history, seed reuse."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from softtoken.core import errors
from softtoken.core.clock import FixedClock
from softtoken.core.lifecycle import Reason, State, parse_reason, state_of
from softtoken.core.policy import Policy
from tests.cli_runner import Result
from tests.keyrings import MemoryKeyring
from tests.oracles import needs_oathtool, oathtool_totp
from tests.vaults import CHEAP, PIN, RFC_SEED, description, link, make_vault

NEW_SEED = bytes(range(120, 140))
START = 1_750_000_000.0


def _device_keys(keyring: MemoryKeyring) -> set[str]:
    return {user for (service, user) in keyring.entries if service == "softtoken" and "/" in user}


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (0, State.WAITING),
        (3599, State.WAITING),
        (3599.999, State.WAITING),
        (3600, State.READY),
        (7200, State.READY),
    ],
)
def test_sync_window_boundaries(offset: float, expected: State) -> None:
    """59:59 is still waiting; 60:00 is ready."""
    assert state_of("active", START + 3600, START + offset) is expected
    assert state_of("disabled", START + 3600, START + offset) is State.DISABLED


def test_sync_window_from_policy_and_clock(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    clock = FixedClock(START)
    vault = make_vault(tmp_path / "h", memory_keyring, clock=clock, policy=Policy(sync_window_minutes=30))
    vault.activate(description(), "t", PIN, PIN)
    clock.advance(30 * 60 - 1)
    assert vault.status()[0].state == "waiting for network sync"
    clock.advance(1)
    assert vault.status()[0].state == "ready"


def test_parse_reason() -> None:
    assert parse_reason(" Lost ") is Reason.LOST
    with pytest.raises(errors.InputError, match="forgot-pin"):
        parse_reason("stolen")


@needs_oathtool
def test_replace_puts_the_new_token_in_place_and_destroys_the_old(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    clock = FixedClock(START)
    vault = make_vault(tmp_path / "h", memory_keyring, clock=clock)
    old = vault.activate(description(extra="&serial=OLD1"), "EPCS", PIN, PIN)
    old_keys = _device_keys(memory_keyring)
    new = vault.replace(
        "EPCS",
        description(NEW_SEED, extra="&serial=NEW2"),
        "EPCS",
        "5173",
        "5173",
        reason="lost",
        loss_reported_at=START - 60,
    )
    assert (new.name, new.serial, new.state) == ("EPCS", "NEW2", "waiting for network sync")
    assert [t.name for t in vault.status()] == ["EPCS"]
    assert not old_keys & _device_keys(memory_keyring)  # the old device key is gone
    assert vault.unlock("EPCS", "5173").codes[0].code == oathtool_totp(NEW_SEED, int(START))
    with pytest.raises(errors.WrongPin):
        vault.unlock("EPCS", PIN)  # the old PIN means nothing now
    (record,) = vault.history()
    assert record["event"] == "replaced" and record["serial"] == "OLD1" and record["replaced_by"] == "NEW2"
    assert record["reason"] == "lost" and record["token_id"] == old.token_id
    assert record["details"]["loss_reported_at"] == datetime.fromtimestamp(START - 60, UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    replaced = [r for r in vault.audit.records() if r["event"] == "replaced"]
    assert replaced[0]["serial"] == "OLD1" and replaced[0]["details"]["new_serial"] == "NEW2"
    assert replaced[0]["details"]["reason"] == "lost"
    assert vault.audit_verify().ok


def test_replacement_refuses_the_old_seed_and_any_seed_seen_before(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    vault = make_vault(tmp_path / "h", memory_keyring)
    vault.activate(description(), "EPCS", PIN, PIN)
    vault.activate(description(bytes(range(200, 220))), "Other", PIN, PIN)
    with pytest.raises(errors.SeedReused, match="repeats the seed of token 'EPCS'"):
        vault.replace("EPCS", description(), "EPCS", PIN, PIN, reason="new-token")
    with pytest.raises(errors.SeedReused, match="already used"):
        vault.check_replacement("EPCS", description(bytes(range(200, 220))))
    vault.replace("EPCS", description(NEW_SEED), "EPCS", PIN, PIN, reason="new-token")
    # the first seed is remembered (as a keyed fingerprint) after it is gone
    with pytest.raises(errors.SeedReused, match="replaced or removed"):
        vault.replace("EPCS", description(), "EPCS", PIN, PIN, reason="new-token")
    with pytest.raises(errors.SeedReused):
        vault.activate(description(), "Again", PIN, PIN)
    body = (tmp_path / "h" / "vault.stv").read_text()
    assert RFC_SEED.hex() not in body and "retired_fingerprints" in body
    assert [t.name for t in vault.status()] == ["EPCS", "Other"]


def test_replacing_a_disabled_token_needs_no_pin(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    vault = make_vault(tmp_path / "h", memory_keyring, policy=Policy(max_attempts=1), clock=FixedClock(START))
    vault.activate(description(), "EPCS", PIN, PIN)
    with pytest.raises(errors.WrongPin):
        vault.unlock(None, "1357")
    assert vault.status()[0].state == "disabled"
    vault.replace("EPCS", description(NEW_SEED), "EPCS", "5173", "5173", reason="locked-out")
    assert vault.status()[0].state != "disabled"
    assert vault.unlock(None, "5173").codes


def test_bad_replacement_leaves_the_old_token_untouched(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    vault = make_vault(tmp_path / "h", memory_keyring)
    vault.activate(description(), "EPCS", PIN, PIN)
    before = (tmp_path / "h" / "vault.stv").read_bytes()
    with pytest.raises(errors.WeakSeedError):
        vault.replace("EPCS", description(b"x" * 10), "EPCS", PIN, PIN, reason="new-token")
    with pytest.raises(errors.PinRejected):
        vault.replace("EPCS", description(NEW_SEED), "EPCS", "1111", "1111", reason="new-token")
    with pytest.raises(errors.TokenNotFound):
        vault.replace("Nope", description(NEW_SEED), "EPCS", PIN, PIN, reason="new-token")
    assert (tmp_path / "h" / "vault.stv").read_bytes() == before
    assert vault.unlock(None, PIN).codes


def test_retire_wipes_the_token_and_keeps_a_record(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    vault = make_vault(tmp_path / "h", memory_keyring)
    vault.activate(description(extra="&serial=OLD1"), "EPCS", PIN, PIN)
    vault.retire("EPCS")
    assert vault.status() == [] and not _device_keys(memory_keyring)
    (record,) = vault.history()
    assert (record["event"], record["serial"], record["reason"]) == ("retired", "OLD1", "new-workstation")
    assert [r["event"] for r in vault.audit.records()][-1] == "retired"
    with pytest.raises(errors.SeedReused):
        vault.activate(description(), "EPCS", PIN, PIN)


def test_a_crash_after_the_replacement_write_is_finished_later(
    tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    from softtoken.core.vault import tokens
    from softtoken.core.vault.session import Session

    vault = make_vault(tmp_path / "h", memory_keyring)
    vault.activate(description(), "EPCS", PIN, PIN)
    old_keys = _device_keys(memory_keyring)

    class Killed(BaseException):
        pass

    def killed(session: Session) -> None:
        if any(h.get("audited") is False for h in session.doc.history):
            raise Killed  # right after the replacement's vault write

    monkeypatch.setattr(tokens, "settle_history", killed)
    with pytest.raises(Killed):
        vault.replace("EPCS", description(NEW_SEED), "EPCS", PIN, PIN, reason="forgot-pin")
    monkeypatch.undo()
    assert old_keys <= _device_keys(memory_keyring)  # the crash left the old key behind
    fresh = make_vault(tmp_path / "h", memory_keyring)
    fresh.unlock(None, PIN)  # any operation finishes the job
    assert not old_keys & _device_keys(memory_keyring)
    assert [r["event"] for r in fresh.audit.records()].count("replaced") == 1
    fresh.unlock(None, PIN)
    assert [r["event"] for r in fresh.audit.records()].count("replaced") == 1


# ---------------------------------------------------------------------- CLI


def _cli(home: Path, *argv: str | Path, stdin: str = "") -> Result:
    import io

    from softtoken.cli.__main__ import run
    from softtoken.cli.context import CliContext

    out, err = io.StringIO(), io.StringIO()
    ctx = CliContext(
        stdin=io.StringIO(stdin), stdout=out, stderr=err, clock=FixedClock(START), environ={}, kdf=CHEAP
    )
    code = run(["--home", str(home), *[str(a) for a in argv]], ctx)
    return Result(code, out.getvalue(), err.getvalue())


def test_cli_replace_and_retire(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = tmp_path / "first.txt"
    first.write_text(link(extra="&serial=OLD1"))
    second = tmp_path / "second.txt"
    second.write_text(link(NEW_SEED, extra="&serial=NEW2"))
    assert _cli(home, "activate", first, "--name", "EPCS", "--pin-stdin", stdin=PIN).code == 0

    refused = _cli(
        home, "replace", first, "--token", "EPCS", "--reason", "new-token", "--pin-stdin", stdin=PIN
    )
    assert refused.code == 65 and "repeats the seed" in refused.err

    lost = _cli(home, "replace", second, "--token", "EPCS", "--reason", "lost", "--pin-stdin", stdin=PIN)
    assert lost.code == 2 and "EPCS administrators" in lost.err

    done = _cli(
        home,
        "replace",
        second,
        "--token",
        "EPCS",
        "--reason",
        "lost",
        "--loss-reported",
        "--pin-stdin",
        stdin="5173\n5173\n",
    )
    assert done.code == 0, done.err
    assert "Token 'EPCS' (serial NEW2) is activated" in done.out and "no longer works" in done.out
    status = json.loads(_cli(home, "status", "--json").out)
    assert [(t["name"], t["serial"]) for t in status["tokens"]] == [("EPCS", "NEW2")]
    audit = json.loads(_cli(home, "audit", "export").out)
    replaced = next(r for r in audit if r["event"] == "replaced")
    assert replaced["serial"] == "OLD1" and replaced["details"]["new_serial"] == "NEW2"

    assert _cli(home, "retire", "--token", "EPCS").code == 2
    gone = _cli(home, "retire", "--token", "EPCS", "--yes")
    assert gone.code == 0 and "new activation" in gone.out
    assert json.loads(_cli(home, "status", "--json").out)["tokens"] == []
    assert [r["event"] for r in json.loads(_cli(home, "audit", "export").out)][-1] == "retired"


def test_one_token_per_issuer_serial(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    """A two-step link activated twice gives two different seeds: the serial catches it."""
    from softtoken.core.activation.twostep import complete_two_step

    vault = make_vault(tmp_path / "h", memory_keyring)
    two_step = link(extra="&serial=OATH9&2step_salt=8&2step_output=20&2step_difficulty=100")
    from softtoken.core.activation.sources import tokens_from_text

    (first,) = tokens_from_text(two_step)
    vault.activate(complete_two_step(first).token, "one", PIN, PIN)
    (again,) = tokens_from_text(two_step)
    with pytest.raises(errors.SeedReused, match="already has serial OATH9"):
        vault.activate(complete_two_step(again).token, "two", PIN, PIN)
    # a replacement may keep the serial (privacyIDEA's rollover does)
    (rolled,) = tokens_from_text(link(NEW_SEED, extra="&serial=OATH9"))
    vault.replace("one", rolled, "one", PIN, PIN, reason="new-token")
    assert [t.serial for t in vault.status()] == ["OATH9"]
