"""SIGKILL during replacement: afterwards exactly one of the old and the new token is usable."""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from softtoken.core.vault.vault import Vault
from tests.crash import writer
from tests.crash.test_crash import mp, receive, run_once, six_digits, start  # noqa: F401 - mp is a fixture
from tests.crash.writer import BASE, NOW

RUNS = max(100, int(os.environ.get("SOFTTOKEN_CRASH_RUNS", "100")) // 2)


def _keystore_entries(home: Path) -> set[str]:
    try:
        return set(json.loads((home / "keystore.json").read_text()))
    except FileNotFoundError:
        return set()


def _only_base(vault: Vault) -> str:
    """Exactly one token, named base, usable; return its id."""
    tokens = vault.status()
    assert [t.name for t in tokens] == [BASE], tokens
    six_digits(vault, BASE)  # also finishes a key deletion a kill interrupted
    return tokens[0].token_id


def _check(home: Path, old_id: str, vault_id: str) -> str:
    vault = writer.open_vault(home)
    now_id = _only_base(vault)
    assert vault.audit_verify().ok
    entries = _keystore_entries(home)
    if now_id != old_id:  # the new token is in: the old device key must be gone
        assert f"{vault_id}/{old_id}" not in entries, "the replaced token's key survived"
        replaced = [r for r in vault.audit.records() if r.get("event") == "replaced"]
        assert replaced, "a finished replacement is not in the audit log"
    assert f"{vault_id}/{now_id}" in entries
    return now_id


def test_random_kills_during_replacement(mp: Any, tmp_path: Path) -> None:  # noqa: F811
    seed = int(os.environ.get("SOFTTOKEN_CRASH_SEED", random.randrange(2**32)))
    print(f"SOFTTOKEN_CRASH_SEED={seed}")
    rng = random.Random(seed)
    home = tmp_path / "home"
    vault = writer.open_vault(home)
    vault.activate(writer.new_description(), BASE, writer.PIN, writer.PIN)
    vault_id = vault.vault_id()
    assert vault_id is not None
    changed = kept = 0
    for kill in range(RUNS):
        old_id = _only_base(writer.open_vault(home))
        process, conn = start(mp, writer.replace_until_killed, str(home), kill)
        try:
            receive(conn, "starting to replace")
            for _ in range(rng.randint(0, 2)):
                if conn.poll(rng.uniform(0, 0.02)):
                    conn.recv()
            process.kill()
            process.join(30)
        finally:
            conn.close()
        new_id = _check(home, old_id, vault_id)
        changed += new_id != old_id
        kept += new_id == old_id
    print(f"{RUNS} kills: replaced {changed}, old kept {kept}")


def test_a_kill_at_every_step_of_a_replacement(mp: Any, tmp_path: Path) -> None:  # noqa: F811
    template = tmp_path / "template"
    vault = writer.open_vault(template)
    vault.activate(writer.new_description(), BASE, writer.PIN, writer.PIN)
    vault_id = vault.vault_id()
    assert vault_id is not None
    old_id = _only_base(writer.open_vault(template))
    finished = tmp_path / "finished"
    shutil.copytree(template, finished)
    steps = run_once(mp, finished, ("replace", BASE), NOW, 0)
    assert steps
    assert _check(finished, old_id, vault_id) != old_id
    outcomes = set()
    for kill_at in range(1, len(steps) + 1):
        home = tmp_path / f"kill{kill_at}"
        shutil.copytree(template, home)
        assert run_once(mp, home, ("replace", BASE), NOW, kill_at) is None
        try:
            outcomes.add("new" if _check(home, old_id, vault_id) != old_id else "old")
        except AssertionError as exc:
            pytest.fail(f"killed before step {kill_at} ({steps[kill_at - 1]}): {exc}")
        shutil.rmtree(home)
    assert outcomes == {"old", "new"}
