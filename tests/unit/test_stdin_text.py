"""Bytes on standard input that are not UTF-8 text: one line and exit 65, never a bug (70).

The real process reads ``sys.stdin`` as text; under en_US.UTF-8 it decodes
strictly, so the runners hand bytes in through the same kind of strict text
layer, and one test runs the real entry points.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from softtoken.core.errors import TextInputError
from softtoken.core.textinput import MAX_STDIN, read_stdin_text
from tests.cli_runner import cli
from tests.helpdesk.helpers import helpdesk, no_network
from tests.pskc_files import write_pskc

LINK = "otpauth://totp/ACME:dr.jones?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME"
NOT_UTF8 = [b"\xff\xfe", b"86\xc342", LINK.encode() + b"\x80\n", b"\xed\xa0\x80"]  # the last: a surrogate


@pytest.mark.parametrize("data", NOT_UTF8)
def test_core_refuses_bytes_that_are_not_utf8(data: bytes) -> None:
    strict = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict")
    with pytest.raises(TextInputError, match="not UTF-8 text"):
        read_stdin_text(strict, "PIN")
    escaped = io.StringIO(data.decode("utf-8", "surrogateescape"))  # sys.stdin under the C locale
    with pytest.raises(TextInputError, match="not UTF-8 text"):
        read_stdin_text(escaped, "PIN")


def test_core_reads_text_drops_a_bom_and_bounds_the_size() -> None:
    assert read_stdin_text(io.TextIOWrapper(io.BytesIO("\ufeff8642\n".encode())), "PIN") == "8642\n"
    assert read_stdin_text(io.StringIO("Ünïcode"), "link") == "Ünïcode"
    assert read_stdin_text(None, "PIN") == ""  # a closed standard input
    with pytest.raises(TextInputError, match="more than 8 bytes"):
        read_stdin_text(io.BytesIO(b"123456789"), "PIN", limit=8)
    assert MAX_STDIN >= 1024 * 1024


@pytest.mark.parametrize("data", NOT_UTF8)
def test_cli_stdin_readers(tmp_path: Path, data: bytes) -> None:
    link_file = tmp_path / "link.txt"
    link_file.write_text(LINK)
    keys = [
        dict(serial="HW-77", secret=bytes(range(20)), algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp")
    ]
    pskc = write_pskc(tmp_path / "p.pskc", keys, password="s3cret")
    home = ["--home", str(tmp_path / "h")]
    for argv in (
        ["inspect", "-"],
        [*home, "code", "--pin-stdin"],
        [*home, "activate", link_file, "--name", "t", "--pin-stdin"],
        ["inspect", pskc, "--password-stdin"],
    ):
        result = cli(*argv, stdin=data)
        assert result.code == 65, (argv, result.err)
        assert result.err.startswith("softtoken-cli: ") and result.err.count("\n") == 1
        assert "not UTF-8 text" in result.err


@pytest.mark.parametrize("data", NOT_UTF8)
def test_helpdesk_stdin_flags(data: bytes) -> None:
    env = {"SOFTTOKEN_ISSUER_URL": "http://127.0.0.1:9"}
    for argv in (
        ["login", "--user", "admin", "--password-stdin"],
        ["--admin", "admin", "--admin-password-stdin", "status", "alice"],
        ["link-hard-token", "alice", "--serial", "HW-1234", "--otp-stdin"],
        ["finish-enrollment", "TOTP0001", "--otp-stdin"],
        ["finish-two-step", "TOTP0001", "--client-part-stdin"],
    ):
        result = helpdesk(*argv, stdin=data, environ=env, transport=no_network())
        assert result.code == 65, (argv, result.err)
        assert "not UTF-8 text" in result.err and result.err.count("\n") == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["softtoken.cli", "inspect", "-"],
        ["softtoken.cli", "code", "--pin-stdin"],
        ["softtoken.helpdesk", "--server", "http://127.0.0.1:9", "login", "--user", "a", "--password-stdin"],
    ],
)
@pytest.mark.parametrize("encoding", ["utf-8:strict", ""])  # en_US.UTF-8's stdin, the C locale's
def test_real_process(tmp_path: Path, argv: list[str], encoding: str) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "SOFTTOKEN_HOME": str(tmp_path / "h"),
        "LC_ALL": "C.UTF-8",
    }
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    proc = subprocess.run(
        [sys.executable, "-m", *argv], input=b"86\xff42\n", capture_output=True, check=False, env=env
    )
    assert proc.returncode == 65, proc.stderr
    assert b"not UTF-8 text" in proc.stderr and proc.stderr.count(b"\n") == 1
    assert b"Traceback" not in proc.stderr
