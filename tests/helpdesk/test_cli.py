"""Argument parsing, input validation before any request, and the one error-to-exit-code map."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from softtoken.core import errors as core
from softtoken.helpdesk import errors as hd
from softtoken.helpdesk.records import issuer_error as _error

from .helpers import helpdesk, no_network

ENV = {"SOFTTOKEN_ISSUER_URL": "http://127.0.0.1:9"}


def test_no_command_prints_help() -> None:
    result = helpdesk()
    assert result.code == 0
    assert "issue" in result.out and "link-hard-token" in result.out


@pytest.mark.parametrize(
    "argv",
    [
        ["replace", "alice", "--reason", "stolen"],  # not one of the reasons
        ["replace", "alice"],  # --reason is required
        ["issue", "alice", "--type", "sms"],
        ["issue", "alice", "--verify", "--two-step"],  # one kind of proof at a time
        ["login"],  # --user is required
        ["login", "--user", "admin", "--password", "secret"],  # no password in argv, ever
        ["import-pskc", "f.pskc", "--psk-file", "k", "--password-stdin"],
        ["link-hard-token", "alice", "--serial", "HW1234"],  # --otp is required
    ],
)
def test_bad_command_lines_are_usage_errors(argv: list[str]) -> None:
    result = helpdesk(*argv, environ=ENV, transport=no_network())
    assert result.code == 2
    assert result.out == ""


def test_admin_password_stdin_needs_admin() -> None:
    result = helpdesk("--admin-password-stdin", "status", "alice", environ=ENV, transport=no_network())
    assert result.code == 2 and "--admin" in result.err


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["link-hard-token", "alice", "--serial", "HW-1234", "--otp-stdin"], "12345", "six digits"),
        (["link-hard-token", "alice", "--serial", "HW-1234", "--otp-stdin"], "12a456", "only digits"),
        (["link-hard-token", "alice", "--serial", "H!", "--otp-stdin"], "123456", "only letters and digits"),
        (["link-hard-token", "alice", "--serial", "   ", "--otp-stdin"], "123456", "below the bar code"),
        (["finish-enrollment", "TOTP0001", "--otp-stdin"], "1234567", "six digits"),
        (["finish-two-step", "TOTP0001", "--client-part-stdin"], "ES3B CTCU GH4P 4RQV XUM0", "digits 2-7"),
        (
            ["finish-two-step", "TOTP0001", "--client-part-stdin"],
            "AS3B CTCU GH4P 4RQV XUMA",
            "typing mistake",
        ),
    ],
)
def test_serial_passcode_and_code_are_checked_before_any_request(
    argv: list[str], stdin: str, message: str
) -> None:
    result = helpdesk(*argv, stdin=stdin, environ=ENV, transport=no_network())
    assert result.code == 65, result.err
    assert message in result.err
    assert result.err.startswith("softtoken-helpdesk: ") and result.err.count("\n") == 1


def test_passcodes_and_codes_never_come_from_argv() -> None:
    for argv in (
        ["link-hard-token", "alice", "--serial", "HW-1234", "--otp", "123456"],
        ["finish-enrollment", "TOTP0001", "--otp", "123456"],
        ["finish-two-step", "TOTP0001", "--client-part", "ES3B CTCU"],
    ):
        result = helpdesk(*argv, environ=ENV, transport=no_network())
        assert result.code == 2, result.err
    result = helpdesk("finish-enrollment", "TOTP0001", environ=ENV, transport=no_network())
    assert result.code == 2 and "--otp-stdin" in result.err


def test_passwords_are_never_prompted_without_a_terminal(tmp_path: object) -> None:
    result = helpdesk("login", "--user", "admin", environ=ENV, transport=no_network())
    assert result.code == 2 and "--password-stdin" in result.err


def test_plain_http_is_refused_for_a_remote_issuer() -> None:
    result = helpdesk(
        "--server", "http://issuer.example.org", "login", "--user", "a", "--password-stdin", stdin="pw\n"
    )
    assert result.code == 78 and "https://" in result.err


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (hd.UsageError("x"), 2),
        (core.SourceNotFound("x"), 66),
        (core.SerialError("x"), 65),
        (core.PasscodeEntryError("x"), 65),
        (core.PskcError("x"), 65),
        (hd.OutputFileError("x"), 73),
        (hd.ConsoleSetupError("x"), 78),
        (hd.IssuerUnavailable("x"), 69),
        (hd.IssuerProtocolError("x"), 76),
        (hd.IssuerAuthError("x"), 77),
        (hd.SessionExpired("x"), 77),
        (hd.IssuerForbidden("x"), 77),
        (hd.IssuerRefused("x"), 65),
        (hd.WrongPasscode("x"), 65),
        (hd.TokenOwnedElsewhere("x"), 65),
        (hd.ImportRefused("x"), 65),
        (hd.PolicyMissing("x"), 65),
        (hd.IssuerError("x"), 1),
        (core.SoftTokenError("x"), 1),
        (RuntimeError("x"), 70),
    ],
)
def test_one_exit_code_per_kind_of_error(error: BaseException, code: int) -> None:
    assert hd.exit_code_for(error) == code


def test_an_unexpected_error_is_reported_without_details() -> None:
    import io

    stream = io.StringIO()
    assert hd.report(KeyError("jwt=eyJ.secret"), stream) == 70
    assert "secret" not in stream.getvalue() and "bug" in stream.getvalue()


@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [
        (401, 4031, hd.SessionExpired),  # outside login: an expired or foreign JWT
        (401, 4304, hd.SessionExpired),
        (403, 303, hd.IssuerForbidden),
        (400, 904, hd.UnknownUser),
        (404, 601, hd.UnknownSerial),
        (400, 1007, hd.TokenRevoked),
        (400, 1103, hd.TokenOwnedElsewhere),
        (400, 304, hd.ImportRefused),
        (400, 905, hd.IssuerRefused),
        (500, -500, hd.IssuerProtocolError),
    ],
)
def test_privacyidea_error_codes(status: int, code: int, kind: type) -> None:
    error = _error(status, code, "ERR: something\nwith a newline", login=False)
    assert type(error) is kind
    assert "\n" not in error.message


def test_a_failed_login_is_a_wrong_password_not_an_expired_session() -> None:
    error = _error(401, 4031, "Authentication failed.", login=True)
    assert type(error) is hd.IssuerAuthError
    assert "admin name and password" in error.message


def test_start_up_does_not_load_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from softtoken.helpdesk.__main__ import run\n"
        "run(['--version'])\n"
        "heavy = ('PySide6', 'cryptography', 'pskc', 'PIL', 'qrcode', 'httpx', 'argon2', 'zxingcpp')\n"
        "bad = [m for m in sys.modules if m.startswith(heavy)]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


@pytest.mark.parametrize("command", [["issue", "jones"], ["replace", "jones", "--reason", "lost"]])
def test_output_files_that_cannot_be_made_are_refused_before_any_request(
    tmp_path: object, command: list[str]
) -> None:
    from pathlib import Path

    from softtoken.helpdesk.errors import EXIT_CANTCREAT

    base = Path(str(tmp_path))
    locked = base / "locked"
    locked.mkdir(mode=0o500)
    cases = [
        (["--png", base / "same", "--link-file", base / "same"], "name the same file"),
        (["--png", base / "missing" / "qr.png"], "does not exist"),
        (["--link-file", base / "missing" / "link.txt"], "does not exist"),
    ]
    if os.geteuid() != 0:  # root may write anywhere
        cases.append((["--png", locked / "qr.png"], "cannot write"))
    for extra, message in cases:
        result = helpdesk(*command, *extra, environ=ENV, transport=no_network())
        assert result.code == EXIT_CANTCREAT, result.err
        assert message in result.err
