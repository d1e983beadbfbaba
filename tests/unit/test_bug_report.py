"""A bug (exit 70) is one line on stderr; its details only with --debug (and in a configured app log).

Real processes: inside pytest a logging handler is always installed, which
hides what Python's last-resort handler prints in a plain process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SECRET = "86" + "42"  # made at run time: not in any source line a traceback shows

_BOOM = """
import sys
import {module} as commands

def boom(*_args):
    raise RuntimeError("internal detail " + "86" + "42")

commands.{function} = boom
from {main} import main
sys.argv = ["prog", *sys.argv[1:]]
main()
"""

CASES = [
    ("softtoken.cli.vault_cmds", "run_status", "softtoken.cli.__main__", ["status"]),
    ("softtoken.helpdesk.session_cmds", "run_logout", "softtoken.helpdesk.__main__", ["logout"]),
]


@pytest.mark.parametrize(("module", "function", "main", "argv"), CASES)
@pytest.mark.parametrize("debug", [False, True])
def test_a_bug_is_one_line_without_debug(
    tmp_path: Path, module: str, function: str, main: str, argv: list[str], debug: bool
) -> None:
    code = _BOOM.format(module=module, function=function, main=main)
    proc = subprocess.run(
        [sys.executable, "-c", code, *(["--debug"] if debug else []), *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp_path),
            "SOFTTOKEN_HOME": str(tmp_path / "h"),
            "SOFTTOKEN_HELPDESK_SESSION": str(tmp_path / "session.json"),
            "LC_ALL": "C.UTF-8",
        },
    )
    assert proc.returncode == 70
    assert "a bug" in proc.stderr and SECRET not in proc.stderr
    if debug:  # the details, for the help desk: type and frames, never the message
        assert "unexpected RuntimeError" in proc.stderr and "in boom" in proc.stderr
    else:
        assert proc.stderr.count("\n") == 1, proc.stderr
        assert "unexpected" not in proc.stderr and "File " not in proc.stderr


def test_core_warnings_stay_off_stderr_without_debug(tmp_path: Path) -> None:
    code = """
import logging, sys
import softtoken.cli.vault_cmds as commands

def warn(ctx, args):
    logging.getLogger("softtoken.core.diagnostics").warning("support export not audited")
    return 0

commands.run_status = warn
from softtoken.cli.__main__ import main
sys.argv = ["softtoken-cli", "status"]
main()
"""
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "LC_ALL": "C.UTF-8"},
    )
    assert (proc.returncode, proc.stderr) == (0, "")
