"""The one wording of lockout waits and attempts left (core): minutes and seconds, the last attempt said."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from softtoken.cli.__main__ import run
from softtoken.cli.context import CliContext
from softtoken.core.clock import FixedClock
from softtoken.core.vault.lockout import (
    attempts_left_sentence,
    locked_out_error,
    try_again_sentence,
    wrong_pin_error,
)
from tests.vaults import CHEAP, PIN


@pytest.mark.parametrize(
    ("seconds", "sentence"),
    [
        (598, "Try again in 9 min 58 s."),
        (600, "Try again in 10 min."),
        (60, "Try again in 1 min."),
        (61, "Try again in 1 min 1 s."),
        (45, "Try again in 45 s."),
        (5, "Try again in 5 s."),
        (1, "Try again in 1 s."),
    ],
)
def test_waits_are_said_in_minutes_and_seconds(seconds: int, sentence: str) -> None:
    template, params = try_again_sentence(seconds)
    assert template.format(**params) == sentence
    assert all(isinstance(v, int) for v in params.values())  # numbers only: the template is translated


def test_the_last_attempt_is_singled_out() -> None:
    template, params = attempts_left_sentence(1)
    assert template == "1 attempt left: the next wrong PIN disables this token." and params == {}
    assert attempts_left_sentence(7) == ("{left} attempts left before this token is disabled.", {"left": 7})


def test_wrong_pin_and_locked_out_messages_use_the_same_words() -> None:
    assert (
        wrong_pin_error("EPCS", 9, 10, 600).message
        == "Incorrect PIN. 1 attempt left: the next wrong PIN disables this token. Try again in 10 min."
    )
    assert (
        wrong_pin_error("EPCS", 4, 10, 15).message
        == "Incorrect PIN. 6 attempts left before this token is disabled. Try again in 15 s."
    )
    assert (
        wrong_pin_error("EPCS", 1, 10, 0).message
        == "Incorrect PIN. 9 attempts left before this token is disabled."
    )
    locked = locked_out_error(598, 3)
    assert locked.message == (
        "Too many wrong PINs. Try again in 9 min 58 s. 3 attempts left before this token is disabled."
    )
    assert locked.params == {"minutes": 9, "seconds": 58, "left": 3} and locked.wait_seconds == 598


def test_the_cli_says_the_last_attempt_and_the_wait(tmp_path: Path) -> None:
    import io

    home = tmp_path / "home"
    policy = tmp_path / "policy.toml"
    policy.write_text("max_attempts = 4\n")
    link = tmp_path / "link.txt"
    link.write_text(f"otpauth://totp/A:b?secret={base64.b32encode(bytes(range(1, 21))).decode()}&issuer=A")

    def cli(*argv: str | Path, stdin: str) -> tuple[int, str]:
        err = io.StringIO()
        ctx = CliContext(
            stdin=io.StringIO(stdin),
            stdout=io.StringIO(),
            stderr=err,
            clock=FixedClock(1_750_000_000),
            environ={},
            kdf=CHEAP,
        )
        return run(["--home", str(home), "--policy", str(policy), *map(str, argv)], ctx), err.getvalue()

    assert cli("activate", link, "--name", "t", "--pin-stdin", stdin=PIN)[0] == 0
    for _ in range(2):
        cli("code", "--pin-stdin", stdin="1357")
    code, err = cli("code", "--pin-stdin", stdin="1357")
    assert code == 77
    assert "Incorrect PIN. 1 attempt left: the next wrong PIN disables this token. Try again in 5 s." in err
    code, err = cli("code", "--pin-stdin", stdin=PIN)
    assert code == 75
    assert (
        "Too many wrong PINs. Try again in 5 s. 1 attempt left: the next wrong PIN disables this token."
        in err
    )
