"""The token vault's front door (docs/vault-format.md).

Every public method takes the vault lock (shared by all softtoken processes
and threads of the user), opens one :class:`~.session.Session` — re-reads and
authenticates the file, settles what an interrupted replacement still owes —
does its work through the modules beside this one, writes atomically, and
answers only after everything that must survive a crash is written.

Who does what:

- ``files.py``: the file on disk (read, authenticate, write with a backup, restore);
- ``keys.py``: the keystore entries (device keys, counters, wrong-PIN state, audit head);
- ``unlocking.py``: the PIN check, wrong-PIN counting, lockout and disabling;
- ``tokens.py``: activation, replacement, retirement;
- ``protection.py``: the levels (``software.py``, ``tpmlevel.py``: the seed in the TPM);
- ``migration.py``: moving a software token into the TPM (``protect``);
- ``results.py``: what the vault answers (passcodes, statuses);
- this module: the lock, the session, and the audit and policy records.

One ``Vault`` may be shared by threads (the lock is per thread and per
process), but its front ends keep to one owner thread anyway (the GUI's vault
worker), so calls are never queued behind one another unexpectedly.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..audit import AuditLog, Verification
from ..clock import Clock, SystemClock
from ..digest import sha256_hex
from ..errors import KeystoreEntryMissing, VaultChanged
from ..keystore import Keystore, open_keystore
from ..lifecycle import Reason, parse_reason
from ..pin import check_new_pin
from ..policy import Policy
from ..secret import Secret
from ..storage import FileLock, ensure_private_dir
from ..token import TokenDescription
from . import crypto, migration, tokens, unlocking
from .files import VaultFile
from .keys import HeadMemo, KeyCache
from .model import TokenRecord, VaultDoc
from .results import Passcode, Passcodes, TokenStatus, status_of
from .session import AUDIT_INFO, MAC_INFO, Session

if TYPE_CHECKING:
    from ..tpm.chip import Chip

__all__ = ["Passcode", "Passcodes", "TokenStatus", "Vault"]

LOCK_FILE = "vault.lock"
AUDIT_FILE = "audit.log"


class Vault:
    def __init__(
        self,
        home: Path,
        *,
        keystore: Keystore | None = None,
        policy: Policy | None = None,
        clock: Clock | None = None,
        kdf: crypto.KdfParams = crypto.DEFAULT_KDF,
        tpm: Callable[[], Chip] | None = None,
    ) -> None:
        """``tpm`` opens the TPM for one operation (default: the TCTI from the environment,
        else /dev/tpmrm0, ``core/tpm/access.py``); tests hand in a simulator's, as they hand
        in a keystore and a clock. It is called only when a TPM is needed."""
        if not crypto.within_limits(kdf):
            raise ValueError("internal: a KDF cost the vault format does not accept")
        self.home = home
        self.file = VaultFile(home)
        self.path = self.file.path
        self.backup_path = self.file.backup_path
        self.policy = policy or Policy()
        self.clock = clock or SystemClock()
        self.kdf = kdf
        self._keystore = keystore
        self._open_chip = tpm
        self._keystore_made = threading.Lock()
        self._lock = FileLock(home / LOCK_FILE)
        self._vault_keys: dict[str, Secret] = {}  # read once per process; guarded by _lock
        self._current: Session | None = None  # the session in progress; guarded by _lock
        self.heads = HeadMemo()  # guarded by _lock
        self.audit = AuditLog(home / AUDIT_FILE, self._audit_key, self.clock.now)

    # ------------------------------------------------------------------ plumbing

    @property
    def keystore(self) -> Keystore:
        with self._keystore_made:
            if self._keystore is None:
                self._keystore = open_keystore(self.home, self.policy.file_device_key)
            return self._keystore

    def open_chip(self) -> Chip:
        """The TPM for one session (Session.chip); ChipUnavailable says why there is none."""
        if self._open_chip is not None:
            return self._open_chip()
        from ..tpm.access import open_chip

        return open_chip()

    def derived_key(self, keys: KeyCache, vault_id: str, info: bytes) -> Secret:
        """A key derived from the vault key, which is read from the keystore once per process.

        The vault key only authenticates the file and the audit log (no seed opens
        with it), and it never changes; keeping it saves a keystore round trip per use.
        """
        if vault_id not in self._vault_keys:
            self._vault_keys[vault_id] = keys.vault_key(vault_id)
            self.heads.remember(vault_id, keys.audit_head(vault_id), self.audit.path)  # same entry
        return crypto.hkdf(self._vault_keys[vault_id].buffer, info)

    def _audit_key(self) -> Secret:
        session = self._current
        if session is None or session.loaded is None:
            raise KeystoreEntryMissing("There is no token vault on this workstation yet.")
        return self.derived_key(session.keys, session.loaded.vault_id, AUDIT_INFO)

    @contextlib.contextmanager
    def _session(self, expected_generation: int | None = None) -> Iterator[Session]:
        ensure_private_dir(self.home)
        with self._lock.held():
            keys = KeyCache(self.keystore)
            try:
                self.file.remove_stale_temps()
                clean = getattr(self._keystore, "remove_stale_temps", None)
                if clean is not None:
                    clean()  # a file keystore's crash leftovers: only safe under the lock
                doc = self.file.read(lambda vault_id: self.derived_key(keys, vault_id, MAC_INFO))
                if expected_generation is not None and (doc is None or doc.generation != expected_generation):
                    raise VaultChanged(
                        "The token vault was changed by another softtoken window or command. "
                        "Nothing was overwritten; look again and retry."
                    )
                session = self._current = Session(self, keys, doc)
                try:
                    if doc is not None:
                        tokens.settle_history(session)
                        migration.settle(session)
                    yield session
                finally:
                    session.close()  # flush what was loaded into the TPM
            finally:
                self._current = None

    # ------------------------------------------------------------------ reading

    def exists(self) -> bool:
        """Cheap (no keystore, no crypto): is there a vault on disk? Picks the first window."""
        return self.file.exists()

    def load(self) -> VaultDoc | None:
        """Read and authenticate the vault (None when there is none yet)."""
        with self._session() as session:
            return session.loaded

    def vault_id(self) -> str | None:
        doc = self.load()
        return doc.vault_id if doc else None

    def status(self) -> list[TokenStatus]:
        with self._session() as session:
            if session.loaded is None:
                return []
            return [self._status(session, token) for token in session.doc.tokens]

    def token_status(self, name_or_id: str | None) -> TokenStatus:
        """One token's status, found as every other call finds it (its id, or its name in any
        case; ``None`` when there is one token), or :class:`TokenNotFound` naming those there are."""
        with self._session() as session:
            return self._status(session, tokens.find(session.doc, name_or_id))

    def _status(self, session: Session, token: TokenRecord) -> TokenStatus:
        entry = None
        if token.state.status == "active":
            entry = session.keys.token_entry(session.doc.vault_id, token)
            if entry is not None:
                entry.key.wipe()
        return status_of(token, entry, self.policy.max_attempts, self.clock)

    def history(self) -> list[dict[str, Any]]:
        """Non-secret records of tokens replaced or retired on this workstation."""
        doc = self.load()
        return [dict(h) for h in doc.history] if doc else []

    # ------------------------------------------------------------------ tokens

    def activate(self, description: TokenDescription, name: str, pin: str, confirm: str) -> TokenStatus:
        """Seal ``description`` into the vault as a new token named ``name`` with ``pin``."""
        description.check()
        check_new_pin(pin, confirm, self.policy)
        with self._session() as session:
            token = tokens.activate(session, description, name, pin)
            return self._status(session, token)

    def check_activation(self, description: TokenDescription) -> None:
        """Refuse early (when the link is read, before a name or PIN is asked) what ``activate``
        would refuse at the end: a seed or serial this workstation has or had. Nothing is written."""
        if not self.exists():
            return  # no vault yet: nothing to repeat, and no keystore to open for it
        with self._session() as session:
            if session.loaded is not None:
                tokens.refuse_known(session, description, None)

    def check_replacement(self, old: str, description: TokenDescription) -> None:
        """Refuse early (before any PIN is asked) a seed or serial the replacement may not use."""
        with self._session() as session:
            tokens.refuse_known(session, description, tokens.find(session.doc, old))

    def replace(
        self,
        old: str,
        description: TokenDescription,
        name: str,
        pin: str,
        confirm: str,
        *,
        reason: Reason | str,
        loss_reported_at: float | None = None,
    ) -> TokenStatus:
        """Put a new token in place of ``old`` (tokens.replace); the old PIN is never needed."""
        why = parse_reason(reason) if isinstance(reason, str) else reason
        description.check()
        check_new_pin(pin, confirm, self.policy)
        with self._session() as session:
            new = tokens.replace(session, old, description, name, pin, why, loss_reported_at)
            return self._status(session, new)

    def retire(self, name_or_id: str, reason: Reason | str = Reason.NEW_WORKSTATION) -> None:
        why = parse_reason(reason) if isinstance(reason, str) else reason
        with self._session() as session:
            tokens.retire(session, name_or_id, why)

    def unlock(self, name_or_id: str | None, pin: str) -> Passcodes:
        """Check ``pin``; on success return the passcodes the screen needs and wipe the seed."""
        ensure_private_dir(self.home)
        with self._lock.held():
            early = unlocking.start_stretching(self.file, name_or_id, pin, self.kdf)
            try:
                with self._session() as session:
                    token = tokens.find(session.doc, name_or_id)
                    return unlocking.unlock(session, token, pin, early)
            finally:
                if early is not None:
                    early.discard()

    def protect(self, name_or_id: str | None, pin: str) -> TokenStatus:
        """Move a software token into the TPM with its PIN (migration.protect); the same token after."""
        ensure_private_dir(self.home)
        with self._lock.held():
            early = unlocking.start_stretching(self.file, name_or_id, pin, self.kdf)
            try:
                with self._session() as session:
                    token = tokens.find(session.doc, name_or_id)
                    moved = migration.protect(session, token, pin, early)
                    return self._status(session, moved)
            finally:
                if early is not None:
                    early.discard()

    # ------------------------------------------------------------------ token containers

    @contextlib.contextmanager
    def container_session(self, *, create: bool = False) -> Iterator[Session]:
        """One locked session for the container code (core/containers/workstation.py).

        ``create`` makes an empty vault first when there is none (registering a
        workstation that has no token yet). Never held across a network call.
        """
        with self._session() as session:
            if session.loaded is None and create:
                tokens.new_vault(session)
            yield session

    # ------------------------------------------------------------------ audit and policy

    def audit_verify(self) -> Verification:
        with self._session() as session:
            if session.loaded is None:
                return Verification(True, 0)
            return self.audit.verify(session.keys.audit_head(session.doc.vault_id))

    def audit_export(self, fmt: str) -> str:
        with self._session() as session:
            session.doc  # noqa: B018 - the vault must authenticate (and its key be found) first
            return self.audit.export(fmt)

    def audit_repair(self) -> tuple[Verification, str | None]:
        """Keep a damaged audit log beside a new one (AuditLog.repair); the mirror follows."""
        with self._session() as session:
            vault_id = session.doc.vault_id
            before = self.audit.verify(session.keys.audit_head(vault_id))
            repaired = self.audit.repair(session.keys.audit_head(vault_id))
            if repaired is None:
                return before, None
            head, kept = repaired
            session.keys.save_audit_head(vault_id, head)
            self.heads.remember(vault_id, head, self.audit.path)
            return before, kept

    def record_support_export(self, name: str) -> None:
        with self._session() as session:
            if session.loaded is not None:
                session.audit("support_export", file=name[:100])

    def record_policy(self) -> None:
        """Note the policy in force (values and where they came from), once per change."""
        with self._session() as session:
            if session.loaded is None:
                return
            summary = self.policy.summary()
            digest = sha256_hex(crypto.canonical(summary))
            vault_id = session.doc.vault_id
            if session.keys.vault_entry(vault_id).get("policy_hash") == digest:
                return
            session.audit("policy", **summary)
            session.keys.update_vault_entry(vault_id, lambda entry: entry.update(policy_hash=digest))

    # ------------------------------------------------------------------ recovery

    def restore_backup(self) -> None:
        """Put the previous generation back (after a help desk has looked at the damage)."""
        ensure_private_dir(self.home)
        with self._lock.held():
            keys = KeyCache(self.keystore)
            self.file.restore_backup(lambda vault_id: self.derived_key(keys, vault_id, MAC_INFO))
        self.load()
