"""softtoken-cli activate / code / list / status / audit, with codes checked against oathtool."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest

from softtoken.cli.__main__ import run
from softtoken.cli.context import CliContext
from softtoken.core.clock import FixedClock
from tests.oracles import needs_oathtool, oathtool_hotp, oathtool_totp
from tests.vaults import CHEAP, PIN, leaked

SEEDS = {
    "SHA1": bytes(range(1, 21)),
    "SHA256": bytes(range(101, 133)),
    "SHA512": bytes(range(150, 214)),
}


def cli(
    home: Path, *argv: str | Path, stdin: str = "", at: float = 1_750_000_000.0, policy: Path | None = None
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    ctx = CliContext(
        stdin=io.StringIO(stdin), stdout=out, stderr=err, clock=FixedClock(at), environ={}, kdf=CHEAP
    )
    extra = ["--policy", str(policy)] if policy else []
    code = run(["--home", str(home), *extra, *[str(a) for a in argv]], ctx)
    return code, out.getvalue(), err.getvalue()


def _link_file(tmp_path: Path, text: str, name: str = "link.txt") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


@needs_oathtool
@pytest.mark.parametrize("algorithm", ["SHA1", "SHA256", "SHA512"])
@pytest.mark.parametrize("digits", [6, 7, 8])
@pytest.mark.parametrize("period", [15, 30, 60, 120])
def test_activate_and_code_agree_with_oathtool(
    tmp_path: Path, algorithm: str, digits: int, period: int
) -> None:
    seed = SEEDS[algorithm]
    link = (
        f"otpauth://totp/ACME:dr.jones?secret={base64.b32encode(seed).decode()}&issuer=ACME"
        f"&algorithm={algorithm}&digits={digits}&period={period}"
    )
    home = tmp_path / "home"
    source = _link_file(tmp_path, link)
    code, out, err = cli(home, "activate", source, "--name", "EPCS", "--pin-stdin", stdin=f"{PIN}\n{PIN}\n")
    assert code == 0, err
    assert "Token 'EPCS' is activated" in out and "60 minutes" in out
    assert "Protection: software (PIN and system keystore)" in out  # which level is in force, always
    for at in (1_111_111_111, 2_000_000_000, 20_000_000_000):
        code, out, err = cli(home, "code", "--pin-stdin", stdin=PIN + "\n", at=at)
        assert code == 0, err
        assert out == oathtool_totp(seed, at, algorithm, digits, period) + "\n"
        assert "more seconds" in err


@needs_oathtool
def test_hotp_codes_follow_the_counter(tmp_path: Path) -> None:
    seed = SEEDS["SHA1"]
    link = f"otpauth://hotp/HW:jones?secret={base64.b32encode(seed).decode()}&counter=7&serial=OATH0001"
    home = tmp_path / "home"
    assert cli(home, "activate", _link_file(tmp_path, link), "--name", "hw", "--pin-stdin", stdin=PIN)[0] == 0
    codes = [cli(home, "code", "--token", "hw", "--pin-stdin", stdin=PIN)[1].strip() for _ in range(3)]
    assert codes == [oathtool_hotp(seed, c) for c in (7, 8, 9)]


def test_pin_is_never_taken_from_argv(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code, _, err = cli(home, "code", "--pin", PIN)
    assert code == 2 and "unrecognized arguments" in err
    code, _, err = cli(home, "code")
    assert code == 2 and "--pin-stdin" in err


def test_wrong_pin_and_disable_exit_codes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    link = f"otpauth://totp/A:b?secret={base64.b32encode(SEEDS['SHA1']).decode()}&issuer=A"
    policy = _link_file(tmp_path, "max_attempts = 2\n", "policy.toml")
    assert (
        cli(
            home,
            "activate",
            _link_file(tmp_path, link),
            "--name",
            "t",
            "--pin-stdin",
            stdin=PIN,
            policy=policy,
        )[0]
        == 0
    )
    code, out, err = cli(home, "code", "--pin-stdin", stdin="1357", policy=policy)
    assert (code, out) == (77, "") and "Incorrect PIN. 1 attempt left" in err
    code, _, err = cli(home, "code", "--pin-stdin", stdin="1357", policy=policy)
    assert code == 77 and "disabled" in err
    code, _, err = cli(home, "code", "--pin-stdin", stdin=PIN, policy=policy)
    assert code == 77 and "Replace it" in err
    code, out, _ = cli(home, "status", "--json", policy=policy)
    assert json.loads(out)["tokens"][0]["state"] == "disabled"


def test_lockout_wait_exit_code(tmp_path: Path) -> None:
    home = tmp_path / "home"
    link = f"otpauth://totp/A:b?secret={base64.b32encode(SEEDS['SHA1']).decode()}&issuer=A"
    cli(home, "activate", _link_file(tmp_path, link), "--name", "t", "--pin-stdin", stdin=PIN)
    for _ in range(3):
        cli(home, "code", "--pin-stdin", stdin="1357")
    code, _, err = cli(home, "code", "--pin-stdin", stdin=PIN)
    assert code == 75 and "Try again in 5 s." in err


def test_status_and_list_never_show_secrets(tmp_path: Path) -> None:
    home = tmp_path / "home"
    seed = SEEDS["SHA256"]
    link = (
        f"otpauth://totp/ACME:dr.jones?secret={base64.b32encode(seed).decode()}&issuer=ACME"
        "&serial=TOTP0042&algorithm=SHA256"
    )
    cli(home, "activate", _link_file(tmp_path, link), "--name", "EPCS", "--pin-stdin", stdin=PIN)
    code, text, _ = cli(home, "list")
    assert code == 0 and "EPCS" in text and "TOTP0042" in text and "waiting for network sync" in text
    code, out, _ = cli(home, "status", "--json", at=1_750_000_000 + 3601)
    info = json.loads(out)
    (token,) = info["tokens"]
    assert token["state"] == "ready" and token["attempts_left"] == 10
    assert info["keystore"].endswith("MemoryKeyring") and info["keystore_kind"] == "os"
    for secret in (PIN, base64.b32encode(seed).decode(), seed.hex()):
        assert not leaked(secret, text + out)


def test_empty_status(tmp_path: Path) -> None:
    code, out, _ = cli(tmp_path / "home", "status")
    assert code == 0 and "No tokens" in out


def test_activate_refusals_leave_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    weak = _link_file(tmp_path, "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP")
    code, _, err = cli(home, "activate", weak, "--name", "t", "--pin-stdin", stdin=PIN)
    assert code == 65 and "128 bits" in err
    good = _link_file(tmp_path, f"otpauth://totp/x?secret={base64.b32encode(SEEDS['SHA1']).decode()}", "g")
    code, _, err = cli(home, "activate", good, "--name", "t", "--pin-stdin", stdin="1234")
    assert code == 65 and "too easy" in err
    code, _, err = cli(home, "activate", good, "--name", "t", "--pin-stdin", stdin=f"{PIN}\n2468\n")
    assert code == 65 and "do not match" in err
    assert not (home / "vault.stv").exists()


def test_two_step_activation_prints_the_client_part(tmp_path: Path) -> None:
    link = (
        f"otpauth://hotp/OATH9?secret={base64.b32encode(SEEDS['SHA1']).decode()}&counter=1"
        "&2step_salt=8&2step_output=20&2step_difficulty=1000"
    )
    code, out, err = cli(
        tmp_path / "home", "activate", _link_file(tmp_path, link), "--name", "t", "--pin-stdin", stdin=PIN
    )
    assert code == 0, err
    assert "activation code into the issuer's page" in out


def test_several_tokens_need_entry(tmp_path: Path) -> None:
    links = "\n".join(
        f"otpauth://totp/A:{n}?secret={base64.b32encode(seed).decode()}&issuer=A"
        for n, seed in (("one", SEEDS["SHA1"]), ("two", SEEDS["SHA256"]))
    )
    source = _link_file(tmp_path, links)
    code, _, err = cli(tmp_path / "h", "activate", source, "--name", "t", "--pin-stdin", stdin=PIN)
    assert code == 65 and "--entry" in err
    assert (
        cli(tmp_path / "h", "activate", source, "--name", "t", "--entry", "2", "--pin-stdin", stdin=PIN)[0]
        == 0
    )


def test_audit_verify_and_export(tmp_path: Path) -> None:
    home = tmp_path / "home"
    link = f"otpauth://totp/A:b?secret={base64.b32encode(SEEDS['SHA1']).decode()}&issuer=A"
    cli(home, "activate", _link_file(tmp_path, link), "--name", "t", "--pin-stdin", stdin=PIN)
    cli(home, "code", "--pin-stdin", stdin=PIN)
    code, out, _ = cli(home, "audit", "verify")
    assert code == 0 and "intact: 4 records" in out
    code, out, _ = cli(home, "audit", "export")
    # the policy in force is recorded once, when a command first finds the vault
    assert [r["event"] for r in json.loads(out)] == ["vault_created", "activated", "policy", "unlocked"]
    code, out, _ = cli(home, "audit", "export", "--format", "csv")
    assert out.splitlines()[0] == "seq,at,event,token,serial,details"
    lines = (home / "audit.log").read_bytes().splitlines(keepends=True)
    (home / "audit.log").write_bytes(b"".join(lines[:1] + lines[2:]))
    code, out, _ = cli(home, "audit", "verify")
    assert code == 1 and "FAILED" in out


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("pin_length = 3\n", "'pin_length' must be between 4 and 8"),
        ("max_attempts = 11\n", "'max_attempts' must be between 1 and 10"),
        ("pin_lenght = 6\n", "unknown setting 'pin_lenght'"),
        ("device_key_store = 'plain'\n", "'device_key_store' must be"),
        ("allow_copy = 'yes'\n", "true or false"),
        ("pin_length = [\n", "not valid TOML"),
    ],
)
def test_bad_policy_is_a_clear_error(tmp_path: Path, text: str, words: str) -> None:
    policy = _link_file(tmp_path, text, "policy.toml")
    code, _, err = cli(tmp_path / "home", "status", policy=policy)
    assert code == 78 and words in err and "Traceback" not in err


def test_missing_explicit_policy(tmp_path: Path) -> None:
    code, _, err = cli(tmp_path / "home", "status", policy=tmp_path / "nope.toml")
    assert code == 78 and "does not exist" in err


def test_no_keystore_exit_code(tmp_path: Path) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    link = _link_file(tmp_path, f"otpauth://totp/x?secret={base64.b32encode(SEEDS['SHA1']).decode()}")
    code, _, err = cli(tmp_path / "home", "activate", link, "--name", "t", "--pin-stdin", stdin=PIN)
    assert code == 69 and "No secure keystore" in err


def test_activate_refuses_a_repeated_seed_before_asking_for_the_pin(tmp_path: Path) -> None:
    """The same link again: refused at once, so nobody types a new PIN twice for nothing."""
    from tests.cli_runner import cli
    from tests.vaults import link

    source = tmp_path / "link.txt"
    source.write_text(link() + "\n")
    home = tmp_path / "home"
    assert cli("--home", home, "activate", source, "--name", "A", "--pin-stdin", stdin="8642\n").code == 0
    again = cli("--home", home, "activate", source, "--name", "B")  # no --pin-stdin: a prompt would be needed
    assert again.code == 65, again.err
    assert "repeats a seed" in again.err and "PIN" not in again.err
