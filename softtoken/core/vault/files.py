"""The vault file on disk: read and authenticate, write with a backup, restore the backup.

Framing and parsing are in model.py; the MAC key comes from the caller (it
derives from the vault key in the keystore). Every method here runs under the
vault lock.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import VaultMissing
from ..paths import BACKUP_FILE, VAULT_FILE, vault_present
from ..secret import Secret
from ..storage import atomic_write, read_private, remove_stale_temps
from . import crypto
from .model import VaultDoc, corrupt_error, frame, parse_body, split_frame

MacKey = Callable[[str], Secret]  # vault_id -> the file-MAC key (wiped by the caller)
DAMAGED_FILE = f"{VAULT_FILE}.damaged"


class VaultFile:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.path = home / VAULT_FILE
        self.backup_path = home / BACKUP_FILE
        self._loaded: bytes | None = None  # the generation last read: the next write's backup

    def exists(self) -> bool:
        """Cheap (no keystore, no crypto): is there a vault on disk?"""
        return vault_present(self.home)

    def remove_stale_temps(self) -> None:
        remove_stale_temps(self.path)
        remove_stale_temps(self.backup_path)

    def read(self, mac_key: MacKey) -> VaultDoc | None:
        """The authenticated vault, or None when there is none (never when a backup is left)."""
        backup = str(self.backup_path) if self.backup_path.exists() else None
        try:
            data = read_private(self.path)
        except FileNotFoundError:
            self._loaded = None
            if backup:
                raise VaultMissing(
                    "The token vault {path} is missing, but its backup is there. Ask your help "
                    "desk; softtoken will not start an empty vault over it.",
                    backup,
                    params={"path": str(self.path)},
                ) from None
            return None
        doc = self._authenticated(data, str(self.path), backup, mac_key)
        self._loaded = data
        return doc

    @staticmethod
    def _authenticated(data: bytes, path: str, backup: str | None, mac_key: MacKey) -> VaultDoc:
        signed, body, tag = split_frame(data, path, backup)
        with mac_key(body["vault_id"]) as key:
            if not crypto.mac_equal(crypto.mac(key, signed), tag):
                raise corrupt_error(path, backup)
        return parse_body(body, path, backup)

    def write(self, doc: VaultDoc, mac_key: MacKey) -> None:
        doc.generation += 1
        with mac_key(doc.vault_id) as key:
            data = frame(doc.to_json(), lambda signed: crypto.mac(key, signed))
        if self._loaded is not None:
            atomic_write(self.backup_path, self._loaded)
        atomic_write(self.path, data)
        self._loaded = data

    def restore_backup(self, mac_key: MacKey) -> None:
        """Put the previous generation back, if it authenticates; keep the damaged file aside.

        The backup is checked (framing and MAC, with this vault's key) before
        anything moves, so a damaged or foreign backup never replaces the vault.
        Each damaged copy gets a name of its own: an earlier one is never overwritten.
        """
        try:
            data = read_private(self.backup_path)
        except FileNotFoundError:
            raise VaultMissing(
                "There is no backup of the token vault to restore. Ask your help desk.", ""
            ) from None
        self._authenticated(data, str(self.backup_path), None, mac_key)
        if self.path.exists():
            atomic_write(self._free_damaged_name(), read_private(self.path))
        atomic_write(self.path, data)
        self._loaded = None

    def _free_damaged_name(self) -> Path:
        candidate, number = self.home / DAMAGED_FILE, 1
        while candidate.exists():
            number += 1
            candidate = self.home / f"{DAMAGED_FILE}.{number}"
        return candidate

    def peek_tokens(self) -> list[dict[str, Any]] | None:
        """The token headers as the file claims them, NOT authenticated (early Argon2 only)."""
        try:
            body = json.loads(read_private(self.path).split(b"\n")[1])
            tokens = body["tokens"]
            return [t["header"] for t in tokens] if isinstance(tokens, list) else None
        except (OSError, ValueError, KeyError, IndexError, TypeError, RecursionError):
            return None
