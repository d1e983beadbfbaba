"""The primary instance's listening socket on Linux and macOS: a plain Unix socket in Qt's event loop.

QLocalServer would do the same, but QtNetwork costs about 2 MB of memory for
the whole session in a window that otherwise never touches the network; a
Unix socket and a QSocketNotifier per connection are all it needs here.

The socket is made user-only before anyone can connect to it: bound under a
temporary name in the (private) runtime folder, set to 0600, then renamed over
the real name, which also replaces a stale socket left by a crashed instance.
A connecting peer must be the same user (SO_PEERCRED where there is one),
since a handed-over link can carry a seed.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import socket
import struct
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)


class UnixLineServer(QObject):
    """Listens at ``path`` and calls ``on_line`` with each line (UTF-8) a client sends."""

    def __init__(
        self, path: str, on_line: Callable[[str], None], limit: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._on_line = on_line
        self._limit = limit
        self._server: socket.socket | None = None
        self._accepting: QSocketNotifier | None = None
        self._clients: dict[int, tuple[socket.socket, QSocketNotifier, bytearray]] = {}

    def listen(self) -> bool:
        # Beside the real name and no longer than it (a Unix socket's path has at most ~107 bytes).
        temporary = os.path.join(os.path.dirname(self.path), f".{os.getpid()}.new")
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            _unlink(temporary)  # left by a crashed process that had this PID
            server.bind(temporary)
            os.chmod(temporary, 0o600)
            os.replace(temporary, self.path)
            server.listen(8)
            server.setblocking(False)
        except OSError as exc:
            server.close()
            _unlink(temporary)
            log.warning("cannot listen for other launches: %s", exc.strerror or type(exc).__name__)
            return False
        self._server = server
        self._accepting = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._accepting.activated.connect(self._accept)
        return True

    def _accept(self) -> None:
        if self._server is None:
            return
        while True:
            try:
                client, _ = self._server.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                log.warning("a launch could not connect: %s", exc.strerror or type(exc).__name__)
                return
            if not _same_user(client):
                log.warning("a program of another user connected; refused")
                client.close()
                continue
            client.setblocking(False)
            fd = client.fileno()
            notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            self._clients[fd] = (client, notifier, bytearray())
            notifier.activated.connect(functools.partial(self._read, fd))  # activated(socket, type)

    def _read(self, fd: int, *_signal: object) -> None:
        entry = self._clients.get(fd)
        if entry is None:
            return
        client, _, pending = entry
        try:
            chunk = client.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        pending += chunk
        if len(pending) > self._limit:
            self._drop(fd)
            return
        while b"\n" in pending:
            line, _, rest = bytes(pending).partition(b"\n")
            pending[:] = rest
            self._on_line(line.decode("utf-8", "replace"))
        if not chunk:  # the launch closed its end
            self._drop(fd)

    def _drop(self, fd: int) -> None:
        client, notifier, pending = self._clients.pop(fd)
        notifier.setEnabled(False)
        notifier.deleteLater()
        pending[:] = bytes(len(pending))
        client.close()

    def close(self) -> None:
        for fd in list(self._clients):
            self._drop(fd)
        if self._accepting is not None:
            self._accepting.setEnabled(False)
            self._accepting.deleteLater()
            self._accepting = None
        if self._server is not None:
            self._server.close()
            self._server = None
            _unlink(self.path)


def _unlink(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _same_user(client: socket.socket) -> bool:
    """On Linux the peer's user is asked; elsewhere the 0600 socket in a private folder is the guard."""
    if sys.platform.startswith("linux"):
        creds = client.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        _pid, uid, _gid = struct.unpack("3i", creds)
        return bool(uid == os.getuid())
    return True
