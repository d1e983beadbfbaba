"""The keystore side of a vault: what a restored old copy of the file must not roll back.

Two kinds of entry (docs/vault-format.md, "Keystore entries"):

- ``<vault_id>``: the vault key (file MAC, audit MAC, seed fingerprints), the
  audit log's mirrored head, and the digest of the policy last recorded;
- ``<vault_id>/<token_id>``: the token's device key, its HOTP counter, and
  its wrong-PIN state (the count since the last right PIN and when the last
  try was made).

The file holds none of the wrong-PIN state: restoring an older file can
neither reset a count nor invent failures.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..audit import AuditHead
from ..errors import KeystoreEntryMissing
from ..keystore import Keystore
from ..secret import Secret
from . import crypto
from .lockout import wait_after
from .model import TokenRecord, TokenState, b64, unb64

_NO_VAULT_KEY = (
    "The system keystore holds no key for this token vault: the keyring was reset, "
    "the vault was copied from another computer, or the vault file was changed. "
    "The tokens here cannot be used; ask your help desk."
)
_VAULT_KEY_DAMAGED = "softtoken's key in the system keystore is damaged. Ask your help desk."
# Fields of a version-1 file's token state that older softtoken used for counting.
LEGACY_STATE = ("failures", "locked_until", "success_attempt")


@dataclass
class TokenEntry:
    """A token's keystore entry.

    ``failures`` counts the tries since the last right PIN, including one in
    progress: a try is counted before the PIN is checked and taken back when
    it proves right. ``tried_*`` say when the last counted try began, on the
    wall clock and on the computer's time since boot, so a wait survives the
    wall clock being set forward (lockout.remaining_wait).
    """

    key: Secret
    counter: int = 0
    failures: int = 0
    tried_at: float | None = None
    tried_boot: str = ""
    tried_since_boot: float | None = None

    def dump(self) -> str:
        return json.dumps(
            {
                "key": b64(bytes(self.key.buffer)),
                "counter": self.counter,
                "failures": self.failures,
                "tried_at": self.tried_at,
                "tried_boot": self.tried_boot,
                "tried_since_boot": self.tried_since_boot,
            }
        )

    @classmethod
    def parse(cls, raw: str, state: TokenState) -> TokenEntry:
        """Read an entry (ValueError if damaged); an older entry is converted, never trusted less."""
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("entry")
        key = Secret(unb64(data["key"], "key", ValueError()))
        counter = _count(data.get("counter", 0))
        if "failures" in data:
            return cls(
                key,
                counter,
                _count(data["failures"]),
                _optional_number(data.get("tried_at")),
                str(data.get("tried_boot") or ""),
                _optional_number(data.get("tried_since_boot")),
            )
        return cls._from_legacy(key, counter, _count(data.get("attempts", 0)), state)

    @classmethod
    def _from_legacy(cls, key: Secret, counter: int, attempts: int, state: TokenState) -> TokenEntry:
        """An entry of softtoken 0.1 (``attempts``, with ``success_attempt`` in the file).

        The old count, ``max(file failures, attempts - success_attempt)``, is kept as
        it was: it never under-counts, and this conversion happens once.
        """
        legacy = state.extra
        failures = max(_count(legacy.get("failures", 0)), attempts - _count(legacy.get("success_attempt", 0)))
        locked_until = _optional_number(legacy.get("locked_until"))
        tried_at = locked_until - wait_after(failures) if locked_until else None
        return cls(key, counter, max(failures, 0), tried_at)


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("count")
    return value


def _optional_number(value: Any) -> float | None:
    if value is None:
        return None
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise ValueError("number")
    return float(value)


@dataclass
class KeyCache:
    """The keystore as one operation under the vault lock sees it.

    Under the lock no other softtoken process changes our entries, so each is
    read at most once per operation (a Secret Service call costs milliseconds),
    and a write that changes nothing is skipped.
    """

    store: Keystore
    _seen: dict[str, str | None] = field(default_factory=dict)

    def get(self, entry: str) -> str | None:
        if entry not in self._seen:
            self._seen[entry] = self.store.get(entry)
        return self._seen[entry]

    def set(self, entry: str, value: str) -> None:
        if self._seen.get(entry) == value:
            return
        self.store.set(entry, value)
        self._seen[entry] = value

    def delete(self, entry: str) -> None:
        self.store.delete(entry)
        self._seen[entry] = None

    # ---------------------------------------------------------------- the vault entry

    def vault_entry(self, vault_id: str) -> dict[str, Any]:
        raw = self.get(vault_id)
        if raw is None:
            raise KeystoreEntryMissing(_NO_VAULT_KEY)
        try:
            entry = json.loads(raw)
            if not isinstance(entry, dict):
                raise TypeError("entry")
            unb64(entry["key"], "key", ValueError())
        except (ValueError, KeyError, TypeError):
            raise KeystoreEntryMissing(_VAULT_KEY_DAMAGED) from None
        return entry

    def create_vault_entry(self, vault_id: str) -> None:
        self.set(vault_id, json.dumps({"key": b64(crypto.random_bytes(32))}))

    def vault_key(self, vault_id: str) -> Secret:
        return Secret(unb64(self.vault_entry(vault_id)["key"], "key", ValueError()))

    def audit_head(self, vault_id: str) -> AuditHead | None:
        entry = self.vault_entry(vault_id)
        if "audit_seq" not in entry:
            return None
        try:
            return AuditHead(int(entry["audit_seq"]), str(entry["audit_head"]))
        except (ValueError, KeyError, TypeError):
            raise KeystoreEntryMissing(_VAULT_KEY_DAMAGED) from None

    def save_audit_head(self, vault_id: str, head: AuditHead) -> None:
        """Mirror the log's head; the mirrored sequence never goes down."""
        entry = self.vault_entry(vault_id)
        if int(entry.get("audit_seq", 0)) > head.seq:
            return
        entry.update(audit_seq=head.seq, audit_head=head.digest)
        self.set(vault_id, json.dumps(entry))

    def update_vault_entry(self, vault_id: str, change: Callable[[dict[str, Any]], None]) -> None:
        entry = self.vault_entry(vault_id)
        change(entry)
        self.set(vault_id, json.dumps(entry))

    # ---------------------------------------------------------------- token entries

    @staticmethod
    def token_entry_name(vault_id: str, token_id: str, protection: str = "software") -> str:
        """``<vault_id>/<token_id>``; a TPM token's ``<vault_id>/<token_id>/tpm``.

        Moving a token into the TPM (``protect``) gives it a new device key under the
        second name while the first still opens the old file: a crash in between leaves
        the old token or the new one usable, and the old key is deleted after.
        """
        suffix = "/tpm" if protection == "tpm" else ""
        return f"{vault_id}/{token_id}{suffix}"

    def token_entry(self, vault_id: str, token: TokenRecord) -> TokenEntry | None:
        raw = self.get(self.token_entry_name(vault_id, token.token_id, token.protection))
        if raw is None:
            return None
        try:
            return TokenEntry.parse(raw, token.state)
        except (ValueError, KeyError, TypeError):
            raise KeystoreEntryMissing(
                "The key of token '{name}' in the system keystore is damaged. Replace the token.",
                params={"name": token.name},
            ) from None

    def save_token_entry(self, vault_id: str, token: TokenRecord, entry: TokenEntry) -> None:
        self.set(self.token_entry_name(vault_id, token.token_id, token.protection), entry.dump())

    def delete_token_entry(self, vault_id: str, token_id: str) -> None:
        """A departed token's device key, whichever level it had."""
        for protection in ("software", "tpm"):
            self.delete(self.token_entry_name(vault_id, token_id, protection))


def _signature(path: Path) -> tuple[int, ...] | None:
    """What changes whenever a file is written, truncated, replaced or touched (ctime included)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass
class HeadMemo:
    """The keystore's audit head as this process last read or wrote it, and the log as it was then.

    A softtoken process raises the mirrored head only right after appending to the
    log, so while the log is exactly as it was (same file, size, mtime and ctime,
    which no one can set back) the head cannot have changed: the check before an
    append can use this copy instead of a keystore read. Any change to the log
    sends it back to the keystore. Used under the vault lock only.
    """

    _known: dict[str, tuple[AuditHead | None, tuple[int, ...] | None]] = field(default_factory=dict)

    def recall(self, vault_id: str, log: Path) -> tuple[bool, AuditHead | None]:
        known = self._known.get(vault_id)
        if known is None or known[1] != _signature(log):
            return False, None
        return True, known[0]

    def remember(self, vault_id: str, head: AuditHead | None, log: Path) -> None:
        self._known[vault_id] = (head, _signature(log))
