from __future__ import annotations

from pathlib import Path

import pytest

from softtoken.cli import inspect_cmd
from softtoken.core.paths import resolve_home
from tests.cli_runner import cli


def test_home_option_wins_over_environment(tmp_path: Path) -> None:
    env = {"SOFTTOKEN_HOME": str(tmp_path / "env")}
    assert resolve_home(tmp_path / "opt", env) == tmp_path / "opt"
    assert resolve_home(None, env) == tmp_path / "env"


def test_default_home_follows_platformdirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_home(None, {}) == tmp_path / "xdg" / "softtoken"


def test_a_bug_is_reported_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> int:
        raise RuntimeError("internal detail otpauth://secret=XYZ")

    monkeypatch.setattr(inspect_cmd, "load_source", broken)
    result = cli("inspect", "-", stdin="x")
    assert result.code == 70
    assert "a bug" in result.err and "Traceback" not in result.err
    assert "XYZ" not in result.err


def test_a_bug_is_logged_without_its_message(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    secret = "".join(["86", "42", "x"])  # made at run time: not in any source line a traceback shows

    def broken(*_: object) -> int:
        raise ValueError(f"invalid literal for int() with base 10: {secret!r}")

    monkeypatch.setattr(inspect_cmd, "load_source", broken)
    caplog.set_level(logging.DEBUG)
    assert cli("inspect", "-", stdin="x").code == 70
    assert "ValueError" in caplog.text and "8642" not in caplog.text
