"""The support card: everything a help desk needs, and nothing secret.

Safe to read aloud or send: it never holds a seed, a PIN or a passcode (tests
scan for them). The front end adds its own versions (Qt) to ``app``. The card
is a JSON-ready dict (``diagnostics --json``, the bundle); its words, in the
order a help desk asks for them, come from :mod:`softtoken.core.cardtext`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import platform
import secrets
import zipfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from .clock import Clock
from .clockcheck import ClockCheck, last_check
from .errors import CannotWriteFile, SoftTokenError
from .logfile import LOG_DIR
from .paths import BACKUP_FILE, VAULT_FILE
from .policy import Policy
from .storage import FILE_MODE

log = logging.getLogger(__name__)


def support_card(
    vault: Any,
    policy: Policy,
    clock: Clock,
    app: dict[str, str] | None = None,
    clock_check: ClockCheck | None = None,
) -> dict[str, Any]:
    """The card as a dict ready for JSON, complete for machines.

    ``vault`` is a :class:`~softtoken.core.vault.vault.Vault`.

    :func:`render` (and the GUI, through :func:`~softtoken.core.cardtext.card_text`)
    make the read-aloud text from it. It comes out whatever is broken: each
    problem is on it, in one sentence, and the rest is filled.
    """
    from datetime import UTC, datetime

    from softtoken import __version__

    from .cardtext import NO_POLICY_FILE, utc_offset
    from .vault.model import VERSION, version_for

    present = vault.exists()
    now = clock.now()
    card: dict[str, Any] = {
        "app": {
            "softtoken": __version__,
            "os": platform.platform(),
            "python": platform.python_version(),
            **(app or {}),
        },
        "data_directory": str(vault.home),
        "vault": {
            "format": "softtoken-vault",
            "version": VERSION,
            "present": present,
            "file": (vault.home / VAULT_FILE).exists(),
            "backup": (vault.home / BACKUP_FILE).exists(),
        },
        "policy": {"file": policy.source or NO_POLICY_FILE, **policy.summary()},
    }
    card["policy"].pop("source", None)
    problems: list[SoftTokenError | str] = []
    card["keystore"] = _keystore(vault, problems)  # before any vault too: is there a keystore at all?
    try:
        card["tokens"] = [t.summary() for t in vault.status()] if present else []
        card["vault"]["version"] = version_for(t.get("protection", "") for t in card["tokens"])
        card["history"] = [
            {k: v for k, v in h.items() if k in ("event", "name", "serial", "at", "reason", "replaced_by")}
            for h in (vault.history() if present else [])
        ]
    except Exception as exc:  # noqa: BLE001 - the card must still show what it can
        _note(problems, exc)
    card["container"] = _container(vault, problems) if present else None
    card["vault"]["version"] = max(card["vault"]["version"], 3 if card["container"] else 0)
    card["audit"], card["audit_result"] = _audit(vault, problems) if present else (None, None)
    if problems:
        card["problems"] = [_problem(p) for p in problems]
        card["problem"] = " ".join(p["message"] for p in card["problems"])
    check = clock_check or last_check(vault.home)
    card["clock_check"] = asdict(check) if check else None
    card["made_at"] = now
    local = datetime.fromtimestamp(now, UTC).astimezone()
    card["local_time"] = {
        "at": local.isoformat(timespec="seconds"),
        "zone": local.tzname() or "",
        "utc_offset": utc_offset(now),
    }
    return card


def _note(problems: list[SoftTokenError | str], exc: Exception) -> None:
    """The problem in one sentence: ours as written; a bug by its type only (never its message)."""
    found: SoftTokenError | str = (
        exc if isinstance(exc, SoftTokenError) else f"unexpected {type(exc).__name__}"
    )
    text = found.message if isinstance(found, SoftTokenError) else found
    if all(text != (p.message if isinstance(p, SoftTokenError) else p) for p in problems):
        problems.append(found)


def _container(vault: Any, problems: list[SoftTokenError | str]) -> dict[str, Any] | None:
    """The workstation's registration with an issuer (issue 15), without any network call."""
    from .containers.workstation import Workstation

    try:
        registration = Workstation(vault).status()
    except Exception as exc:  # noqa: BLE001 - the card must still show what it can
        _note(problems, exc)
        return None
    if registration is None:
        return None
    error = registration.last_error
    return {
        "issuer": registration.issuer,
        "url": registration.url,
        "serial": registration.serial,
        "registered_at": registration.registered_at,
        "last_sync_at": registration.last_sync_at,
        "last_error": _problem(error) if error is not None else None,
        "pending": registration.pending,
        "rollover_allowed": registration.rollover_allowed,
    }


def _problem(problem: SoftTokenError | str) -> dict[str, Any]:
    """A problem for the card: the sentence, and its template and params for translation."""
    if isinstance(problem, SoftTokenError):
        return {"message": problem.message, "template": problem.template, "params": problem.params}
    return {"message": problem, "template": problem, "params": {}}


