"""Activations the console still holds: the link of a token waiting to be finished, for show-activation.

Only tokens that cannot be used yet are held: ``issue --verify`` (state
``verify``: it works only after finish-enrollment) and ``issue --two-step``
(``clientwait``: the app adds its own part of the secret). The file lies
next to the saved session, in the same private folder (0700; by default the
per-user tmpfs ``$XDG_RUNTIME_DIR``), is written 0600 with O_EXCL and renamed
into place, and an entry is dropped when the token is finished or cancelled,
when the session ends (logout, expiry, a new login) and when it is read after
its session expired. privacyIDEA never shows a seed twice, so a link that is not held
here cannot be shown again: the token is cancelled and issued anew.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .context import HelpdeskContext
from .session import write_private_file

MAX_BYTES = 256 * 1024


@dataclass(frozen=True)
class Held:
    serial: str
    user: str
    realm: str | None
    rollout_state: str
    link: str
    issued: float

    def __repr__(self) -> str:  # the link holds the seed
        return f"Held(serial={self.serial!r}, user={self.user!r})"


def store_path(ctx: HelpdeskContext) -> Path | None:
    """The file next to the saved session; None with ``--admin`` (nothing is saved then)."""
    if ctx.admin:
        return None
    session = ctx.resolved_session_path()
    return session.with_name(session.name + ".pending")


def _read(path: Path) -> dict[str, dict[str, object]]:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return {}
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
            return {}  # not ours, or others can read it: never trusted, never shown
        if info.st_size > MAX_BYTES:
            return {}
        raw = os.read(fd, MAX_BYTES)
    finally:
        os.close(fd)
    try:
        body = json.loads(raw)
    except ValueError:
        return {}
    return {str(k): v for k, v in body.items() if isinstance(v, dict)} if isinstance(body, dict) else {}


def _write(path: Path, entries: dict[str, dict[str, object]]) -> None:
    if not entries:
        path.unlink(missing_ok=True)
        return
    write_private_file(path, json.dumps(entries, indent=1).encode() + b"\n", replace=True)


def _key(server: str, serial: str) -> str:
    return f"{server} {serial}"


def hold(ctx: HelpdeskContext, server: str, held: Held, expires: float | None) -> bool:
    """Keep the link of a pending token; False when there is nowhere private to keep it."""
    path = store_path(ctx)
    if path is None or not path.parent.is_dir():
        return False
    entries = _read(path)
    entries[_key(server, held.serial)] = {
        "user": held.user,
        "realm": held.realm,
        "rollout_state": held.rollout_state,
        "link": held.link,
        "issued": held.issued,
        "expires": expires,
    }
    _write(path, entries)
    return True


def held(ctx: HelpdeskContext, server: str, serial: str) -> Held | None:
    path = store_path(ctx)
    if path is None:
        return None
    entries = _read(path)
    now = ctx.now()
    live = {k: v for k, v in entries.items() if not _expired(v, now)}
    if live != entries:
        _write(path, live)
    entry = live.get(_key(server, serial))
    if entry is None or not isinstance(entry.get("link"), str):
        return None
    realm = entry.get("realm")
    issued = entry.get("issued")
    return Held(
        serial=serial,
        user=str(entry.get("user") or ""),
        realm=str(realm) if realm else None,
        rollout_state=str(entry.get("rollout_state") or ""),
        link=str(entry["link"]),
        issued=float(issued) if isinstance(issued, int | float) else 0.0,
    )


def _expired(entry: dict[str, object], now: float) -> bool:
    expires = entry.get("expires")
    return isinstance(expires, int | float) and expires <= now


def drop(ctx: HelpdeskContext, server: str, serial: str) -> None:
    path = store_path(ctx)
    if path is None:
        return
    entries = _read(path)
    if entries.pop(_key(server, serial), None) is not None:
        _write(path, entries)


def drop_all(ctx: HelpdeskContext) -> bool:
    path = store_path(ctx)
    if path is None or not (path.exists() or path.is_symlink()):
        return False
    path.unlink()
    return True
