from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest

from softtoken import __version__
from tests.cli_runner import cli
from tests.pskc_files import write_pskc
from tests.qr_images import qr_bytes

SEED = bytes(range(200, 220))
B32 = base64.b32encode(SEED).decode()
LINK = f"otpauth://totp/ACME:dr.jones?secret={B32}&issuer=ACME&serial=TOTP0001&period=60"
PSK = bytes.fromhex("00112233445566778899aabbccddeeff")


def _no_seed(*texts: str) -> None:
    for text in texts:
        for form in (B32, B32.lower(), SEED.hex(), base64.b64encode(SEED).decode()):
            assert form not in text


def test_version() -> None:
    result = cli("--version")
    assert result.code == 0 and result.out.strip() == f"softtoken {__version__}"


def test_help_without_command() -> None:
    result = cli()
    assert result.code == 0 and "inspect" in result.out


def test_inspect_link_from_stdin() -> None:
    result = cli("inspect", "-", stdin=f"Your link:\n{LINK}\n")
    assert result.code == 0, result.err
    assert "TOTP (time-based)" in result.out and "60 s" in result.out
    assert "TOTP0001" in result.out and "160 bits" in result.out and "dr.jones" in result.out
    _no_seed(result.out, result.err)


def test_inspect_json() -> None:
    result = cli("inspect", "-", "--json", stdin=LINK)
    (token,) = json.loads(result.out)["tokens"]
    assert token == {
        "type": "totp",
        "algorithm": "SHA1",
        "digits": 6,
        "issuer": "ACME",
        "account": "dr.jones",
        "serial": "TOTP0001",
        "seed_bits": 160,
        "source": "link",
        "period": 60,
    }


def test_link_on_command_line_works_but_warns() -> None:
    result = cli("inspect", LINK)
    assert result.code == 0
    assert "can be seen by other users" in result.err
    _no_seed(result.out, result.err)


def test_inspect_qr_image(tmp_path: Path) -> None:
    image = tmp_path / "activation.png"
    image.write_bytes(qr_bytes(LINK))
    result = cli("inspect", image)
    assert result.code == 0 and "ACME" in result.out


def test_inspect_text_file(tmp_path: Path) -> None:
    mail = tmp_path / "mail.txt"
    mail.write_text(f"Hello\n<{LINK}>\n")
    assert cli("inspect", mail).code == 0


def test_inspect_pskc_password_stdin_and_files(tmp_path: Path) -> None:
    keys = [dict(serial="HW-77", secret=SEED, algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp")]
    by_password = write_pskc(tmp_path / "pw.pskc", keys, password="s3cret pass")
    by_psk = write_pskc(tmp_path / "psk.pskc", keys, psk=PSK)

    asked = cli("inspect", by_password)
    assert asked.code == 65 and "password" in asked.err

    ok = cli("inspect", by_password, "--password-stdin", stdin="s3cret pass\n")
    assert ok.code == 0 and "HW77" in ok.out

    password_file = tmp_path / "pw.txt"
    password_file.write_text("s3cret pass\n")
    assert cli("inspect", by_password, "--password-file", password_file).code == 0

    wrong = cli("inspect", by_password, "--password-stdin", stdin="nope\n")
    assert wrong.code == 65 and "wrong" in wrong.err

    key_file = tmp_path / "psk.hex"
    key_file.write_text(PSK.hex() + "\n")
    assert cli("inspect", by_psk, "--psk-file", key_file).code == 0
    key_file.write_text("not a key")
    bad = cli("inspect", by_psk, "--psk-file", key_file)
    assert bad.code == 65 and "32, 48 or 64 hex digits" in bad.err
    for result in (asked, ok, wrong, bad):
        _no_seed(result.out, result.err)
        assert "s3cret" not in result.out + result.err


def test_stdin_cannot_serve_two_purposes() -> None:
    result = cli("inspect", "-", "--password-stdin", stdin=LINK)
    # the link is read first; the password (never needed for a link) is not read
    assert result.code == 0


@pytest.mark.parametrize(
    ("argv", "stdin", "code", "words"),
    [
        (["inspect", "/no/such/file.png"], "", 66, "There is no file"),
        (["inspect", "-"], "not a link", 65, "No activation link"),
        (["inspect", "-"], "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", 65, "128 bits"),
        (["inspect", "-"], "https://vendor.example/activate", 65, "web page"),
        (["inspect"], "", 2, "SOURCE"),
        (["frobnicate"], "", 2, "invalid choice"),
    ],
)
def test_errors_are_one_line_with_exit_codes(argv: list[str], stdin: str, code: int, words: str) -> None:
    result = cli(*argv, stdin=stdin)
    assert result.code == code
    assert words in result.err
    assert "Traceback" not in result.err
    if code != 2:
        assert result.err.count("\n") == 1


def test_folder_and_unreadable_file(tmp_path: Path) -> None:
    assert cli("inspect", tmp_path).code == 66
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    result = cli("inspect", binary)
    assert result.code == 65 and "not an activation file" in result.err


def test_real_console_script_round_trip(tmp_path: Path) -> None:
    """The installed entry point, as a prescriber's shell would run it."""
    proc = subprocess.run(
        [sys.executable, "-m", "softtoken.cli", "inspect", "-", "--json"],
        input=LINK,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["tokens"][0]["serial"] == "TOTP0001"
    _no_seed(proc.stdout, proc.stderr)
