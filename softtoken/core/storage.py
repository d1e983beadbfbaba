"""Files that survive a crash: private modes, atomic replacement, one writer at a time."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import VaultBusy, VaultError

DIR_MODE = 0o700
FILE_MODE = 0o600


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) with mode 0700; tighten an existing one we own."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if sys.platform != "win32":
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, DIR_MODE)
    return path


def _fsync_dir(directory: Path) -> None:
    if sys.platform == "win32":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: temp file (0600, O_EXCL), fsync, rename, fsync dir."""
    # os.urandom, as secrets.token_hex would: importing secrets loads OpenSSL (core/digest.py).
    tmp = path.with_name(f"{path.name}.tmp-{os.urandom(6).hex()}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, FILE_MODE)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def remove_stale_temps(path: Path) -> None:
    """Temp files left by a crash are never the vault; delete them."""
    for stale in path.parent.glob(f"{path.name}.tmp-*"):
        with contextlib.suppress(OSError):
            stale.unlink()


def read_private(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


class UnreadableFile(Exception):
    """A path that is not a regular file, or holds more than its reader expects.

    ``reason`` completes a sentence about the file: "is not a regular file",
    "is larger than 1 MiB". Callers wrap it in the error their front ends map
    (a bad activation source, a bad policy), so no device, FIFO or endless
    file can hang a reader or fill its memory.
    """

    def __init__(self, reason: str, size: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.size = size  # the limit in words ("1 MiB") when the file is too large


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Refuses FIFOs, devices, sockets and directories without blocking on them
    (the file is opened non-blocking, then checked with ``fstat``), and stops
    reading after ``limit`` bytes. Raises :class:`UnreadableFile`, or OSError
    for a missing or unreadable file.
    """
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnreadableFile("is not a regular file")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(65536, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise UnreadableFile(f"is larger than {_size_words(limit)}", size=_size_words(limit))

    return b"".join(chunks)


def _size_words(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit // (1024 * 1024)} MiB"
    if limit >= 1024:
        return f"{limit // 1024} KiB"
    return f"{limit} bytes"


class FileLock:
    """An exclusive lock shared by every softtoken process and thread of a user.

    Between processes it is an advisory lock on a file (``flock``/``msvcrt``);
    between threads of one process a re-entrant thread lock comes first, so
    re-entry is counted for the thread that holds it, never shared by two
    threads (which would let both into the critical section).
    """

    def __init__(self, path: Path, timeout: float = 10.0) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0  # re-entries of the thread that holds _thread_lock
        self._thread_lock = threading.RLock()

    def _try_lock(self, fd: int) -> bool:
        if sys.platform == "win32":
            import msvcrt

            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            except OSError:
                return False
            return True
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                return False
            raise
        return True

    def acquire(self) -> None:
        deadline = time.monotonic() + self.timeout
        if not self._thread_lock.acquire(timeout=self.timeout):
            raise VaultBusy(_BUSY)
        try:
            if self._depth:
                self._depth += 1
                return
            self._lock_file(deadline)
            self._depth = 1
        except BaseException:
            self._thread_lock.release()
            raise

    def _lock_file(self, deadline: float) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        delay = 0.005
        while not self._try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise VaultBusy(_BUSY)
            time.sleep(delay)  # backing off while another process holds the lock
            delay = min(delay * 2, 0.1)
        self._fd = fd

    def release(self) -> None:
        if not self._depth:
            raise VaultError("internal: lock released twice")
        try:
            self._depth -= 1
            if self._depth:
                return
            fd, self._fd = self._fd, None
            if fd is None:
                raise VaultError("internal: lock state lost")
            if sys.platform == "win32":
                import msvcrt

                with contextlib.suppress(OSError):
                    msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
            os.close(fd)  # closing drops the flock
        finally:
            self._thread_lock.release()

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        self.acquire()
        try:
            yield
        finally:
            self.release()


_BUSY = (
    "Another softtoken window or command is using the token vault. "
    "Finish there, or wait a moment and try again."
)
