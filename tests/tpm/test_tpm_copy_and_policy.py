"""A copied data folder against another TPM; the policy's protection key; an algorithm the TPM lacks."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from softtoken.core.clock import FixedClock
from softtoken.core.errors import ChipMismatch, ChipUnavailable
from softtoken.core.policy import Policy
from softtoken.core.tpm.access import Tcti
from softtoken.core.tpm.chip import Chip
from softtoken.core.vault.vault import Vault
from tests.cli_runner import cli
from tests.keyrings import MemoryKeyring
from tests.oracles import needs_oathtool, oathtool_totp
from tests.tpm.cli_steps import activate, code
from tests.tpm.simulator import Swtpm, needs_swtpm
from tests.vaults import CHEAP, PIN, description, make_vault

pytestmark = [pytest.mark.tpm, needs_swtpm]
FILE_KEYSTORE = 'device_key_store = "file"\n'


def test_a_copied_data_folder_and_keystore_give_nothing_on_another_tpm(
    swtpm_factory: Callable[[], Swtpm], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Everything a program running as the prescriber can copy, replayed on a different TPM."""
    first, second = swtpm_factory(), swtpm_factory()
    policy = tmp_path / "policy.toml"
    policy.write_text(FILE_KEYSTORE)  # the keystore entry lives in the data folder: one copy has it all
    home, copy = tmp_path / "data", tmp_path / "copy"
    monkeypatch.setenv("TPM2TOOLS_TCTI", first.tcti)
    assert activate(home, "ACME", None, "--policy", str(policy)).code == 0
    assert code(home, PIN, "--policy", str(policy)).code == 0
    shutil.copytree(home, copy)
    monkeypatch.setenv("TPM2TOOLS_TCTI", second.tcti)
    with Chip.open(Tcti(second.tcti, "test")) as chip:
        before = chip.lockout().failures
    for pin in (PIN, "1357"):
        refused = code(copy, pin, "--policy", str(policy))
        assert refused.code == 69
        assert "kept in another computer's TPM security chip" in refused.err
        assert refused.out == ""
    with Chip.open(Tcti(second.tcti, "test")) as chip:
        assert chip.lockout().failures == before  # no PIN was ever checked: nothing to count
    status = json.loads(cli("--home", copy, "--policy", str(policy), "status", "--json").out)
    assert status["tokens"][0]["wrong_pins"] == 0  # and nothing counted by softtoken either


def test_protection_tpm_without_a_tpm_refuses_and_writes_nothing(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text('protection = "tpm"\n')
    home = tmp_path / "data"
    refused = activate(home, "ACME", None, "--policy", str(policy))
    assert refused.code == 69
    assert refused.err.startswith(
        "softtoken-cli: The admin policy keeps tokens in the computer's TPM security chip, and it cannot "
        "be used here: softtoken finds no TPM 2.0 security chip on this computer ("
    )
    assert not (home / "vault.stv").exists()


def test_auto_without_a_tpm_is_software_and_says_why(memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "data", memory_keyring)
    status = vault.activate(description(), "ACME", PIN, PIN)
    assert (status.protection, status.protection_note) == (
        "software",
        "there was no usable TPM security chip when it was activated",
    )
    (record,) = [r for r in vault.audit.records() if r["event"] == "activated"]
    assert record["details"]["protection"] == "software"
    assert "finds no TPM 2.0 security chip" in record["details"]["protection_note"]


def test_protection_software_keeps_tokens_out_of_the_tpm(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    vault = make_vault(tmp_path / "data", memory_keyring, policy=Policy(protection="software"))
    status = vault.activate(description(), "ACME", PIN, PIN)
    assert (status.protection, status.protection_note) == (
        "software",
        "the admin policy keeps tokens in software",
    )


class NoSha512(Chip):
    """swtpm implements SHA-512; many real TPMs do not. This chip answers as they do."""

    def algorithms(self) -> frozenset[str]:
        return super().algorithms() - {"SHA512"}


@needs_oathtool
def test_an_algorithm_the_tpm_lacks_falls_back_to_software_with_a_note(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    from softtoken.core.keystore import OsKeystore

    seed = bytes(range(64))
    clock = FixedClock(1111111109)

    def vault_with(policy: Policy) -> Vault:
        return Vault(
            tmp_path / "data",
            keystore=OsKeystore(memory_keyring),
            clock=clock,
            policy=policy,
            kdf=CHEAP,
            tpm=lambda: NoSha512.open(Tcti(swtpm.tcti, "test")),
        )

    with pytest.raises(ChipUnavailable) as refused:
        vault_with(Policy(protection="tpm")).activate(
            description(seed, extra="&algorithm=SHA512"), "A", PIN, PIN
        )
    assert "cannot compute SHA512 passcodes" in refused.value.message
    vault = vault_with(Policy())
    status = vault.activate(description(seed, extra="&algorithm=SHA512"), "ACME", PIN, PIN)
    assert (status.protection, status.protection_note) == (
        "software",
        "the TPM security chip cannot compute this token's algorithm",
    )
    current = vault.unlock("ACME", PIN).at(clock.now())
    assert current is not None and current.code == oathtool_totp(seed, 1111111109, "SHA512")
    assert vault.activate(description(), "SHA1", PIN, PIN).protection == "tpm"  # the others still go in


def test_status_and_json_name_the_level_of_each_token(swtpm: Swtpm, tmp_path: Path) -> None:
    home = tmp_path / "data"
    assert activate(home).code == 0
    listing = cli("--home", home, "status")
    assert "TPM" in listing.out
    (token,) = json.loads(cli("--home", home, "status", "--json").out)["tokens"]
    assert (token["protection"], token["protection_note"]) == ("tpm", "")


def test_a_token_of_a_tpm_that_is_gone_says_why(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    vault = make_vault(tmp_path / "data", memory_keyring)
    vault.activate(description(), "ACME", PIN, PIN)
    swtpm.stop()
    with pytest.raises(ChipUnavailable) as gone:
        vault.unlock("ACME", PIN)
    assert "does not answer" in gone.value.message
    (status,) = vault.status()  # the status needs no TPM
    assert status.failures == 0 and status.protection == "tpm"
    assert not isinstance(gone.value, ChipMismatch)


def test_the_support_card_says_where_the_key_is(swtpm: Swtpm, tmp_path: Path) -> None:
    home = tmp_path / "data"
    made = activate(home)
    assert made.code == 0
    assert "Protection: the computer's TPM security chip holds the key and checks the PIN.\n" in made.out
    card = cli("--home", home, "diagnostics")
    assert card.code == 0
    assert "  Protection: the computer's TPM security chip holds the key and checks the PIN\n" in card.out
    assert "key protection TPM 2.0 HMAC key (sha1), PIN checked by the chip" in card.out
    assert "Vault: format 2" in card.out and "format 1" not in card.out  # the file's real format
    assert (home / "vault.stv").read_bytes().startswith(b"softtoken-vault 2\n")
