"""User names, serials, passcodes and times: checked or shaped before anything reaches the issuer."""

from __future__ import annotations

import os
import re
import stat
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from softtoken.core.errors import ClientPartError, PasscodeEntryError, SerialError
from softtoken.helpdesk import errors as hd
from softtoken.helpdesk.entry import activation_code, app_passcode
from softtoken.helpdesk.identifiers import UserNameError, check_user_name, serial_from_text
from softtoken.helpdesk.times import iso, local_text, parse_issuer_time

from .helpers import helpdesk, no_network

ENV = {"SOFTTOKEN_ISSUER_URL": "http://127.0.0.1:9"}
BLANKS = ["", " ", "   ", "\t", "\u00a0"]
ODD = ["a b", " alice", "alice ", "*", "alice,bob", "al;ice", 'al"ice', "x\x00y", "_alice", "a" * 129]
# Every command that takes a USER, with what else it needs to get that far.
WITH_USER = [
    (["issue", "{u}", "--no-qr"], ""),
    (["replace", "{u}", "--reason", "new-token", "--serial", "TOTP00001234"], ""),
    (["link-hard-token", "{u}", "--serial", "HW1234", "--otp-stdin"], "123456"),
    (["status", "{u}"], ""),
    (["check", "{u}", "--otp-stdin"], "123456"),
    (["check", "{u}", "--serial", "TOTP00001234", "--otp-stdin"], "123456"),
    (["reset", "{u}"], ""),
    (["reset", "{u}", "--serial", "TOTP00001234"], ""),
    (["resync", "{u}", "--serial", "TOTP00001234", "--otp-stdin"], "123456 234567"),
    (["enable", "{u}", "--serial", "TOTP00001234"], ""),
    (["disable", "{u}", "--serial", "TOTP00001234"], ""),
    (["revoke", "{u}", "--serial", "TOTP00001234"], ""),
    (["unassign", "{u}", "--serial", "TOTP00001234"], ""),
    (["cancel", "{u}", "--serial", "TOTP00001234"], ""),
    (["history", "{u}"], ""),
]


@pytest.mark.parametrize("name", BLANKS + ODD)
@pytest.mark.parametrize(("argv", "stdin"), WITH_USER)
def test_a_blank_or_odd_user_is_refused_before_any_request(name: str, argv: list[str], stdin: str) -> None:
    result = helpdesk(
        *(a.replace("{u}", name) for a in argv), stdin=stdin, environ=ENV, transport=no_network()
    )
    assert result.code == 65, result.err
    assert "user name" in result.err and result.out == ""
    assert result.err.startswith("softtoken-helpdesk: ") and result.err.count("\n") == 1


@pytest.mark.parametrize(
    "name", ["alice", "j.smith", "o'brien", "anna-lena", "dr+epcs", "bob@clinic", "Zoë", "42"]
)
def test_ordinary_user_names_pass(name: str) -> None:
    assert check_user_name(name) == name


def test_the_odd_character_is_named() -> None:
    with pytest.raises(UserNameError, match=r"'\*' \(asterisk, U\+002A\)"):
        check_user_name("*")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("HW–000201", "en dash, U+2013"),
        ("HW—1234", "em dash, U+2014"),
        ("HW\u00a01234", "a no-break space (U+00A0)"),
    ],
)
def test_a_typographic_character_in_a_serial_is_named(text: str, named: str) -> None:
    with pytest.raises(SerialError, match=re.escape(named)):
        serial_from_text(text)
    result = helpdesk("token", text, environ=ENV, transport=no_network())
    assert result.code == 65 and named in result.err


def test_serials_are_still_normalised() -> None:
    assert serial_from_text("hw-000 201") == "HW000201"


def test_a_soft_tokens_passcode_is_not_a_button_press() -> None:
    with pytest.raises(PasscodeEntryError) as short:
        app_passcode("12345")
    assert "you typed 5" in short.value.message and "app" in short.value.message
    assert "button" not in short.value.message
    with pytest.raises(PasscodeEntryError) as letters:
        app_passcode("12a456")
    assert "button" not in letters.value.message
    result = helpdesk("finish-enrollment", "TOTP00001234", "--otp-stdin", stdin="12345", environ=ENV,
                      transport=no_network())  # fmt: skip
    assert result.code == 65 and "button" not in result.err and "app shows" in result.err


