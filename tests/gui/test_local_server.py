"""The primary instance's Unix socket (gui/local_server.py): user-only, stale ones replaced, lines whole."""

from __future__ import annotations

import socket
import stat
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from softtoken.gui.local_server import UnixLineServer

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows uses QLocalServer's named pipe")


def served(socket_dir: Path, limit: int = 1024) -> tuple[UnixLineServer, list[str], str]:
    path = str(socket_dir / "softtoken-0123456789abcdef.sock")
    lines: list[str] = []
    server = UnixLineServer(path, lines.append, limit)
    assert server.listen()
    return server, lines, path


def send(path: str, *chunks: bytes) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.connect(path)
        for chunk in chunks:
            client.sendall(chunk)


def test_lines_arrive_whole_even_in_pieces(qtbot: QtBot, socket_dir: Path) -> None:
    server, lines, path = served(socket_dir)
    try:
        send(path, b"OPEN otpauth://totp/A:b?sec", "ret=X&issuer=Ä\nSHOW\n".encode())
        qtbot.waitUntil(lambda: len(lines) == 2)
        assert lines == ["OPEN otpauth://totp/A:b?secret=X&issuer=Ä", "SHOW"]
    finally:
        server.close()


def test_the_socket_is_the_users_alone_and_goes_when_closed(socket_dir: Path) -> None:
    server, _, path = served(socket_dir)
    assert stat.S_IMODE(Path(path).stat().st_mode) == 0o600
    assert [p.name for p in Path(path).parent.iterdir()] == [Path(path).name]  # no temporary name left
    server.close()
    assert not Path(path).exists()


def test_a_stale_socket_of_a_crashed_instance_is_replaced(qtbot: QtBot, socket_dir: Path) -> None:
    path = str(socket_dir / "softtoken-0123456789abcdef.sock")
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)
    stale.close()  # the file stays, nobody listens: as after a crash
    lines: list[str] = []
    server = UnixLineServer(path, lines.append, 1024)
    try:
        assert server.listen()
        send(path, b"SHOW\n")
        qtbot.waitUntil(lambda: lines == ["SHOW"])
    finally:
        server.close()


def test_a_message_over_the_limit_is_dropped_unread(qtbot: QtBot, socket_dir: Path) -> None:
    server, lines, path = served(socket_dir, limit=64)
    try:
        send(path, b"x" * 200 + b"\n")
        send(path, b"SHOW\n")  # the next launch is heard as usual
        qtbot.waitUntil(lambda: lines == ["SHOW"])
    finally:
        server.close()


def test_a_folder_it_cannot_write_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    server = UnixLineServer(str(tmp_path / "missing" / "x.sock"), print, 64)
    assert server.listen() is False
