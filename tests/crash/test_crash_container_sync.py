"""SIGKILL while a synchronization reply is applied: a re-keyed secret is never lost.

The reply drops the container token the workstation holds ("OLD") and
delivers a new one ("NEW", whose secret the issuer has just made: the old one
no longer works there). Killed before any step of applying it, the vault must
hold OLD alone (nothing happened), OLD and NEW waiting (the delivery written
first), or NEW waiting alone; never neither. Whatever is there works: OLD
unlocks, NEW can be claimed and gives the issuer's codes.
"""

from __future__ import annotations

import shutil
import signal
from pathlib import Path
from typing import Any

import pyotp
import pytest

from softtoken.core.containers import Workstation, parse_container_link
from tests.crash import writer
from tests.crash.test_crash import PATIENCE, mp, receive, six_digits, start  # noqa: F401 - mp is a fixture
from tests.crash.writer import NOW, PIN
from tests.fake_container_issuer import FakeContainerIssuer

OLD, NEW = "TOTP00OLD", "TOTP00NEW"
NEW_SECRET = pyotp.random_base32(32)
NEW_LINK = f"otpauth://totp/privacyIDEA:dr.jones?secret={NEW_SECRET}&issuer=privacyIDEA&serial={NEW}"


def _prepare(home: Path) -> str:
    """A workstation registered with the fake issuer, holding the container token OLD as 'Work'."""
    with FakeContainerIssuer(now=lambda: NOW) as issuer:
        issuer.add_token(OLD)
        workstation = Workstation(writer.open_vault(home))
        workstation.register(parse_container_link(issuer.registration_link()))
        workstation.sync()
        workstation.claim(OLD, "Work", PIN, PIN)
        return issuer.serial


def _run(mp: Any, home: Path, container: str, kill_at: int) -> list[str] | None:  # noqa: F811
    process, conn = start(mp, writer.apply_sync_once, str(home), container, NEW_LINK, kill_at)
    try:
        process.join(PATIENCE)
        if process.exitcode == -signal.SIGKILL:
            return None
        message = receive(conn, "applying the sync reply")
        if message[0] == "error":
            pytest.fail(f"the child failed at step {kill_at}:\n{message[1]}")
        steps: list[str] = message[1]
        return steps
    finally:
        conn.close()


def _check(home: Path) -> str:
    vault = writer.open_vault(home)
    workstation = Workstation(vault)
    tokens = [t.serial for t in vault.status()]  # a session: also finishes what a kill interrupted
    waiting = [d.serial for d in workstation.pending()]
    assert (tokens, waiting) in (([OLD], []), ([OLD], [NEW]), ([], [NEW])), (tokens, waiting)
    assert vault.audit_verify().ok
    if OLD in tokens:
        six_digits(vault, "Work")
    else:
        assert [r for r in vault.audit.records() if r.get("event") == "container_token_removed"]
    if waiting:
        workstation.claim(NEW, "New", PIN, PIN)
        assert vault.unlock("New", PIN).codes[0].code in {
            pyotp.TOTP(NEW_SECRET).at(int(NOW) + d) for d in (-30, 0, 30)
        }
    return "old" if not waiting else ("both" if tokens else "new")


def test_a_kill_at_every_step_of_applying_a_sync_reply(mp: Any, tmp_path: Path) -> None:  # noqa: F811
    template = tmp_path / "template"
    container = _prepare(template)
    finished = tmp_path / "finished"
    shutil.copytree(template, finished)
    steps = _run(mp, finished, container, 0)
    assert steps
    assert _check(finished) == "new"
    outcomes = set()
    for kill_at in range(1, len(steps) + 1):
        home = tmp_path / f"kill{kill_at}"
        shutil.copytree(template, home)
        assert _run(mp, home, container, kill_at) is None
        try:
            outcomes.add(_check(home))
        except AssertionError as exc:
            pytest.fail(f"killed before step {kill_at} ({steps[kill_at - 1]}): {exc}")
        shutil.rmtree(home)
    assert {"old", "new"} <= outcomes
