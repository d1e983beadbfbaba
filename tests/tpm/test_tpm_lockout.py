"""Wrong PINs against a token in the TPM (swtpm): the TPM's lockout, and our own count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from softtoken.core.clock import FixedClock
from softtoken.core.errors import ChipLockedOut, TokenDisabled, WrongPin
from softtoken.core.policy import Policy
from softtoken.core.tpm.access import open_chip
from tests.keyrings import MemoryKeyring
from tests.tpm.cli_steps import activate, code
from tests.tpm.simulator import Swtpm, needs_swtpm
from tests.vaults import PIN, description, make_vault

pytestmark = [pytest.mark.tpm, needs_swtpm]
WRONG = "1357"


def test_wrong_pins_reach_the_tpm_lockout_and_then_even_the_right_pin_is_refused_uncounted(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    """swtpm's defaults: 3 failures, one forgotten every 1000 s (17 minutes, said as such)."""
    clock = FixedClock(59)
    vault = make_vault(tmp_path / "data", memory_keyring, clock=clock)
    vault.activate(description(), "ACME", PIN, PIN)
    for tries in (1, 2, 3):
        clock.advance(600)  # past our own waits: only the TPM's lockout is tested here
        with pytest.raises(WrongPin):
            vault.unlock("ACME", WRONG)
        with open_chip() as chip:
            assert chip.lockout().failures == tries  # each wrong PIN was a failed TPM authorization
    with open_chip() as chip:
        state = chip.lockout()
    assert state.in_lockout and (state.max_tries, state.interval) == (3, 1000)
    clock.advance(600)
    with pytest.raises(ChipLockedOut) as refused:
        vault.unlock("ACME", PIN)
    assert refused.value.message == (
        "The computer's security chip is pausing PIN checks after repeated wrong PINs; try again "
        "in about 17 minutes."
    )
    (status,) = vault.status()
    assert status.failures == 3  # the refused try did not count: the TPM checked nothing


def test_the_cli_says_the_tpm_lockout_in_words_and_exits_75(swtpm: Swtpm, tmp_path: Path) -> None:
    swtpm.lockout_parameters(max_tries=1, interval=120)
    home = tmp_path / "data"
    assert activate(home).code == 0
    wrong = code(home, WRONG)
    assert wrong.code == 77 and "Incorrect PIN" in wrong.err
    refused = code(home)
    assert refused.code == 75
    assert refused.err == (
        "softtoken-cli: The computer's security chip is pausing PIN checks after repeated wrong PINs; "
        "try again in about 2 minutes.\n"
    )
    assert refused.out == ""


def test_our_count_still_disables_the_token_at_max_attempts(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    """The TPM allows 10 here; the policy's max_attempts = 2 disables first, blobs and key gone."""
    swtpm.lockout_parameters(max_tries=10, interval=600)
    clock = FixedClock(59)
    home = tmp_path / "data"
    vault = make_vault(home, memory_keyring, clock=clock, policy=Policy(max_attempts=2))
    vault.activate(description(), "ACME", PIN, PIN)
    with pytest.raises(WrongPin):
        vault.unlock("ACME", WRONG)
    with pytest.raises(WrongPin) as last:
        vault.unlock("ACME", WRONG)
    assert last.value.disabled
    with pytest.raises(TokenDisabled):
        vault.unlock("ACME", PIN)
    body = json.loads((home / "vault.stv").read_bytes().split(b"\n")[1])
    (token,) = body["tokens"]
    assert token["state"]["status"] == "disabled"
    assert "tpm_private" not in token and "tpm_public" not in token
    assert not [name for (_, name) in memory_keyring.entries if name.count("/")]
