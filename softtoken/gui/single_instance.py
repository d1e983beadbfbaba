"""One softtoken window per user and data directory.

A second launch (the e-mail's activation link opens ``softtoken URL``) hands
its link to the running window over a local socket and exits. A lock file
covers the start-up race of two launches at once. The socket lives in the
user's runtime directory (0700) and is created user-only, because a link can
carry a seed.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

    from .local_server import UnixLineServer

log = logging.getLogger(__name__)

MAX_MESSAGE = 64 * 1024


def _private(path: str) -> bool:
    """A folder only we can use: ours, and closed to group and others (not a shared /tmp)."""
    if sys.platform == "win32":
        return True
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def _name_key(text: str) -> str:
    """16 hex digits naming the socket and lock of one user's data directory.

    A name, not a secret or a check (the folder is private and the peer's user is
    verified), so two checksums from zlib do; hashlib would load OpenSSL before
    the first paint (~2.5 ms).
    """
    import zlib

    data = text.encode("utf-8")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _runtime_dir(home: Path) -> str:
    """The user's runtime folder if it is private; else a folder in softtoken's own data directory.

    Never a shared /tmp: another user could bind the socket first and receive the links
    (which carry seeds) that later launches hand over.
    """
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    if location and _private(location):
        return location
    fallback = home / "run"
    fallback.mkdir(mode=0o700, parents=True, exist_ok=True)
    return str(fallback)


class SingleInstance(QObject):
    """Either becomes the primary instance (and listens) or hands a message to it."""

    received = Signal(str)

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        uid = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
        key = _name_key(f"{uid}:{home.resolve()}")
        runtime = _runtime_dir(home)
        if sys.platform == "win32":
            self.name = f"softtoken-{key}"
        else:
            self.name = os.path.join(runtime, f"softtoken-{key}.sock")
        self._lock = QLockFile(os.path.join(runtime, f"softtoken-{key}.lock"))
        self._server: QLocalServer | UnixLineServer | None = None

    def hand_off(self, message: str) -> bool:
        """True if a primary instance took ``message`` (then this process should exit).

        Otherwise this process is the primary: it keeps the start-up lock until
        :meth:`listen`, which the app calls right after its first paint, so a
        launch racing with this one waits and then finds the server.
        """
        if not self._lock.tryLock(3000):
            log.warning("another softtoken start holds the start-up lock; going on without it")
        try:
            delivered = self._send(message)
        except BaseException:
            self._lock.unlock()
            raise
        if delivered:
            self._lock.unlock()
        return delivered

    def _send(self, message: str) -> bool:
        data = message.encode("utf-8") + b"\n"
        if sys.platform == "win32":
            from PySide6.QtNetwork import QLocalSocket

            client = QLocalSocket()
            client.connectToServer(self.name)
            if not client.waitForConnected(500):
                return False
            client.write(data)
            client.waitForBytesWritten(1000)
            client.disconnectFromServer()
            return True
        # A plain Unix socket: QtNetwork stays out of start-up (it costs ~7 ms to load).
        if not os.path.exists(self.name):
            return False  # nobody listens (the usual start): no need to load the socket module
        import socket

        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(1.0)
            try:
                client.connect(self.name)
                if not self._ours(client):
                    log.warning("a program of another user listens at %s; the link is not sent", self.name)
                    return False
                client.sendall(data)
            except OSError:
                return False
        return True

    def _ours(self, client: Any) -> bool:
        """The listening end must be our own user's (the link carries a seed)."""
        import socket
        import struct

        if os.lstat(self.name).st_uid != os.getuid():
            return False
        if sys.platform.startswith("linux"):
            creds = client.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
            _pid, peer_uid, _gid = struct.unpack("3i", creds)
            return bool(peer_uid == os.getuid())
        return True

    def listen(self) -> None:
        """Become the primary: take other launches' messages from now on."""
        try:
            self._listen()
        finally:
            self._lock.unlock()

    def _listen(self) -> None:
        if sys.platform != "win32":  # a plain Unix socket: QtNetwork would cost ~2 MB for the session
            from .local_server import UnixLineServer

            unix = UnixLineServer(self.name, self.received.emit, MAX_MESSAGE, self)
            if unix.listen():
                self._server = unix
            return
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # a stale pipe from a crashed instance
            if not server.listen(self.name):
                log.warning("cannot listen for other launches: %s", server.errorString())
                return
        server.newConnection.connect(self._accept)
        self._server = server

    def _accept(self) -> None:  # Windows: QLocalServer's named pipe
        from PySide6.QtNetwork import QLocalServer

        if not isinstance(self._server, QLocalServer):
            return
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(self._on_ready)
            socket.disconnected.connect(socket.deleteLater)  # a C++ slot: safe during teardown

    def _on_ready(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = self.sender()
        if not isinstance(socket, QLocalSocket):
            return
        pending = socket.property("pending")
        data = (bytes(pending) if pending else b"") + bytes(socket.readAll().data())
        if len(data) > MAX_MESSAGE:
            socket.abort()
            return
        while b"\n" in data:
            line, data = data.split(b"\n", 1)
            self.received.emit(line.decode("utf-8", "replace"))
        socket.setProperty("pending", data)

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
