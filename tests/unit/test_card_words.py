"""The support card read aloud: plain words first, local times with their zone, the technical
lines under "Details"; the keystore in words, and said plainly when there is none; the JSON
stays complete for machines."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from softtoken.core import keystore
from softtoken.core.cardtext import card_text
from softtoken.core.clock import FixedClock
from softtoken.core.clockcheck import ClockCheck, save_check
from softtoken.core.diagnostics import render, support_card
from softtoken.core.errors import WrongPin
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from tests.cli_runner import cli
from tests.keyrings import MemoryKeyring
from tests.vaults import CHEAP, PIN, description, make_vault

NOW = 1_764_165_910.0  # 2025-11-26 14:05:10 UTC, 08:05:10 in Chicago
CONTACT = "ACME EPCS help desk: 555-0100"


@pytest.fixture
def chicago(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer is in US Central time (a POSIX rule: no tz database needed)."""
    monkeypatch.setenv("TZ", "CST6CDT,M3.2.0,M11.1.0")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _plain_and_details(text: str) -> tuple[list[str], list[str]]:
    lines = text.rstrip("\n").split("\n")
    at = lines.index("Details")
    assert lines[at - 1] == ""
    return lines[: at - 1], [line.removeprefix("  ") for line in lines[at + 1 :]]


