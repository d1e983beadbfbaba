"""The session file: 0600 in a 0700 folder, never followed through a symlink, refused when exposed."""

from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path

import pytest

from softtoken.helpdesk.errors import ConsoleSetupError, OutputFileError, SessionExpired
from softtoken.helpdesk.session import (
    Session,
    delete_session,
    jwt_expiry,
    load_session,
    save_session,
    write_private_file,
)

from .helpers import helpdesk, no_network


def _jwt(exp: float) -> str:
    def part(obj: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    return f"{part({'alg': 'HS256'})}.{part({'username': 'admin', 'exp': exp})}.c2lnbmF0dXJl"


def _session(exp: float = 2_000_000_000.0) -> Session:
    return Session("https://issuer.example.org", "admin", "e2e", _jwt(exp), 1_700_000_000.0, exp)


def test_saved_with_owner_only_permissions(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "session.json"
    old = os.umask(0)  # even a careless umask must not widen them
    try:
        save_session(path, _session())
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert load_session(path, now=1_800_000_000.0).jwt == _session().jwt


def test_saving_again_replaces_the_file_and_keeps_it_private(tmp_path: Path) -> None:
    path = tmp_path / "private" / "session.json"
    save_session(path, _session())
    save_session(path, _session(2_100_000_000.0))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_session(path, now=0).expires == 2_100_000_000.0
    assert [p.name for p in path.parent.iterdir()] == ["session.json"]  # no temporary left behind


def test_a_readable_session_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "session.json"
    save_session(path, _session())
    os.chmod(path, 0o640)
    with pytest.raises(ConsoleSetupError, match="Others can read"):
        load_session(path, now=0)


def test_a_symlink_is_never_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"
    save_session(target, _session())
    link = tmp_path / "session.json"
    link.symlink_to(target)
    with pytest.raises(ConsoleSetupError):
        load_session(link, now=0)
    with pytest.raises(OutputFileError):
        write_private_file(link, b"x", replace=False)
    assert load_session(target, now=0).admin == "admin"


def test_a_folder_others_can_write_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)  # noqa: S103 - the unsafe folder under test
    with pytest.raises(ConsoleSetupError, match="Others can write"):
        save_session(shared / "session.json", _session())


def test_expired_and_damaged_sessions(tmp_path: Path) -> None:
    path = tmp_path / "session.json"
    save_session(path, _session(exp=1_000.0))
    with pytest.raises(SessionExpired, match="expired"):
        load_session(path, now=2_000.0)
    os.chmod(path, 0o600)
    path.write_text("{not json")
    with pytest.raises(ConsoleSetupError, match="damaged"):
        load_session(path, now=0)
    with pytest.raises(SessionExpired, match="not logged in"):
        load_session(tmp_path / "missing.json")


def test_output_files_are_new_and_private(tmp_path: Path) -> None:
    path = tmp_path / "qr.png"
    write_private_file(path, b"png", replace=False)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(OutputFileError, match="exists already"):
        write_private_file(path, b"other", replace=False)
    assert path.read_bytes() == b"png"


def test_jwt_expiry_and_repr() -> None:
    assert jwt_expiry(_jwt(1234.0)) == 1234.0
    assert jwt_expiry("not-a-jwt") is None
    assert _session().jwt not in repr(_session())


def test_logout_deletes_only_the_session_file(tmp_path: Path) -> None:
    path = tmp_path / "session.json"
    save_session(path, _session())
    assert delete_session(path) and not path.exists()
    assert not delete_session(path)
    result = helpdesk("--session", path, "logout")
    assert result.code == 0 and "nothing to do" in result.out


def test_a_session_is_never_sent_to_another_server(tmp_path: Path) -> None:
    path = tmp_path / "session.json"
    save_session(path, _session())
    result = helpdesk(
        "--session", path, "--server", "https://evil.example.net", "status", "alice", transport=no_network()
    )
    assert result.code == 78 and "is for https://issuer.example.org" in result.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_new_session_never_replaces_a_special_file_or_a_symlink(tmp_path: Path) -> None:
    """--session /dev/null as root renamed a regular file over the device (found by the fuzzer).

    A FIFO and a symlink stand in for the device: a test never touches /dev itself."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    target = tmp_path / "target"
    target.write_text("keep")
    link = tmp_path / "link"
    link.symlink_to(target)
    folder = tmp_path / "folder"
    folder.mkdir()
    for path in (fifo, link, folder):
        with pytest.raises(ConsoleSetupError, match="not a session file"):
            save_session(path, _session())
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink() and target.read_text() == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "fifo",
        "folder",
        "home",
        "link",
        "target",
    ]  # no temp
    save_session(tmp_path / "fresh.json", _session())  # a new name, and then the same file again, are fine
    save_session(tmp_path / "fresh.json", _session())