def test_an_activation_code_missing_a_group_is_too_short() -> None:
    from softtoken.core.activation.base32check import encode, group

    code = group(encode(bytes(range(8))))
    assert activation_code(code) == bytes(range(8))
    with pytest.raises(ClientPartError, match="too short.*16 characters.*expects 20.*one group is missing"):
        activation_code(code.rsplit(" ", 1)[0])
    with pytest.raises(ClientPartError, match="2 groups are missing"):
        activation_code(code.rsplit(" ", 2)[0])


def test_times_are_local_with_date_and_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        moment = datetime(2026, 11, 26, 12, 48, 30, tzinfo=UTC)
        assert local_text(moment) == "2026-11-26 13:48 CET"
        assert iso(moment) == "2026-11-26T13:48:30+01:00"
        assert local_text(None) == "-" and iso(None) is None
        # privacyIDEA's last_auth format, its ISO dates, and the audit log's naive local time
        assert parse_issuer_time("2026-11-26 13:48:30.123456+0100") == moment.replace(microsecond=123456)
        assert parse_issuer_time("2026-11-26T12:48:30+00:00") == moment
        assert iso(parse_issuer_time("2026-11-26T13:48:30.5")) == "2026-11-26T13:48:30+01:00"
        assert parse_issuer_time("yesterday") is None and parse_issuer_time(None) is None
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_broken_pipe_is_exit_141_and_says_nothing() -> None:
    import io

    err = io.StringIO()
    assert hd.report(BrokenPipeError(), err) == 141
    assert err.getvalue() == ""


def test_files_only_without_a_file_is_refused_before_any_request() -> None:
    result = helpdesk("issue", "alice", "--files-only", environ=ENV, transport=no_network())
    assert result.code == 2 and "--link-file" in result.err
    policy = {**ENV, "SOFTTOKEN_HELPDESK_FILES_ONLY": "1"}
    result = helpdesk("replace", "alice", "--reason", "lost", environ=policy, transport=no_network())
    assert result.code == 2 and "--link-file" in result.err
    bad = helpdesk("issue", "alice", environ={**ENV, "SOFTTOKEN_HELPDESK_FILES_ONLY": "maybe"},
                   transport=no_network())  # fmt: skip
    assert bad.code == 78


def test_held_activations_are_private_and_end_with_the_session(tmp_path: Path) -> None:
    import io

    from softtoken.helpdesk import pending
    from softtoken.helpdesk.context import HelpdeskContext

    folder = tmp_path / "s"
    folder.mkdir(mode=0o700)
    now = [1000.0]
    ctx = HelpdeskContext(
        stdout=io.StringIO(), environ={"SOFTTOKEN_HELPDESK_SESSION": str(folder / "session.json")},
        now=lambda: now[0],
    )  # fmt: skip
    held = pending.Held("OATH0001", "carol", "e2e", "verify", "otpauth://hotp/x?secret=AAAA", 999.0)
    assert "secret" not in repr(held)
    assert pending.hold(ctx, "https://issuer", held, expires=2000.0)
    path = folder / "session.json.pending"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert pending.held(ctx, "https://issuer", "OATH0001") == held
    assert pending.held(ctx, "https://other", "OATH0001") is None  # only for the server it came from
    os.chmod(path, 0o644)
    assert pending.held(ctx, "https://issuer", "OATH0001") is None  # others could read it: not trusted
    os.chmod(path, 0o600)
    now[0] = 2001.0
    assert pending.held(ctx, "https://issuer", "OATH0001") is None  # the session expired
    assert not path.exists()
    one_shot = HelpdeskContext(admin="admin", environ=ctx.environ)
    assert not pending.hold(one_shot, "https://issuer", held, expires=None)  # --admin keeps nothing
