"""One softtoken window per user and data directory.

A second launch (the e-mail's activation link opens ``softtoken URL``) hands
its link to the running window over a local socket and exits. A lock file
covers the start-up race of two launches at once. The socket lives in the
user's runtime directory (0700) and is created user-only, because a link can
carry a seed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MAX_MESSAGE = 64 * 1024


def _runtime_dir() -> str:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    return location or tempfile.gettempdir()


class SingleInstance(QObject):
    """Either becomes the primary instance (and listens) or hands a message to it."""

    received = Signal(str)

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        uid = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
        key = hashlib.sha256(f"{uid}:{home.resolve()}".encode()).hexdigest()[:16]
        if sys.platform == "win32":
            self.name = f"softtoken-{key}"
        else:
            self.name = os.path.join(_runtime_dir(), f"softtoken-{key}.sock")
        self._lock = QLockFile(os.path.join(_runtime_dir(), f"softtoken-{key}.lock"))
        self._server: QLocalServer | None = None

    def hand_off(self, message: str) -> bool:
        """True if a primary instance took ``message`` (then this process should exit)."""
        self._lock.tryLock(3000)
        try:
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(500):
                socket.write(message.encode("utf-8") + b"\n")
                socket.waitForBytesWritten(1000)
                socket.disconnectFromServer()
                return True
            self._listen()
            return False
        finally:
            self._lock.unlock()

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # a stale socket from a crashed instance
            if not server.listen(self.name):
                log.warning("cannot listen for other launches: %s", server.errorString())
                return
        server.newConnection.connect(self._accept)
        self._server = server

    def _accept(self) -> None:
        if self._server is None:
            return
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(self._on_ready)
            socket.disconnected.connect(socket.deleteLater)  # a C++ slot: safe during teardown

    def _on_ready(self) -> None:
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