def _keystore(vault: Any, problems: list[SoftTokenError | str]) -> dict[str, Any]:
    """Which keystore holds the device keys, in words: known from the policy, even when the vault is damaged.

    No keystore at all is said plainly (with what to do), before any vault exists too.
    """
    from .keystore import keystore_in_words

    try:
        store = vault.keystore
    except Exception as exc:  # noqa: BLE001 - no keystore at all is itself worth stating
        _note(problems, exc)
        problem = _problem(exc) if isinstance(exc, SoftTokenError) else None
        return {"available": False, "name": None, "backend": None, "kind": None, "problem": problem}
    return {
        "available": True,
        "name": keystore_in_words(store.name),
        "backend": store.name,
        "kind": "OS keystore" if store.secure else "file (weaker: admin policy)",
    }


def _audit(vault: Any, problems: list[SoftTokenError | str]) -> tuple[str | None, dict[str, Any] | None]:
    """The audit log's verification: one sentence, and its parts (a damaged log is exactly what to report)."""
    try:
        result = vault.audit_verify()
    except Exception as exc:  # noqa: BLE001 - the vault's own problem is already on the card
        _note(problems, exc)
        return None, None
    parts = {
        "ok": result.ok,
        "records": result.records,
        "problem": result.problem,
        "notes": list(result.notes),
    }
    return str(result.summary()), parts


def render(card: dict[str, Any]) -> str:
    """Plain text to read aloud: the plain words first, then the technical "Details"."""
    from .cardtext import card_text

    return card_text(card).english()


def suggested_bundle_path(clock: Clock) -> Path:
    """Where a save dialog starts: the user's Documents folder (or home), a name with today's date."""
    import time

    import platformdirs

    documents = Path(platformdirs.user_documents_dir())
    folder = documents if documents.is_dir() else Path.home()
    return folder / time.strftime("softtoken-support-%Y-%m-%d.zip", time.localtime(clock.now()))


def save_bundle(path: Path, card: dict[str, Any], vault: Any, *, replace: bool = False) -> Path:
    """A zip with the card (JSON and text), the audit log and its verification, recent app logs.

    The file is created 0600 with O_CREAT|O_EXCL|O_NOFOLLOW and written through
    that descriptor, so it is never readable by others, a planted symlink is
    never followed and an existing file is refused (:class:`CannotWriteFile`);
    if writing fails (a full disk) the file is removed. ``replace=True`` (the
    GUI, after its save dialog asked) writes a fresh file beside ``path`` the
    same way and renames it over ``path``.
    """
    verification = _verification(vault)

    def fill(handle: IO[bytes]) -> None:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr("support-card.json", json.dumps(card, indent=2))
            bundle.writestr("support-card.txt", render(card))
            bundle.writestr("audit-verify.txt", verification + "\n")
            audit = vault.home / "audit.log"
            if audit.is_file():
                bundle.write(audit, "audit.log")
            logs = vault.home / LOG_DIR
            for log in sorted(logs.glob("softtoken.log*"))[:5] if logs.is_dir() else []:
                if log.is_file():
                    bundle.write(log, f"logs/{log.name}")

    if replace:
        temp = path.with_name(f".{path.name}.tmp-{secrets.token_hex(6)}")
        _write_new(temp, fill, shown=path)
        try:
            os.replace(temp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise CannotWriteFile(
                "The support bundle could not be saved as {path}; nothing was changed. "
                "Choose another name or folder.",
                params={"path": str(path)},
            ) from None
    else:
        _write_new(path, fill, shown=path)
    if vault.exists():
        try:
            vault.record_support_export(path.name)
        except SoftTokenError as exc:  # a damaged vault: the bundle is what the help desk needs
            log.warning("support export not audited: %s", type(exc).__name__)
    return path


def _verification(vault: Any) -> str:
    if not vault.exists():
        return "no vault"
    try:
        return str(vault.audit_verify().summary())
    except SoftTokenError as exc:
        return f"not verified: {exc.message}"


def _write_new(path: Path, fill: Callable[[IO[bytes]], None], shown: Path) -> None:
    """Create ``path`` exclusively (0600, no symlink followed) and fill it; no trace on failure."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, FILE_MODE)
    except OSError as exc:
        raise _cannot_create(shown, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(path)
        if isinstance(exc, OSError):
            raise CannotWriteFile(
                "The support bundle could not be written to {path} (is the disk full?); nothing was "
                "saved. Free some space or choose another place.",
                params={"path": str(shown)},
            ) from None
        raise


def _cannot_create(path: Path, exc: OSError) -> CannotWriteFile:
    named = {"path": str(path), "folder": str(path.parent)}
    if isinstance(exc, FileExistsError):
        if path.is_dir():
            return CannotWriteFile(
                "{path} is a folder. Give a file name in it, for example {example}.",
                params={**named, "example": str(path / "softtoken-support.zip")},
            )
        if path.exists() and not path.is_file():
            return CannotWriteFile(
                "{path} is not a regular file (a device or a pipe). Give a new file name for the bundle.",
                params=named,
            )
        return CannotWriteFile(
            "{path} already exists; softtoken does not overwrite it. Give a new file name.", params=named
        )
    if isinstance(exc, FileNotFoundError):
        return CannotWriteFile(
            "The folder {folder} does not exist. Save the support bundle in an existing folder.", params=named
        )
    if isinstance(exc, NotADirectoryError):
        return CannotWriteFile("{folder} is not a folder. Save the support bundle in a folder.", params=named)
    if isinstance(exc, PermissionError):
        return CannotWriteFile("softtoken may not write in {folder}. Choose another folder.", params=named)
    return CannotWriteFile(
        "The support bundle could not be created as {path}. Choose another name or folder.", params=named
    )
