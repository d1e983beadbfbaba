"""The support card: everything a help desk needs, and nothing secret.

Safe to read aloud or send: it never holds a seed, a PIN or a passcode (tests
scan for them). The front end adds its own versions (Qt) to ``app``.
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
from .paths import BACKUP_FILE, VAULT_FILE
from .policy import Policy
from .storage import FILE_MODE, ensure_private_dir

LOG_DIR = "logs"
log = logging.getLogger(__name__)


def support_card(
    vault: Any,
    policy: Policy,
    clock: Clock,
    app: dict[str, str] | None = None,
    clock_check: ClockCheck | None = None,
) -> dict[str, Any]:
    """A dict ready for JSON; ``vault`` is a :class:`~softtoken.core.vault.vault.Vault`."""
    from softtoken import __version__

    from .vault.model import VERSION

    present = vault.exists()
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
        "policy": {"file": policy.source or "none (defaults)", **policy.summary()},
    }
    card["policy"].pop("source", None)
    problems: list[str] = []
    card["keystore"] = _keystore(vault, problems) if present else None
    try:
        card["tokens"] = [t.summary() for t in vault.status()]
        card["history"] = [
            {k: v for k, v in h.items() if k in ("event", "name", "serial", "at", "reason", "replaced_by")}
            for h in vault.history()
        ]
    except Exception as exc:  # noqa: BLE001 - the card must still show what it can
        _note(problems, exc)
    card["audit"] = _audit(vault, problems) if present else None
    if problems:
        card["problem"] = " ".join(problems)
    check = clock_check or last_check(vault.home)
    card["clock_check"] = asdict(check) if check else None
    card["made_at"] = clock.now()
    return card


def _note(problems: list[str], exc: Exception) -> None:
    """The problem in one sentence: ours as written; a bug by its type only (never its message)."""
    text = exc.message if isinstance(exc, SoftTokenError) else f"unexpected {type(exc).__name__}"
    if text not in problems:
        problems.append(text)


def _keystore(vault: Any, problems: list[str]) -> dict[str, str] | None:
    """Which keystore holds the device key: known from the policy, even when the vault is damaged."""
    try:
        store = vault.keystore
    except Exception as exc:  # noqa: BLE001 - no keystore at all is itself worth stating
        _note(problems, exc)
        return None
    return {"backend": store.name, "kind": "OS keystore" if store.secure else "file (weaker: admin policy)"}


def _audit(vault: Any, problems: list[str]) -> str | None:
    """The audit log's verification in one sentence (a damaged log is exactly what to report)."""
    try:
        return str(vault.audit_verify().summary())
    except Exception as exc:  # noqa: BLE001 - the vault's own problem is already on the card
        _note(problems, exc)
        return None


def render(card: dict[str, Any]) -> str:
    """Plain text, in the order a help desk asks for it."""
    lines = [
        f"softtoken {card['app']['softtoken']} on {card['app']['os']} (Python {card['app']['python']}"
        + (f", Qt {card['app']['qt']}" if "qt" in card["app"] else "")
        + ")",
        f"Data directory: {card['data_directory']}",
        f"Vault: format {card['vault']['version']}" + _vault_note(card["vault"]),
    ]
    keystore = card.get("keystore")
    if keystore:
        lines.append(f"Keystore: {keystore['backend']} ({keystore['kind']})")
    lines.append(f"Policy: {card['policy']['file']}")
    if "tokens" not in card:
        lines.append("Tokens: cannot be read (see Problem below)")
    for number, token in enumerate(card.get("tokens", []), start=1):
        lines += [
            f"Token {number}: {token['name']}",
            f"  Serial: {token['serial'] or '-'}   Issuer: {token['issuer'] or '-'}",
            f"  Type: {token['type'].upper()} {token['algorithm']}, {token['digits']} digits"
            + (f", every {token['period']} s" if token["type"] == "totp" else ""),
            f"  State: {token['state']}"
            + (f" until {token['sync_until']}" if token["state"].startswith("wait") else ""),
            f"  Wrong PINs: {token['wrong_pins']}, attempts left: {token['attempts_left']}",
            f"  Key protection: {token['kdf']}",
        ]
    for record in card.get("history", []):
        lines.append(
            f"Earlier token {record['name']} (serial {record['serial'] or '-'}): {record['event']} "
            f"{record['at']} ({record.get('reason', '')})"
        )
    if card.get("audit"):
        lines.append(f"Audit log: {card['audit']}")
    check = card.get("clock_check")
    lines.append(f"Clock check: {check['message']}" if check else "Clock check: not run yet")
    if "problem" in card:
        lines.append(f"Problem: {card['problem']}")
    return "\n".join(lines) + "\n"


def _vault_note(vault: dict[str, Any]) -> str:
    if not vault["present"]:
        return " (none yet)"
    if not vault.get("file", True):
        return " (the vault file is missing; its backup is there)"
    return ""


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
                f"The support bundle could not be saved as {path}; nothing was changed. "
                "Choose another name or folder."
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
                f"The support bundle could not be written to {shown} (is the disk full?); nothing was "
                "saved. Free some space or choose another place."
            ) from None
        raise


def _cannot_create(path: Path, exc: OSError) -> CannotWriteFile:
    folder = path.parent
    if isinstance(exc, FileExistsError):
        if path.is_dir():
            return CannotWriteFile(
                f"{path} is a folder. Give a file name in it, for example {path / 'softtoken-support.zip'}."
            )
        if path.exists() and not path.is_file():
            return CannotWriteFile(
                f"{path} is not a regular file (a device or a pipe). Give a new file name for the bundle."
            )
        return CannotWriteFile(
            f"{path} already exists; softtoken does not overwrite it. Give a new file name."
        )
    if isinstance(exc, FileNotFoundError):
        return CannotWriteFile(
            f"The folder {folder} does not exist. Save the support bundle in an existing folder."
        )
    if isinstance(exc, NotADirectoryError):
        return CannotWriteFile(f"{folder} is not a folder. Save the support bundle in a folder.")
    if isinstance(exc, PermissionError):
        return CannotWriteFile(f"softtoken may not write in {folder}. Choose another folder.")
    return CannotWriteFile(
        f"The support bundle could not be created as {path}. Choose another name or folder."
    )


def setup_file_logging(home: Path) -> None:
    """App logs in <home>/logs (0600, rotated), for the support bundle. Never secrets (SECURITY.md)."""
    import logging.handlers

    folder = ensure_private_dir(home / LOG_DIR)
    target = folder / "softtoken.log"
    if not target.exists():
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    handler = logging.handlers.RotatingFileHandler(
        target, maxBytes=256 * 1024, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("softtoken")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