@pytest.mark.usefixtures("chicago")
def test_plain_words_first_then_details(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    policy = Policy(helpdesk_contact=CONTACT, max_attempts=5)
    clock = FixedClock(NOW)
    vault = make_vault(tmp_path / "h", memory_keyring, policy=policy, clock=clock)
    vault.activate(description(extra="&serial=TOTP0001"), "EPCS", PIN, PIN)
    clock.advance(60)
    vault.unlock(None, PIN)
    with pytest.raises(WrongPin):
        vault.unlock(None, "1357")
    plain, details = _plain_and_details(render(support_card(vault, policy, clock, app={"qt": "6.11"})))
    assert plain == [
        "Token 1: EPCS",
        "  Account: dr.jones",
        "  Issuer: ACME",
        "  Serial: TOTP0001",
        "  State: waiting for network sync until 2025-11-26 09:05 CST",
        "  Attempts left: 4 of 5",
        "  Protection: software (PIN and system keystore), because there was no usable TPM security chip "
        "when it was activated",
        "  Activated: 2025-11-26 08:05 CST",
        "  Last used: 2025-11-26 08:06 CST",
        "",
        "This computer's time: 2025-11-26 08:06:10 CST (UTC-06:00)",
        "Clock: no time server set, so softtoken cannot check it. Compare this computer's time with your "
        "phone; your administrator can set a time server (ntp_server) in the policy.",
        "Keystore: tests.keyrings.MemoryKeyring",
        f"Help desk contact: {CONTACT}",
    ]
    joined = "\n".join(details)
    assert details[0].startswith("softtoken ") and ", Qt 6.11, " in details[0]
    assert "Platform: " in joined and "Keystore backend: tests.keyrings.MemoryKeyring" in joined
    assert f"Data directory: {vault.home}" in joined and "Policy: none (defaults)" in joined
    assert "Audit log: intact, " in joined and "key protection argon2id m=64 KiB t=1 p=1" in joined
    assert "Token 1: TOTP SHA1, 6 digits, every 30 s; PIN 4 digits" in joined


@pytest.mark.usefixtures("chicago")
def test_a_wait_a_disabled_token_and_the_earlier_ones(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    from softtoken.core.lifecycle import Reason

    policy = Policy(max_attempts=4)
    clock = FixedClock(NOW)
    vault = make_vault(tmp_path / "h", memory_keyring, policy=policy, clock=clock)
    vault.activate(description(extra="&serial=OLD1"), "Old", PIN, PIN)
    old = vault.status()[0]
    vault.replace(old.token_id, description(bytes(range(20))), "EPCS", PIN, PIN, reason=Reason.NEW_TOKEN)
    clock.advance(3600)
    for _ in range(3):
        with pytest.raises(WrongPin):
            vault.unlock(None, "1357")
    text = render(support_card(vault, policy, clock))
    assert "  Attempts left: 1 of 4\n  Next PIN try allowed in 0 min 5 s\n" in text
    clock.advance(5)
    with pytest.raises(WrongPin):
        vault.unlock(None, "1357")
    plain, _ = _plain_and_details(render(support_card(vault, policy, clock)))
    assert "  State: disabled: replace it to continue" in plain and "  Attempts left: 0 of 4" in plain
    assert "  Serial: none (not linked to an issuer serial)" in plain
    assert (
        "Earlier token Old (serial OLD1): replaced 2025-11-26 08:05 CST (The help desk sent me a new token)"
        in plain
    )


@pytest.mark.usefixtures("chicago")
def test_the_clock_in_words(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    vault = make_vault(tmp_path / "h", memory_keyring, clock=FixedClock(NOW))
    vault.activate(description(), "EPCS", PIN, PIN)
    policy = Policy(ntp_server="time.example")
    assert "Clock: not checked yet against time.example." in render(support_card(vault, policy, vault.clock))
    save_check(vault.home, ClockCheck("time.example", NOW, "warn", -42.0, "Your computer clock is…"))
    assert (
        "Clock: 42 s fast against time.example (checked 2025-11-26 08:05 CST): passcodes may be rejected."
        in render(support_card(vault, policy, vault.clock))
    )
    check = ClockCheck("time.example", NOW, "unknown", None, "Could not check…")
    assert "Clock: could not be checked against time.example (no answer, 2025-11-26 08:05 CST)." in render(
        support_card(vault, policy, vault.clock, clock_check=check)
    )


def test_a_damaged_audit_log_is_said_in_plain_words(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    vault = make_vault(tmp_path / "h", memory_keyring, clock=FixedClock(NOW))
    vault.activate(description(), "EPCS", PIN, PIN)
    (vault.home / "audit.log").unlink()
    card = support_card(vault, vault.policy, vault.clock)
    plain, details = _plain_and_details(render(card))
    assert "Audit log: FAILED verification; tell your help desk (see Details)." in plain
    assert "Audit log: FAILED: 2 records were cut off the end." in details
    assert card["audit_result"]["ok"] is False and "cut off" in card["audit"]


def test_the_keystore_in_words() -> None:
    words = keystore.keystore_in_words
    assert words("file") == "a file (weaker: admin policy)"
    assert words("keyring.backends.kwallet.DBusKeyring") == "KWallet"
    assert words("keyring.backends.Windows.WinVaultKeyring") == "Windows Credential Manager"
    assert words("keyring.backends.macOS.Keyring") == "macOS Keychain"
    assert words("some.plugin.Keyring") == "some.plugin.Keyring"
    # the program that answers on this session bus, if any; otherwise the Secret Service, unnamed
    assert words("keyring.backends.SecretService.Keyring") in (
        "the Secret Service",
        "GNOME Keyring",
        "KWallet",
    )


def test_a_file_keystore_reads_as_weaker(tmp_path: Path) -> None:
    policy = Policy(device_key_store="file")
    vault = Vault(tmp_path / "h", policy=policy, clock=FixedClock(NOW), kdf=CHEAP)
    vault.activate(description(), "EPCS", PIN, PIN)
    plain, details = _plain_and_details(render(support_card(vault, policy, vault.clock)))
    assert "Keystore: a file (weaker: admin policy)" in plain and "Keystore backend: file" in details


@pytest.fixture
def no_keystore(memory_keyring: MemoryKeyring) -> Iterator[None]:
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(memory_keyring)


@pytest.mark.usefixtures("no_keystore")
def test_no_keystore_is_said_plainly_before_any_vault(tmp_path: Path) -> None:
    result = cli("--home", tmp_path / "h", "diagnostics")
    assert result.code == 0 and result.err == ""
    plain, _ = _plain_and_details(result.out)
    assert "Tokens: none on this computer yet." in plain
    (line,) = [line for line in plain if line.startswith("Keystore: ")]
    assert line.startswith("Keystore: No secure keystore is available") and "ask your administrator" in line
    assert not any(line.startswith("Problem: ") for line in plain)  # said once, on the keystore line
    card = json.loads(cli("--home", tmp_path / "h", "diagnostics", "--json").out)
    assert card["keystore"]["available"] is False and "No secure keystore" in card["problem"]
    assert not (tmp_path / "h" / "vault.stv").exists()


def test_the_json_stays_complete(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    home = tmp_path / "h"
    vault = make_vault(home, memory_keyring, clock=FixedClock(NOW))
    vault.activate(description(extra="&serial=TOTP0001"), "EPCS", PIN, PIN)
    card = json.loads(cli("--home", home, "diagnostics", "--json").out)
    assert card["keystore"] == {
        "available": True,
        "name": "tests.keyrings.MemoryKeyring",
        "backend": "tests.keyrings.MemoryKeyring",
        "kind": "OS keystore",
    }
    assert card["audit"].startswith("The audit log is intact") and card["audit_result"]["ok"] is True
    assert card["policy"]["file"] == "none (defaults)" and card["policy"]["max_attempts"] == 10
    assert card["tokens"][0]["serial"] == "TOTP0001" and card["tokens"][0]["kdf"].startswith("argon2id")
    assert set(card["local_time"]) == {"at", "zone", "utc_offset"} and card["app"]["os"]


def test_every_line_is_a_template_with_its_params(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    """What the GUI translates: the template is fixed text, the names and times are parameters."""
    vault = make_vault(tmp_path / "h", memory_keyring, clock=FixedClock(NOW))
    vault.activate(description(extra="&serial=TOTP0001"), "EPCS", PIN, PIN)
    text = card_text(support_card(vault, Policy(helpdesk_contact=CONTACT), vault.clock))
    for line in text.plain + text.details:
        assert "EPCS" not in line.template and "TOTP0001" not in line.template and "555" not in line.template
        assert line.english().strip()


def test_the_cards_protection_notes_are_the_vaults() -> None:
    """The card translates the vault's notes as phrases: the two lists must say the same."""
    from softtoken.core.cardtext import PROTECTION_NOTES
    from softtoken.core.vault.protection import NOTES

    assert set(PROTECTION_NOTES) == set(NOTES.values())
