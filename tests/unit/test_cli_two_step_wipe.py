"""softtoken-cli wipes the two-step derived seed and the client part on every path, as the GUI does."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest

from softtoken.cli.__main__ import run
from softtoken.cli.context import CliContext
from softtoken.core.activation import twostep
from softtoken.core.secret import Secret
from softtoken.core.vault.vault import Vault
from tests.vaults import CHEAP, PIN

SERVER = bytes(range(40, 60))
TWO_STEP = (
    f"otpauth://hotp/ACME:dr.jones?secret={base64.b32encode(SERVER).decode()}&counter=0&issuer=ACME"
    "&2step_salt=8&2step_output=20&2step_difficulty=1000"
)
PLAIN = f"otpauth://totp/ACME:old?secret={base64.b32encode(bytes(range(80, 100))).decode()}&issuer=ACME"


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[Secret]:
    """Every client part and derived seed core makes (spied on where it makes them)."""
    secrets: list[Secret] = []

    class Recorded(Secret):
        __slots__ = ()

        def __init__(self, data: bytes | bytearray | memoryview) -> None:
            super().__init__(data)
            secrets.append(self)

    monkeypatch.setattr(twostep, "Secret", Recorded)
    return secrets


def _cli(home: Path, *argv: str | Path, stdin: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    ctx = CliContext(stdin=io.StringIO(stdin), stdout=out, stderr=err, environ={}, kdf=CHEAP)
    return run(["--home", str(home), *map(str, argv)], ctx), out.getvalue(), err.getvalue()


def _assert_wiped(made: list[Secret]) -> None:
    assert len(made) == 2  # the client part and the derived seed
    assert all(secret.wiped for secret in made)


def _broken_activate(*_: object, **__: object) -> None:
    raise RuntimeError("a bug inside the vault")


@pytest.mark.parametrize(
    ("pins", "broken", "expected"),
    [
        (f"{PIN}\n{PIN}\n", False, 0),  # success
        ("8642\n1357\n", False, 65),  # refusal: the PIN typed twice differs
        (f"{PIN}\n{PIN}\n", True, 70),  # an exception that is not ours
    ],
    ids=["success", "refusal", "exception"],
)
def test_activate(
    tmp_path: Path,
    made: list[Secret],
    monkeypatch: pytest.MonkeyPatch,
    pins: str,
    broken: bool,
    expected: int,
) -> None:
    if broken:
        monkeypatch.setattr(Vault, "activate", _broken_activate)
    source = tmp_path / "link.txt"
    source.write_text(TWO_STEP)
    code, out, _ = _cli(tmp_path / "h", "activate", source, "--name", "EPCS", "--pin-stdin", stdin=pins)
    assert code == expected
    assert ("type this activation code" in out) is (expected == 0)
    _assert_wiped(made)


@pytest.mark.parametrize(
    ("pins", "broken", "expected"),
    [(f"{PIN}\n{PIN}\n", False, 0), ("8642\n1357\n", False, 65), (f"{PIN}\n{PIN}\n", True, 70)],
    ids=["success", "refusal", "exception"],
)
def test_replace(
    tmp_path: Path,
    made: list[Secret],
    monkeypatch: pytest.MonkeyPatch,
    pins: str,
    broken: bool,
    expected: int,
) -> None:
    home = tmp_path / "h"
    old = tmp_path / "old.txt"
    old.write_text(PLAIN)
    assert _cli(home, "activate", old, "--name", "EPCS", "--pin-stdin", stdin=f"{PIN}\n")[0] == 0
    if broken:
        monkeypatch.setattr(Vault, "replace", _broken_activate)
    new = tmp_path / "new.txt"
    new.write_text(TWO_STEP)
    argv = ["replace", new, "--token", "EPCS", "--reason", "forgot-pin", "--pin-stdin"]
    code, _, err = _cli(home, *argv, stdin=pins)
    assert code == expected, err
    _assert_wiped(made)


def test_no_pin_given(tmp_path: Path, made: list[Secret]) -> None:
    """No --pin-stdin and no terminal: refused (2), and nothing derived is left unwiped."""
    source = tmp_path / "link.txt"
    source.write_text(TWO_STEP)
    assert _cli(tmp_path / "h", "activate", source, "--name", "EPCS", stdin="")[0] == 2
    assert all(secret.wiped for secret in made)  # the PIN is read first now: nothing was derived
