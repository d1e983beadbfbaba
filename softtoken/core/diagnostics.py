"""The support card: everything a help desk needs, and nothing secret.

Safe to read aloud or send: it never holds a seed, a PIN or a passcode (tests
scan for them). The front end adds its own versions (Qt) to ``app``.
"""

from __future__ import annotations

import json
import platform
import zipfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .clock import Clock
from .clockcheck import ClockCheck, last_check
from .policy import Policy
from .storage import FILE_MODE, ensure_private_dir

LOG_DIR = "logs"


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

    card: dict[str, Any] = {
        "app": {
            "softtoken": __version__,
            "os": platform.platform(),
            "python": platform.python_version(),
            **(app or {}),
        },
        "data_directory": str(vault.home),
        "vault": {"format": "softtoken-vault", "version": VERSION, "present": vault.exists()},
        "policy": {"file": policy.source or "none (defaults)", **policy.summary()},
    }
    card["policy"].pop("source", None)
    try:
        tokens = vault.status()
        store = vault.keystore if tokens else None
        card["keystore"] = (
            {"backend": store.name, "kind": "OS keystore" if store.secure else "file (weaker: admin policy)"}
            if store
            else None
        )
        card["tokens"] = [t.summary() for t in tokens]
        card["history"] = [
            {k: v for k, v in h.items() if k in ("event", "name", "serial", "at", "reason", "replaced_by")}
            for h in vault.history()
        ]
    except Exception as exc:  # noqa: BLE001 - the card must still show what it can
        card["problem"] = getattr(exc, "message", type(exc).__name__)
    check = clock_check or last_check(vault.home)
    card["clock_check"] = asdict(check) if check else None
    card["made_at"] = clock.now()
    return card


def render(card: dict[str, Any]) -> str:
    """Plain text, in the order a help desk asks for it."""
    lines = [
        f"softtoken {card['app']['softtoken']} on {card['app']['os']} (Python {card['app']['python']}"
        + (f", Qt {card['app']['qt']}" if "qt" in card["app"] else "")
        + ")",
        f"Data directory: {card['data_directory']}",
        f"Vault: format {card['vault']['version']}" + ("" if card["vault"]["present"] else " (none yet)"),
    ]
    keystore = card.get("keystore")
    if keystore:
        lines.append(f"Keystore: {keystore['backend']} ({keystore['kind']})")
    lines.append(f"Policy: {card['policy']['file']}")
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
    check = card.get("clock_check")
    lines.append(f"Clock check: {check['message']}" if check else "Clock check: not run yet")
    if "problem" in card:
        lines.append(f"Problem: {card['problem']}")
    return "\n".join(lines) + "\n"


def save_bundle(path: Path, card: dict[str, Any], vault: Any) -> Path:
    """A zip with the card (JSON and text), the audit log and its verification, recent app logs."""
    verification = vault.audit_verify().summary() if vault.exists() else "no vault"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("support-card.json", json.dumps(card, indent=2))
        bundle.writestr("support-card.txt", render(card))
        bundle.writestr("audit-verify.txt", verification + "\n")
        audit = vault.home / "audit.log"
        if audit.exists():
            bundle.write(audit, "audit.log")
        logs = vault.home / LOG_DIR
        for log in sorted(logs.glob("softtoken.log*"))[:5] if logs.exists() else []:
            bundle.write(log, f"logs/{log.name}")
    path.chmod(FILE_MODE)
    if vault.exists():
        vault.record_support_export(path.name)
    return path


def setup_file_logging(home: Path) -> None:
    """App logs in <home>/logs (0600, rotated), for the support bundle. Never secrets (SECURITY.md)."""
    import logging
    import logging.handlers
    import os

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
