"""The data folder (--home, $SOFTTOKEN_HOME): one clear error (exit 73) for a folder that is not one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from softtoken.core.errors import DataDirectoryError
from softtoken.core.paths import prepare_home, resolve_home
from tests.cli_runner import cli

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="/dev/null and /proc")


def _bad_homes(tmp_path: Path) -> list[str]:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    return ["", " ", "/dev/null", str(a_file), str(a_file / "sub"), "/proc", "/proc/softtoken-test"]


def test_core_refuses_what_is_not_a_writable_folder(tmp_path: Path) -> None:
    for bad in _bad_homes(tmp_path):
        with pytest.raises(DataDirectoryError) as caught:
            prepare_home(resolve_home(bad, {}))
        assert "\n" not in caught.value.message
    fine = prepare_home(resolve_home(tmp_path / "new" / "home", {}))
    assert fine.is_dir() and fine.stat().st_mode & 0o777 == 0o700
    assert list(fine.iterdir()) == []  # the write test leaves nothing behind


def test_an_empty_environment_variable_is_unset_but_an_empty_option_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_home(None, {"SOFTTOKEN_HOME": ""}) == tmp_path / "xdg" / "softtoken"
    with pytest.raises(DataDirectoryError, match="--home is empty"):
        resolve_home("", {"SOFTTOKEN_HOME": str(tmp_path / "env")})


@pytest.mark.parametrize(
    "command", [["status"], ["code", "--pin-stdin"], ["diagnostics"], ["audit", "verify"]]
)
def test_cli_bad_home_is_one_line_and_exit_73(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    for bad in _bad_homes(tmp_path):
        result = cli("--home", bad, *command, stdin="8642\n")
        assert result.code == 73, (bad, result.err)
        assert result.err.startswith("softtoken-cli: ") and result.err.count("\n") == 1
        assert "data folder" in result.err or "--home is empty" in result.err
        result = cli(*command, stdin="8642\n", environ={"SOFTTOKEN_HOME": bad or "/dev/null"})
        assert result.code == 73, (bad, result.err)
    assert not (tmp_path / "xdg").exists()  # --home '' never fell back to the default folder
