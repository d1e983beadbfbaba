"""The support card and bundle: complete for the help desk, never a secret."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from pathlib import Path

import pytest

from softtoken.cli.__main__ import run
from softtoken.cli.context import CliContext
from softtoken.core.clock import FixedClock
from softtoken.core.diagnostics import render, save_bundle, support_card
from softtoken.core.errors import WrongPin
from softtoken.core.policy import Policy
from tests.keyrings import MemoryKeyring
from tests.ntp_responder import NtpResponder
from tests.vaults import CHEAP, PIN, RFC_SEED, description, leaked, make_vault


def _secrets(codes: list[str]) -> list[str]:
    return [
        PIN,
        RFC_SEED.decode(),
        RFC_SEED.hex(),
        base64.b32encode(RFC_SEED).decode(),
        base64.b64encode(RFC_SEED).decode(),
        *codes,
    ]


def test_card_has_what_the_help_desk_asks_for_and_no_secret(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    policy = Policy(helpdesk_contact="555-0100", max_attempts=5)
    vault = make_vault(tmp_path / "h", memory_keyring, policy=policy, clock=FixedClock(1_750_000_000))
    vault.activate(description(extra="&serial=TOTP0001"), "EPCS", PIN, PIN)
    codes = [c.code for c in vault.unlock(None, PIN).codes]
    with pytest.raises(WrongPin):
        vault.unlock(None, "1357")
    card = support_card(vault, policy, vault.clock, app={"qt": "6.11"})
    (token,) = card["tokens"]
    assert token["name"] == "EPCS" and token["serial"] == "TOTP0001" and token["issuer"] == "ACME"
    assert token["type"] == "totp" and token["algorithm"] == "SHA1" and token["digits"] == 6
    assert token["state"] == "waiting for network sync" and token["sync_until"]
    assert token["wrong_pins"] == 1 and token["attempts_left"] == 4
    assert "argon2id" in token["kdf"]
    assert card["keystore"]["kind"] == "OS keystore" and card["vault"]["version"] == 1
    assert card["policy"]["max_attempts"] == 5 and card["app"]["qt"] == "6.11"
    text = render(card)
    assert "Token 1: EPCS" in text and "Attempts left: 4 of 5" in text and "Qt 6.11" in text
    for secret in _secrets(codes):
        assert not leaked(secret, text) and not leaked(secret, json.dumps(card))


def test_file_keystore_is_shown_as_weaker(tmp_path: Path) -> None:
    from softtoken.core.vault.vault import Vault

    policy = Policy(device_key_store="file")
    vault = Vault(tmp_path / "h", policy=policy, clock=FixedClock(59), kdf=CHEAP)
    vault.activate(description(), "EPCS", PIN, PIN)
    card = support_card(vault, policy, vault.clock)
    assert "weaker" in card["keystore"]["kind"] and "weaker" in render(card)


def test_bundle_holds_card_audit_and_logs(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    from softtoken.core.logfile import setup_file_logging

    vault = make_vault(tmp_path / "h", memory_keyring)
    vault.activate(description(), "EPCS", PIN, PIN)
    setup_file_logging(vault.home)
    import logging

    logging.getLogger("softtoken.test").info("a line for the support bundle")
    card = support_card(vault, vault.policy, vault.clock)
    path = save_bundle(tmp_path / "support.zip", card, vault)
    assert (path.stat().st_mode & 0o777) == 0o600
    with zipfile.ZipFile(path) as bundle:
        names = set(bundle.namelist())
        assert {"support-card.json", "support-card.txt", "audit-verify.txt", "audit.log"} <= names
        assert "intact" in bundle.read("audit-verify.txt").decode()
        assert any(n.startswith("logs/") for n in names)
        for name in names:
            for secret in _secrets([]):
                assert not leaked(secret, bundle.read(name).decode("utf-8", "replace")), (
                    name
                )  # not by chance in a MAC
    assert [r["event"] for r in vault.audit.records()][-1] == "support_export"
    for handler in list(logging.getLogger("softtoken").handlers):
        logging.getLogger("softtoken").removeHandler(handler)


def test_cli_diagnostics_with_clock_check(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with NtpResponder(-42.0) as ntp:
        policy = tmp_path / "policy.toml"
        policy.write_text(f'ntp_server = "{ntp.server}"\nhelpdesk_contact = "555-0100"\n')
        out, err = io.StringIO(), io.StringIO()
        ctx = CliContext(
            stdin=io.StringIO(""),
            stdout=out,
            stderr=err,
            clock=FixedClock(1_750_000_000),
            environ={},
            kdf=CHEAP,
        )
        from softtoken.core.clock import SystemClock

        ctx.clock = SystemClock()
        code = run(
            ["--home", str(home), "--policy", str(policy), "diagnostics", "--check-clock", "--json"], ctx
        )
    assert code == 0, err.getvalue()
    card = json.loads(out.getvalue())
    assert card["clock_check"]["status"] == "warn" and "42 s fast" in card["clock_check"]["message"]
    assert card["policy"]["helpdesk_contact"] == "555-0100"
    # the last check is kept and shown next time without asking the server
    out2 = io.StringIO()
    ctx2 = CliContext(stdin=io.StringIO(""), stdout=out2, stderr=io.StringIO(), environ={}, kdf=CHEAP)
    assert run(["--home", str(home), "diagnostics"], ctx2) == 0
    assert "42 s fast" in out2.getvalue()
