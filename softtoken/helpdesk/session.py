"""The saved session: the admin's JWT in a file only its owner can read (0600, folder 0700).

The file is written under a fresh name with O_CREAT|O_EXCL|O_NOFOLLOW and mode
0600, then renamed over the old one, so it is never readable by others, not
even for a moment, and a planted symlink is never followed. Reading refuses a
file that others can read or that belongs to someone else.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import stat
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import ConsoleSetupError, OutputFileError, SessionExpired
from .times import from_timestamp, local_text

SESSION_VERSION = 1
MAX_SESSION_BYTES = 64 * 1024


@dataclass(frozen=True)
class Session:
    server: str
    admin: str
    realm: str | None
    jwt: str
    created: float
    expires: float | None

    def __repr__(self) -> str:  # never show the JWT
        return f"Session(server={self.server!r}, admin={self.admin!r}, realm={self.realm!r})"


def default_session_path(environ: Mapping[str, str]) -> Path:
    """``$XDG_RUNTIME_DIR`` (a per-user tmpfs, gone at logout) if there is one, else the cache folder."""
    runtime = environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_absolute() and Path(runtime).is_dir():
        return Path(runtime) / "softtoken-helpdesk" / "session.json"
    import platformdirs

    return Path(platformdirs.user_cache_dir("softtoken-helpdesk", appauthor=False)) / "session.json"


def jwt_expiry(jwt: str) -> float | None:
    """The ``exp`` claim, read without checking the signature (only to warn before the issuer refuses)."""
    parts = jwt.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, binascii.Error):
        return None
    exp = payload.get("exp") if isinstance(payload, dict) else None
    return float(exp) if isinstance(exp, int | float) else None


def _private_dir(folder: Path) -> None:
    """Create ``folder`` as 0700, or accept an existing one only if others cannot write to it."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=False)
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
        return
    except FileExistsError:
        pass
    except OSError as exc:
        raise ConsoleSetupError(
            f"Cannot create the folder {folder} for the session file ({exc.strerror})."
        ) from None
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode):
        raise ConsoleSetupError(f"{folder} is not a folder; choose another --session path.")
    if info.st_uid != os.geteuid() or info.st_mode & 0o022:
        raise ConsoleSetupError(
            f"Others can write to {folder}; keep the session file in a private folder (--session)."
        )


def write_private_file(path: Path, data: bytes, *, replace: bool) -> None:
    """Write ``data`` to ``path`` readable by its owner only (0600).

    ``replace=False`` refuses an existing file (O_EXCL); ``replace=True`` writes a
    fresh temporary file with O_EXCL and renames it over ``path``.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    target = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp") if replace else path
    try:
        fd = os.open(target, flags, 0o600)
    except FileExistsError:
        raise OutputFileError(f"{path} exists already; choose another name or delete it first.") from None
    except OSError as exc:
        raise OutputFileError(f"Cannot write {path} ({exc.strerror}).") from None
    try:
        os.fchmod(fd, 0o600)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except OSError as exc:
        os.close(fd)
        target.unlink(missing_ok=True)
        raise OutputFileError(f"Cannot write {path} ({exc.strerror}).") from None
    os.close(fd)
    if replace:
        try:
            os.replace(target, path)
        except OSError as exc:
            target.unlink(missing_ok=True)
            raise OutputFileError(f"Cannot write {path} ({exc.strerror}).") from None


def save_session(path: Path, session: Session) -> None:
    _private_dir(path.parent)
    _refuse_to_replace_other_files(path)
    body = {
        "version": SESSION_VERSION,
        "server": session.server,
        "admin": session.admin,
        "realm": session.realm,
        "jwt": session.jwt,
        "created": session.created,
        "expires": session.expires,
    }
    try:
        write_private_file(path, json.dumps(body, indent=1).encode() + b"\n", replace=True)
    except OutputFileError as exc:
        raise ConsoleSetupError(exc.message) from None


def _refuse_to_replace_other_files(path: Path) -> None:
    """A new session replaces only an earlier session file: our own regular file, or nothing.

    ``--session /dev/null`` (or a FIFO, a symlink, another user's file) would otherwise be
    renamed over, and for root that removes the device for every program on the machine.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ConsoleSetupError(f"Cannot use the session file {path} ({exc.strerror}).") from None
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
        raise ConsoleSetupError(
            f"{path} is not a session file softtoken-helpdesk saved; choose another --session path."
        )


def _read_private(path: Path) -> bytes:
    # O_NONBLOCK: a FIFO planted as the session file is refused below instead of blocking here.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise SessionExpired(
            "You are not logged in to the issuer: run 'softtoken-helpdesk login --user ADMIN' first."
        ) from None
    except OSError as exc:
        raise ConsoleSetupError(f"Cannot read the session file {path} ({exc.strerror}).") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ConsoleSetupError(f"The session file {path} is not a regular file; delete it.")
        if info.st_uid != os.geteuid():
            raise ConsoleSetupError(f"The session file {path} belongs to another user; delete it.")
        if info.st_mode & 0o077:
            raise ConsoleSetupError(
                f"Others can read the session file {path}; delete it (log out) and log in again."
            )
        if info.st_size > MAX_SESSION_BYTES:
            raise ConsoleSetupError(f"The session file {path} is too large; delete it and log in again.")
        chunks = []
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def load_session(path: Path, now: float | None = None) -> Session:
    raw = _read_private(path)
    try:
        body = json.loads(raw)
        if body.get("version") != SESSION_VERSION:
            raise ValueError("version")
        session = Session(
            server=str(body["server"]),
            admin=str(body["admin"]),
            realm=str(body["realm"]) if body.get("realm") else None,
            jwt=str(body["jwt"]),
            created=float(body["created"]),
            expires=float(body["expires"]) if body.get("expires") is not None else None,
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ConsoleSetupError(f"The session file {path} is damaged; log out and log in again.") from None
    current = time.time() if now is None else now
    if session.expires is not None and session.expires <= current:
        raise SessionExpired(
            "Your issuer session expired at {time}; run 'softtoken-helpdesk login' again.",
            params={"time": local_text(from_timestamp(session.expires))},
        )
    return session


def delete_session(path: Path) -> bool:
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(info.st_mode):
        raise ConsoleSetupError(f"{path} is not a session file; remove it yourself.")
    path.unlink()
    return True
