"""Files that are not files: devices, FIFOs, folders, endless files. Refused at once, never read.

A FIFO without a writer blocks ``open()`` forever, so those cases run the real
entry points in a subprocess with a time bound; the rest run in-process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_runner import cli
from tests.helpdesk.helpers import helpdesk, no_network
from tests.pskc_files import write_pskc

SEED = bytes(range(20))
PSK = bytes.fromhex("00112233445566778899aabbccddeeff")
HOTP = "urn:ietf:params:xml:ns:keyprov:pskc:hotp"
DEVICES = [Path("/dev/zero"), Path("/dev/urandom")]
ENV = {"SOFTTOKEN_ISSUER_URL": "http://127.0.0.1:9"}

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and FIFOs")


def _files(tmp_path: Path) -> tuple[Path, Path]:
    keys = [dict(serial="HW-77", id="HW-77", secret=SEED, algorithm=HOTP)]
    return (
        write_pskc(tmp_path / "psk.pskc", keys, psk=PSK),
        write_pskc(tmp_path / "pw.pskc", keys, password="s3cret"),
    )


def _cli_cases(odd: Path, tmp_path: Path) -> list[list[str | Path]]:
    by_psk, by_password = _files(tmp_path)
    home = ["--home", tmp_path / "h"]
    return [
        ["inspect", odd],
        [*home, "activate", odd, "--name", "t", "--pin-stdin"],
        ["inspect", by_psk, "--psk-file", odd],
        ["inspect", by_password, "--password-file", odd],
    ]


def _helpdesk_cases(odd: Path, tmp_path: Path) -> list[list[str | Path]]:
    by_psk, _ = _files(tmp_path)
    return [
        ["import-pskc", odd],
        ["import-pskc", by_psk, "--psk-file", odd],
        ["--issuer-key", odd, "--admin", "a", "--admin-password-stdin", "status", "bob"],
        [
            "--ca-file",
            odd,
            "--server",
            "https://127.0.0.1:9",
            "--admin",
            "a",
            "--admin-password-stdin",
            "status",
            "b",
        ],
        ["--session", odd, "status", "bob"],
    ]


@pytest.mark.parametrize("odd", [*DEVICES, "folder"], ids=str)
def test_cli_refuses_devices_and_folders(tmp_path: Path, odd: Path | str) -> None:
    path = tmp_path if odd == "folder" else Path(odd)
    for argv in _cli_cases(path, tmp_path):
        result = cli(*argv, stdin="8642\n8642\n")
        assert result.code == 66, (argv, result.err)
        assert result.err.count("\n") == 1 and "Traceback" not in result.err
        assert ("folder" if odd == "folder" else "not a regular file") in result.err


@pytest.mark.parametrize("odd", [*DEVICES, "folder"], ids=str)
def test_helpdesk_refuses_devices_and_folders(tmp_path: Path, odd: Path | str) -> None:
    path = tmp_path if odd == "folder" else Path(odd)
    for argv in _helpdesk_cases(path, tmp_path):
        result = helpdesk(*argv, stdin="pw\n", environ=ENV, transport=no_network())
        assert result.code in (66, 78), (argv, result.err)  # an input file; the console's setup
        assert result.err.count("\n") == 1 and "Traceback" not in result.err


def test_too_large_files_are_refused_unread(tmp_path: Path) -> None:
    by_psk, _ = _files(tmp_path)
    huge = tmp_path / "huge"
    with huge.open("wb") as handle:  # sparse: 30 MiB of nothing on disk
        handle.truncate(30 * 1024 * 1024)
    for argv in (["inspect", huge], ["inspect", by_psk, "--psk-file", huge]):
        result = cli(*argv)
        assert result.code == 65 and "too large" in result.err, result.err
    result = helpdesk("import-pskc", huge, environ=ENV, transport=no_network())
    assert result.code == 65 and "too large" in result.err, result.err


def _run(module: str, argv: list[str | Path], tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "SOFTTOKEN_ISSUER_URL": "http://127.0.0.1:9",
        "LC_ALL": "C.UTF-8",
    }
    return subprocess.run(
        [sys.executable, "-m", module, *map(str, argv)],
        input=b"8642\n8642\n",
        capture_output=True,
        check=False,
        env=env,
        timeout=60,  # a bound, not a timing assumption: the old code blocked here for ever
    )


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for module, cases in (
        ("softtoken.cli", _cli_cases(fifo, tmp_path)),
        ("softtoken.helpdesk", _helpdesk_cases(fifo, tmp_path)),
    ):
        for argv in cases:
            proc = _run(module, argv, tmp_path)
            assert proc.returncode in (66, 78), (argv, proc.stderr)
            assert b"not a regular file" in proc.stderr and proc.stderr.count(b"\n") == 1


def test_a_symlink_loop_as_output_file_is_refused_not_a_bug(tmp_path: Path) -> None:
    loop_a, loop_b = tmp_path / "loop-a", tmp_path / "loop-b"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    env = {**ENV, "SOFTTOKEN_HELPDESK_SESSION": str(tmp_path / "none.json")}
    result = helpdesk("issue", "bob", "--png", loop_a, "--link-file", tmp_path / "l.txt", environ=env)
    assert result.code == 73 and "exists already" in result.err, result.err
