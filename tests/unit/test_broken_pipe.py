"""``softtoken-cli status | head -1``: a reader that goes away stops a command quietly (exit 141).

Real processes and real pipes: the read end is closed before the command
writes, so every write fails with EPIPE, deterministically.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from tests.vaults import CHEAP, PIN, description

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LC_ALL": "C.UTF-8",
        "SOFTTOKEN_HELPDESK_SESSION": str(tmp_path / "session.json"),
    }


def _into_closed_pipe(argv: list[str], tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte
    try:
        return subprocess.run(
            [sys.executable, "-m", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=_env(tmp_path),
            check=False,
            timeout=60,
        )
    finally:
        os.close(write_end)


@pytest.fixture
def vault_home(tmp_path: Path) -> tuple[Path, Path]:
    """A vault with a file device key (usable by a subprocess without a keyring) and an audit log."""
    policy_file = tmp_path / "policy.toml"
    policy_file.write_text('device_key_store = "file"\n')
    home = tmp_path / "h"
    vault = Vault(home, policy=Policy(device_key_store="file"), kdf=CHEAP)
    vault.activate(description(), "EPCS", PIN, PIN)
    for _ in range(5):
        vault.unlock(None, PIN)
    return home, policy_file


@pytest.mark.parametrize(
    "command",
    [
        ["status"],
        ["list", "--json"],
        ["diagnostics"],
        ["diagnostics", "--json"],
        ["audit", "export"],
        ["--help"],
    ],
)
def test_cli(tmp_path: Path, vault_home: tuple[Path, Path], command: list[str]) -> None:
    home, policy = vault_home
    proc = _into_closed_pipe(
        ["softtoken.cli", "--home", str(home), "--policy", str(policy), *command], tmp_path
    )
    assert (proc.returncode, proc.stderr) == (141, b"")


@pytest.mark.parametrize("command", [["--help"], ["logout"], ["status", "--help"]])
def test_helpdesk(tmp_path: Path, command: list[str]) -> None:
    proc = _into_closed_pipe(["softtoken.helpdesk", *command], tmp_path)
    assert (proc.returncode, proc.stderr) == (141, b"")


def test_head_in_a_shell(tmp_path: Path, vault_home: tuple[Path, Path]) -> None:
    """As typed: head may leave before or after the command writes; either way nothing on stderr."""
    home, policy = vault_home
    script = (
        f'"{sys.executable}" -m softtoken.cli --home "{home}" --policy "{policy}" audit export | head -1; '
        'echo "status=${PIPESTATUS[0]}" >&2'
    )
    proc = subprocess.run(
        ["bash", "-c", script], capture_output=True, env=_env(tmp_path), check=False, timeout=60
    )
    assert proc.stdout.count(b"\n") == 1
    assert proc.stderr in (b"status=0\n", b"status=141\n")


class _GoneReader:
    """Standard output whose reader has left: every write fails as on a closed pipe."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_write_that_fails_mid_command_is_not_a_bug(tmp_path: Path) -> None:
    """The error can come from the command's own write (output longer than the buffer)."""
    import io

    from softtoken.cli.__main__ import run as cli_run
    from softtoken.cli.context import CliContext
    from softtoken.helpdesk.__main__ import run as helpdesk_run
    from softtoken.helpdesk.context import HelpdeskContext

    err = io.StringIO()
    ctx = CliContext(stdin=io.StringIO(""), stdout=_GoneReader(), stderr=err, environ={})  # type: ignore[arg-type]
    assert cli_run(["--home", str(tmp_path / "h"), "status"], ctx) == 141
    hd = HelpdeskContext(
        stdin=io.StringIO(""),
        stdout=_GoneReader(),  # type: ignore[arg-type]
        stderr=err,
        environ={"SOFTTOKEN_HELPDESK_SESSION": str(tmp_path / "none.json")},
    )
    assert helpdesk_run(["logout"], hd) == 141
    assert err.getvalue() == ""
