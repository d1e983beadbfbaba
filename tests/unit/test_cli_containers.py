"""softtoken-cli register / sync / status / move-out / unregister against the fake issuer."""

from __future__ import annotations

import io
import json
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from softtoken.cli.__main__ import run
from softtoken.cli.context import CliContext
from softtoken.core.clock import FixedClock
from tests.fake_container_issuer import FakeContainerIssuer
from tests.vaults import CHEAP, PIN, leaked, link

LINK = link()

NOW = time.time()


@pytest.fixture
def issuer() -> Iterator[FakeContainerIssuer]:
    with FakeContainerIssuer(now=lambda: NOW) as running:
        yield running


def cli(home: Path, *argv: str | Path, stdin: str = "", policy: Path | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    ctx = CliContext(
        stdin=io.StringIO(stdin), stdout=out, stderr=err, clock=FixedClock(NOW), environ={}, kdf=CHEAP
    )
    extra = ["--policy", str(policy)] if policy else []
    code = run(["--home", str(home), *extra, *[str(a) for a in argv]], ctx)
    return code, out.getvalue(), err.getvalue()


def test_register_sync_claim_code(tmp_path: Path, issuer: FakeContainerIssuer) -> None:
    home = tmp_path / "ws"
    issuer.add_token("TOTP0001")
    link = issuer.registration_link()
    code, out, err = cli(home, "register", "-", stdin=link)
    assert code == 2 and "Nothing was registered" in err and issuer.url in out  # the preview, no --yes
    assert issuer.calls == []
    code, out, err = cli(home, "register", "-", "--yes", stdin=link)
    assert code == 0, err
    assert f"registered with privacyIDEA (container {issuer.serial})" in out

    code, out, err = cli(home, "sync")
    assert code == 0, err
    assert "Delivered: privacyIDEA (serial TOTP0001)" in out
    code, out, err = cli(home, "status")
    assert f"Registered with privacyIDEA (container {issuer.serial}" in out
    assert "Delivered tokens waiting to be set up: 1" in out

    code, out, err = cli(home, "sync", "--name", "Work", "--pin-stdin", stdin=f"{PIN}\n{PIN}\n")
    assert code == 0, err
    assert "Token 'Work' (serial TOTP0001) is activated" in out
    code, out, err = cli(home, "code", "--token", "Work", "--pin-stdin", stdin=PIN)
    assert code == 0, err
    assert out.strip() == issuer.passcode("TOTP0001", NOW)

    code, out, _ = cli(home, "status", "--json")
    info = json.loads(out)
    assert info["container"]["serial"] == issuer.serial and info["container"]["pending"] == 0
    code, out, _ = cli(home, "diagnostics")
    assert f"Registered with privacyIDEA (container {issuer.serial}), last synchronized" in out
    for text in (out, (home / "vault.stv").read_text(), (home / "audit.log").read_text()):
        assert not leaked(issuer.tokens["TOTP0001"].secret, text)


def test_exit_codes_of_the_refused_cases(tmp_path: Path, issuer: FakeContainerIssuer) -> None:
    home = tmp_path / "ws"
    code, _, err = cli(home, "register", "-", "--yes", stdin="otpauth://totp/A:b?secret=GEZDGNBVGY3TQOJQ")
    assert code == 65 and "No workstation registration link" in err
    expired = issuer.registration_link(ttl_minutes=1, issued_at=NOW - 120)
    code, _, err = cli(home, "register", "-", "--yes", stdin=expired)
    assert code == 65 and "expired" in err
    policy = tmp_path / "policy.toml"
    policy.write_text('issuer_urls = ["https://pi.example.org"]\n')
    code, _, err = cli(home, "register", "-", "--yes", stdin=issuer.registration_link(), policy=policy)
    assert code == 77 and "not one of the issuers" in err
    insecure = issuer.registration_link(url="https://pi.example.org")
    code, _, err = cli(home, "register", "-", "--yes", stdin=insecure)
    assert code == 77 and "certificate" in err
    code, _, err = cli(home, "sync")
    assert code == 1 and "not registered" in err
    code, _, err = cli(home, "activate", "-", "--name", "x", "--pin-stdin", stdin=issuer.registration_link())
    assert code == 65 and "workstation registration link, not a token" in err
    assert issuer.calls == []

    assert cli(home, "register", "-", "--yes", stdin=issuer.registration_link())[0] == 0
    code, _, err = cli(home, "register", "-", "--yes", stdin=issuer.registration_link())
    assert code == 1 and "already registered" in err
    issuer.tamper = True
    issuer.add_token("TOTP0001")
    code, _, err = cli(home, "sync")
    assert code == 76 and "nothing was changed" in err
    issuer.tamper = False
    issuer.stop()
    code, _, err = cli(home, "sync")
    assert code == 68 and "cannot be reached" in err and "\n" not in err.strip()
    code, out, _ = cli(home, "status")
    assert "Last synchronization failed: The issuer" in out


def test_move_out_to_a_second_data_directory(tmp_path: Path, issuer: FakeContainerIssuer) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    issuer.add_token("TOTP0001")
    assert cli(old, "register", "-", "--yes", stdin=issuer.registration_link())[0] == 0
    assert cli(old, "sync", "--name", "Work", "--pin-stdin", stdin=f"{PIN}\n{PIN}\n")[0] == 0
    link_file = tmp_path / "new-link.txt"
    code, out, err = cli(old, "move-out", "--link-file", link_file)
    assert code == 0, err
    assert str(link_file) in out and "pia://" not in out
    assert stat.S_IMODE(link_file.stat().st_mode) == 0o600
    code, _, err = cli(old, "move-out", "--link-file", link_file)
    assert code == 73 and "already exists" in err
    code, _, err = cli(new, "register", link_file, "--yes")
    assert code == 0, err
    assert cli(new, "sync", "--name", "Work", "--pin-stdin", stdin=f"{PIN}\n{PIN}\n")[0] == 0
    new_code = cli(new, "code", "--pin-stdin", stdin=PIN)[1].strip()
    assert new_code == issuer.passcode("TOTP0001", NOW)
    assert cli(old, "move-out", "--finish")[0] == 2
    code, _, err = cli(old, "move-out", "--finish", "--yes")
    assert code == 0, err
    assert "No tokens on this workstation" in cli(old, "status")[1]


def test_rollover_refused_and_unregister(tmp_path: Path, issuer: FakeContainerIssuer) -> None:
    home = tmp_path / "ws"
    issuer.rollover_allowed = False
    assert cli(home, "register", "-", "--yes", stdin=issuer.registration_link())[0] == 0
    code, _, err = cli(home, "move-out")
    assert code == 77 and "call your help desk" in err.lower()
    assert cli(home, "unregister")[0] == 2
    code, _, err = cli(home, "unregister", "--yes")
    assert code == 0, err
    assert issuer.state == "unregistered"
    assert "Registered with" not in cli(home, "status")[1]


def test_retire_of_a_delivered_token_unregisters(tmp_path: Path, issuer: FakeContainerIssuer) -> None:
    home = tmp_path / "ws"
    issuer.add_token("TOTP0001")
    assert cli(home, "register", "-", "--yes", stdin=issuer.registration_link())[0] == 0
    assert cli(home, "sync", "--name", "Work", "--pin-stdin", stdin=f"{PIN}\n{PIN}\n")[0] == 0
    source = tmp_path / "mail-link.txt"
    source.write_text(LINK)
    assert cli(home, "activate", source, "--name", "Mail", "--pin-stdin", stdin=f"{PIN}\n{PIN}\n")[0] == 0
    code, out, err = cli(home, "retire", "--token", "Mail", "--yes")  # activated by hand: stays registered
    assert code == 0 and err == "" and "no longer registered" not in out
    assert f"Registered with privacyIDEA (container {issuer.serial}" in cli(home, "status")[1]
    issuer.stop()
    code, out, err = cli(home, "retire", "--token", "Work", "--yes")
    assert code == 0, err
    assert f"container {issuer.serial}): this workstation is no longer registered" in out
    assert err.startswith("note: This workstation no longer synchronizes with privacyIDEA")
    assert "--reason lost" in err and err.count("\n") == 1
    issuer.start()
    code, _, err = cli(home, "sync")
    assert code == 1 and "not registered" in err
    assert "Registered with" not in cli(home, "status")[1]


def test_several_deliveries_need_a_serial(tmp_path: Path, issuer: FakeContainerIssuer) -> None:
    home = tmp_path / "ws"
    issuer.add_token("TOTP0001", label="one")
    issuer.add_token("TOTP0002", label="two")
    assert cli(home, "register", "-", "--yes", stdin=issuer.registration_link())[0] == 0
    code, _, err = cli(home, "sync", "--pin-stdin", stdin=f"{PIN}\n{PIN}\n")
    assert code == 2 and "--serial" in err
    code, _, err = cli(home, "sync", "--offline", "--serial", "NOPE", "--pin-stdin", stdin=f"{PIN}\n{PIN}\n")
    assert code == 65 and "NOPE" in err
    code, out, err = cli(
        home,
        "sync",
        "--offline",
        "--serial",
        "TOTP0002",
        "--name",
        "Two",
        "--pin-stdin",
        stdin=f"{PIN}\n{PIN}\n",
    )
    assert code == 0, err
    assert "Token 'Two' (serial TOTP0002)" in out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "expected"), [("y\n", 0), ("\n", 1)])
def test_register_from_a_file_asks_on_the_terminal(
    tmp_path: Path, issuer: FakeContainerIssuer, answer: str, expected: int
) -> None:
    source = tmp_path / "link.txt"
    source.write_text(f"Your registration link:\n{issuer.registration_link()}\n")
    out, err = io.StringIO(), io.StringIO()
    ctx = CliContext(
        stdin=_Terminal(answer), stdout=out, stderr=err, clock=FixedClock(NOW), environ={}, kdf=CHEAP
    )
    code = run(["--home", str(tmp_path / "ws"), "register", str(source)], ctx)
    assert code == expected, err.getvalue()
    assert "[y/N]" in err.getvalue() and issuer.url in out.getvalue()
    assert (issuer.state == "registered") is (expected == 0)
