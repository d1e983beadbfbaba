"""``softtoken-cli protect``: a software token moved into the TPM; replacement and retirement forget it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from softtoken.core.clock import FixedClock
from softtoken.core.tpm.access import open_chip
from tests.cli_runner import cli
from tests.keyrings import MemoryKeyring
from tests.oracles import needs_oathtool, oathtool_totp
from tests.tpm.cli_steps import activate, code
from tests.tpm.simulator import Swtpm, needs_swtpm
from tests.vaults import PIN, RFC_SEED, description, make_vault

pytestmark = [pytest.mark.tpm, needs_swtpm]
AT = 1111111109


def body(home: Path, name: str = "vault.stv") -> dict[str, object]:
    return dict(json.loads((home / name).read_bytes().split(b"\n")[1]))


def protect(home: Path, pin: str = PIN, *options: str) -> object:
    return cli(*options, "--home", home, "protect", "--pin-stdin", stdin=pin + "\n", clock=FixedClock(AT))


@needs_oathtool
def test_protect_moves_a_software_token_into_the_tpm_with_the_same_passcodes(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "data"
    monkeypatch.delenv("TPM2TOOLS_TCTI")  # no TPM at activation: a software token ("auto")
    assert activate(home).code == 0
    (before,) = json.loads(cli("--home", home, "status", "--json").out)["tokens"]
    assert before["protection"] == "software"
    (software_entry,) = [name for (_, name) in memory_keyring.entries if name.count("/") == 1]
    monkeypatch.setenv("TPM2TOOLS_TCTI", swtpm.tcti)
    moved = protect(home)
    assert (moved.code, moved.err) == (0, "")  # type: ignore[attr-defined]
    assert moved.out == "Token 'ACME' is now kept in this computer's TPM security chip.\n"  # type: ignore[attr-defined]
    (after,) = json.loads(cli("--home", home, "status", "--json").out)["tokens"]
    assert after["protection"] == "tpm"
    assert {k: v for k, v in after.items() if k not in ("protection", "kdf", "protection_note")} == {
        k: v for k, v in before.items() if k not in ("protection", "kdf", "protection_note")
    }
    (token,) = body(home)["tokens"]  # type: ignore[misc]
    assert "sealed_seed" not in token and "tpm_private" in token
    names = [name for (_, name) in memory_keyring.entries if "/" in name]
    assert software_entry not in names and f"{software_entry}/tpm" in names  # the old key is gone
    got = cli("--home", home, "code", "--pin-stdin", stdin=PIN + "\n", clock=FixedClock(AT))
    assert got.out.strip() == oathtool_totp(RFC_SEED, AT)
    events = [r["event"] for r in make_vault(home, memory_keyring).audit.records()]
    assert events[-2:] == ["protected", "unlocked"]


def test_an_older_copy_of_a_protected_token_opens_with_nothing(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    """A copy of the file from before ``protect`` (a backup tool's) holds the software record:
    its device key is deleted, so no PIN opens it any more."""
    from softtoken.core.errors import TokenDisabled
    from softtoken.core.policy import Policy

    home = tmp_path / "data"
    make_vault(home, memory_keyring, policy=Policy(protection="software")).activate(
        description(), "A", PIN, PIN
    )
    shutil.copy(home / "vault.stv", tmp_path / "before.stv")
    make_vault(home, memory_keyring).protect("A", PIN)
    shutil.copy(tmp_path / "before.stv", home / "vault.stv")  # a restore of the older file
    with pytest.raises(TokenDisabled):
        make_vault(home, memory_keyring).unlock("A", PIN)


def test_a_wrong_pin_in_protect_counts_and_leaves_the_software_token(
    swtpm: Swtpm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "data"
    monkeypatch.delenv("TPM2TOOLS_TCTI")
    assert activate(home).code == 0
    monkeypatch.setenv("TPM2TOOLS_TCTI", swtpm.tcti)
    wrong = protect(home, "1357")
    assert wrong.code == 77 and "Incorrect PIN. 9 attempts left" in wrong.err  # type: ignore[attr-defined]
    (token,) = json.loads(cli("--home", home, "status", "--json").out)["tokens"]
    assert (token["protection"], token["wrong_pins"]) == ("software", 1)
    assert code(home).code == 0


def test_protect_without_a_tpm_or_against_the_policy_refuses_uncounted(tmp_path: Path) -> None:
    home = tmp_path / "data"
    assert activate(home).code == 0
    no_tpm = protect(home)
    assert no_tpm.code == 69 and "finds no TPM 2.0 security chip" in no_tpm.err  # type: ignore[attr-defined]
    policy = tmp_path / "policy.toml"
    policy.write_text('protection = "software"\n')
    kept = protect(home, PIN, "--policy", str(policy))
    assert kept.code == 78 and "keeps tokens in software" in kept.err  # type: ignore[attr-defined]
    (token,) = json.loads(cli("--home", home, "status", "--json").out)["tokens"]
    assert token["wrong_pins"] == 0


def test_protect_of_a_token_in_the_tpm_already_changes_nothing(swtpm: Swtpm, tmp_path: Path) -> None:
    home = tmp_path / "data"
    assert activate(home).code == 0  # a TPM is there: "auto" puts it in at once
    again = protect(home)
    assert (again.code, again.err) == (0, "")  # type: ignore[attr-defined]
    assert again.out == "Token 'ACME' is now kept in this computer's TPM security chip.\n"  # type: ignore[attr-defined]


def test_retire_and_replace_forget_the_tpm_object(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    home = tmp_path / "data"
    vault = make_vault(home, memory_keyring)
    vault.activate(description(), "A", PIN, PIN)
    vault.activate(description(bytes(range(20))), "B", PIN, PIN)
    vault.replace("A", description(bytes(range(40, 60))), "A2", PIN, PIN, reason="lost")
    vault.retire("B")
    (left,) = body(home)["tokens"]  # type: ignore[misc]
    assert left["header"]["name"] == "A2"
    names = [name for (_, name) in memory_keyring.entries if "/" in name]
    assert names == [f"{body(home)['vault_id']}/{left['header']['token_id']}/tpm"]  # only A2's key
    with open_chip() as chip:
        assert chip.transient_handles(sessions=True) == []


def test_a_crash_after_the_switch_leaves_the_old_key_to_the_next_operation(
    swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed between the file write and the old key's deletion: the next operation deletes it."""
    from softtoken.core.policy import Policy
    from softtoken.core.vault.keys import KeyCache

    home = tmp_path / "data"
    software = make_vault(home, memory_keyring, policy=Policy(protection="software"))
    software.activate(description(), "A", PIN, PIN)
    (old,) = [name for (_, name) in memory_keyring.entries if name.count("/") == 1]

    def killed(self: KeyCache, entry: str) -> None:
        raise SystemExit("killed")  # the process ends here, as a SIGKILL would end it

    original = KeyCache.delete
    monkeypatch.setattr(KeyCache, "delete", killed)
    with pytest.raises(SystemExit):
        make_vault(home, memory_keyring).protect("A", PIN)
    monkeypatch.setattr(KeyCache, "delete", original)
    (token,) = body(home)["tokens"]  # type: ignore[misc]
    assert token["header"]["protection"] == "tpm" and token["state"]["software_key"] == "to delete"
    assert ("softtoken", old) in memory_keyring.entries
    (status,) = make_vault(home, memory_keyring).status()  # any next operation settles it
    assert status.protection == "tpm"
    assert ("softtoken", old) not in memory_keyring.entries
    (token,) = body(home)["tokens"]  # type: ignore[misc]
    assert "software_key" not in token["state"]
    assert make_vault(home, memory_keyring).unlock("A", PIN).codes
