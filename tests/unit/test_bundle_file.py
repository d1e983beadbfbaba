"""``diagnostics --bundle FILE``: created 0600 exclusively, never over a file, nothing half-written."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from softtoken.core.diagnostics import save_bundle, support_card
from softtoken.core.errors import CannotWriteFile
from tests.cli_runner import cli
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes, devices, rlimits")


def _diagnostics(tmp_path: Path, target: Path | str) -> tuple[int, str]:
    result = cli("--home", tmp_path / "h", "diagnostics", "--bundle", target)
    assert "Traceback" not in result.err
    return result.code, result.err


def test_missing_folder(tmp_path: Path) -> None:
    code, err = _diagnostics(tmp_path, tmp_path / "no" / "such" / "b.zip")
    assert code == 73 and "does not exist" in err and err.count("\n") == 1
    assert not (tmp_path / "no").exists()


def test_a_folder_a_device_and_an_existing_file_are_never_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code, err = _diagnostics(tmp_path, folder)
    assert code == 73 and "is a folder" in err and not any(folder.iterdir())
    code, err = _diagnostics(tmp_path, "/dev/full")
    assert code == 73 and "not a regular file" in err
    existing = tmp_path / "support.zip"
    existing.write_bytes(b"keep me")
    code, err = _diagnostics(tmp_path, existing)
    assert code == 73 and "already exists" in err and existing.read_bytes() == b"keep me"


def test_a_planted_symlink_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    link = tmp_path / "support.zip"
    link.symlink_to(victim)
    code, err = _diagnostics(tmp_path, link)
    assert code == 73 and "already exists" in err
    assert victim.read_bytes() == b"precious" and link.is_symlink()
    dangling = tmp_path / "dangling.zip"
    dangling.symlink_to(tmp_path / "would-be-created")
    assert _diagnostics(tmp_path, dangling)[0] == 73
    assert not (tmp_path / "would-be-created").exists()


def test_created_0600_from_the_start(
    tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = make_vault(tmp_path / "h", memory_keyring)
    vault.activate(description(), "EPCS", PIN, PIN)
    target = tmp_path / "support.zip"
    modes: list[int] = []
    real_writestr = zipfile.ZipFile.writestr

    def spy(self: zipfile.ZipFile, *args: object, **kwargs: object) -> None:
        modes.append(target.stat().st_mode & 0o777)  # the file as it is while being written
        real_writestr(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "writestr", spy)
    old_umask = os.umask(0)
    try:
        save_bundle(target, support_card(vault, vault.policy, vault.clock), vault)
    finally:
        os.umask(old_umask)
    assert modes and set(modes) == {0o600}
    assert target.stat().st_mode & 0o777 == 0o600


def test_replace_is_atomic_and_refuses_nothing_it_was_asked_to_replace(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    vault = make_vault(tmp_path / "h", memory_keyring)
    target = tmp_path / "support.zip"
    target.write_bytes(b"old")
    card = support_card(vault, vault.policy, vault.clock)
    with pytest.raises(CannotWriteFile, match="already exists"):
        save_bundle(target, card, vault)
    save_bundle(target, card, vault, replace=True)  # the GUI, after its dialog asked
    assert zipfile.is_zipfile(target) and target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _small_file_limit() -> None:  # runs in the child: files may grow to 4 KiB, then writes fail
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_full_disk_leaves_no_partial_bundle(tmp_path: Path) -> None:
    home = tmp_path / "h"
    (home / "logs").mkdir(parents=True)
    (home / "logs" / "softtoken.log").write_bytes(os.urandom(64 * 1024))  # incompressible
    target = tmp_path / "support.zip"
    proc = subprocess.run(
        [sys.executable, "-m", "softtoken.cli", "--home", str(home), "diagnostics", "--bundle", str(target)],
        capture_output=True,
        check=False,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp_path),
            "LC_ALL": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1",  # the size limit would cut a .pyc short
        },
        preexec_fn=_small_file_limit,
        timeout=60,
    )
    assert proc.returncode == 73, proc.stderr
    assert b"disk full" in proc.stderr and proc.stderr.count(b"\n") == 1
    assert not target.exists()
    assert b"Data directory:" in proc.stdout  # the card itself still came out
