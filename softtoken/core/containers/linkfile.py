"""Writing a registration link to a new file: 0600, never over an existing file, nothing half-written."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ..errors import CannotWriteFile
from ..storage import FILE_MODE


def _exists(path: Path) -> CannotWriteFile:
    return CannotWriteFile(
        "{path} already exists and is not overwritten; choose another name.", params={"path": str(path)}
    )


def refuse_existing(path: Path) -> None:
    """Refuse early a file that ``save_new_file`` would refuse (it exists, even as a dangling link)."""
    if os.path.lexists(path):
        raise _exists(path)


def save_new_file(path: Path, text: str) -> None:
    """Create ``path`` (it must not exist) with ``text``; CannotWriteFile says what to do."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, FILE_MODE)
    except FileExistsError:
        raise _exists(path) from None
    except OSError as exc:
        raise CannotWriteFile(
            "{path} cannot be created ({problem}); choose another folder.",
            params={"path": str(path), "problem": exc.strerror or type(exc).__name__},
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise CannotWriteFile(
            "{path} could not be written (is the disk full?); nothing was saved.", params={"path": str(path)}
        ) from None
