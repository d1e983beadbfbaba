"""SIGKILL while a token goes into the TPM (activation, ``protect``): the old token or the new one.

A child process (crash_child.py) works against swtpm and is killed at a random moment;
after each kill every token in the vault must give the right passcode with its PIN, at
whichever level it is, and the TPM must take the next command (the child's loaded
objects are flushed: swtpm has no resource manager).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from softtoken.core.errors import ChipUnavailable
from tests.oracles import needs_oathtool, oathtool_totp
from tests.tpm.crash_child import NOW, PIN, description, open_vault, seed_of
from tests.tpm.simulator import Swtpm, needs_swtpm

pytestmark = [pytest.mark.tpm, needs_swtpm, needs_oathtool]
ROOT = Path(__file__).resolve().parents[2]
KILLS = 8


def run_and_kill(home: Path, what: str, tcti: str, rng: random.Random, longest: float = 0.03) -> bool:
    """Start the child, kill it (SIGKILL, by its PID) at a random moment; True if it finished first."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.tpm.crash_child", str(home), what],
        cwd=ROOT,
        env={**os.environ, "TPM2TOOLS_TCTI": tcti},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n"
    if longest:
        time.sleep(rng.uniform(0, longest))  # the kill's moment is what is random here
        os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    return "done" in child.stdout.read()


def check_every_token(home: Path) -> dict[str, str]:
    """Each token's passcode with its PIN, against oathtool; its level by name."""
    vault = open_vault(home)
    levels = {}
    for status in vault.status():
        current = vault.unlock(status.name, PIN).at(NOW)
        assert current is not None
        assert current.code == oathtool_totp(seed_of(status.name), int(NOW)), status.name
        levels[status.name] = status.protection
    return levels


def test_a_kill_during_activation_into_the_tpm_leaves_no_half_token(swtpm: Swtpm, tmp_path: Path) -> None:
    rng = random.Random(14)
    home = tmp_path / "data"
    for _ in range(KILLS):
        run_and_kill(home, "activate", swtpm.tcti, rng)
        levels = check_every_token(home)
        assert set(levels.values()) <= {"tpm"}
        assert list(levels) == [f"t{n}" for n in range(len(levels))]  # none lost in between
    assert run_and_kill(home, "activate", swtpm.tcti, rng, 0)  # and the work goes on after the kills
    assert set(check_every_token(home).values()) == {"tpm"}


def test_a_kill_during_protect_leaves_the_software_token_or_the_tpm_one(swtpm: Swtpm, tmp_path: Path) -> None:
    rng = random.Random(41)
    home = tmp_path / "data"

    def no_tpm() -> object:
        raise ChipUnavailable("no TPM while the software tokens are made")

    software = open_vault(home, tpm=no_tpm)
    for number in range(12):
        software.activate(description(f"t{number}"), f"t{number}", PIN, PIN)
    moved: list[int] = []
    for _ in range(KILLS):
        finished = run_and_kill(home, "protect", swtpm.tcti, rng, 0.1)
        levels = check_every_token(home)
        assert len(levels) == 12
        moved.append(sum(level == "tpm" for level in levels.values()))
        if finished:
            break
    assert moved == sorted(moved)  # a token once in the TPM stays there
    assert run_and_kill(home, "protect", swtpm.tcti, rng, 0)  # the rest moves once left alone
    assert set(check_every_token(home).values()) == {"tpm"}
    vault = open_vault(home)
    doc = vault.load()
    assert doc is not None
    entries = set(json.loads((home / "keystore.json").read_text()))
    for token in doc.tokens:  # one device key per token, at its level (an old one was deleted)
        own = f"{doc.vault_id}/{token.token_id}"
        assert (own in entries, f"{own}/tpm" in entries) == (
            token.protection == "software",
            token.protection == "tpm",
        )
