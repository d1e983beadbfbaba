"""The token vault: activation, unlocking, wrong-PIN lockout (docs/vault-format.md).

Every operation takes the vault lock, re-reads and authenticates the file,
changes it, and writes it atomically before it answers. Wrong-PIN counts
and HOTP counters are written to the file and mirrored in the keystore
before a result is returned, so neither a crash nor a restored old copy of
the file can reset them.
"""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ..audit import AuditHead, AuditLog, Verification, iso
from ..clock import Clock, SystemClock
from ..errors import (
    KeystoreEntryMissing,
    PinRejected,
    SeedReused,
    TokenDisabled,
    TokenLockedOut,
    TokenNotFound,
    VaultChanged,
    VaultCorrupt,
    VaultMissing,
    WrongPin,
)
from ..keystore import Keystore, open_keystore
from ..lifecycle import Reason, parse_reason, state_of
from ..naming import clean_token_name
from ..otp import TokenType, hotp, totp_step
from ..paths import BACKUP_FILE, VAULT_FILE, vault_present
from ..pin import check_new_pin
from ..policy import Policy
from ..secret import Secret
from ..storage import (
    FileLock,
    atomic_write,
    ensure_private_dir,
    read_private,
    remove_stale_temps,
)
from ..token import TokenDescription
from . import crypto
from .lockout import wait_after
from .model import (
    TokenRecord,
    TokenState,
    VaultDoc,
    aad,
    b64,
    check_kdf,
    corrupt_message,
    frame,
    parse_body,
    split_frame,
    unb64,
)

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)

LOCK_FILE = "vault.lock"
AUDIT_FILE = "audit.log"
KEY_GONE = "keystore entry missing"


@dataclass(frozen=True, eq=False)
class Passcode:
    """One passcode; the digits stay out of ``repr`` and logs."""

    code: str = field(repr=False)
    counter: int
    valid_from: float | None = None
    valid_until: float | None = None

    def grouped(self) -> str:
        """``123 456`` for six digits, ``1234 567`` for seven, ``1234 5678`` for eight."""
        split = 3 if len(self.code) == 6 else 4
        return f"{self.code[:split]} {self.code[split:]}"

    def spoken(self) -> str:
        """Digit by digit for screen readers: ``1 2 3, 4 5 6``."""
        head, tail = self.grouped().split(" ")
        return f"{' '.join(head)}, {' '.join(tail)}"


@dataclass(frozen=True, eq=False)
class Passcodes:
    """What one unlock yields: TOTP the current and next step, HOTP the next counter."""

    token_id: str
    token_name: str
    type: TokenType
    period: int
    codes: tuple[Passcode, ...]

    def at(self, now: float) -> Passcode | None:
        if self.type is TokenType.HOTP:
            return self.codes[0]
        for code in self.codes:
            if (
                code.valid_from is not None
                and code.valid_until is not None
                and (code.valid_from <= now < code.valid_until)
            ):
                return code
        return None

    @property
    def expires(self) -> float | None:
        """When the last code expires (TOTP); the window locks again then."""
        return self.codes[-1].valid_until


@dataclass(frozen=True)
class TokenStatus:
    """Everything about a token that may be shown before unlock (never secrets)."""

    token_id: str
    name: str
    type: str
    algorithm: str
    digits: int
    period: int
    issuer: str
    account: str
    serial: str
    status: str  # "active" or "disabled"
    state: str  # "waiting for network sync", "ready", "disabled"
    sync_until: float
    failures: int
    attempts_left: int
    wait_seconds: int
    created: str
    last_used: float | None
    kdf: str
    pin_length: int

    def summary(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "serial": self.serial,
            "issuer": self.issuer,
            "account": self.account,
            "type": self.type,
            "algorithm": self.algorithm,
            "digits": self.digits,
            "period": self.period,
            "state": self.state,
            "sync_until": iso(self.sync_until) if self.sync_until else None,
            "wrong_pins": self.failures,
            "attempts_left": self.attempts_left,
            "wait_seconds": self.wait_seconds,
            "created": self.created,
            "last_used": iso(self.last_used) if self.last_used else None,
            "kdf": self.kdf,
            "pin_length": self.pin_length,
        }


def _pin_fits(pin: str, length: Any) -> bool:
    return pin.isascii() and pin.isdigit() and len(pin) == length


_STRETCHER: ThreadPoolExecutor | None = None


def _stretcher() -> ThreadPoolExecutor:
    global _STRETCHER  # noqa: PLW0603 - one lazily made worker thread for the whole process
    if _STRETCHER is None:
        from concurrent.futures import ThreadPoolExecutor

        _STRETCHER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="softtoken-argon2")
    return _STRETCHER


@dataclass
class _EarlyStretch:
    salt: bytes
    params: crypto.KdfParams
    future: Future[Secret]
    used: bool = False


def _wipe_result(future: Future[Secret]) -> None:
    """An early Argon2 result is wiped when done: after use it is wiped already, else now."""
    if not future.cancelled() and future.exception() is None:
        future.result().wipe()


@dataclass
class _Mirror:
    """A token's keystore entry: its device key and the counters that must not roll back."""

    key: Secret
    attempts: int = 0  # every PIN check ever started, counted before the check (only grows)
    counter: int = 0

    def dump(self) -> str:
        return json.dumps(
            {"key": b64(bytes(self.key.buffer)), "attempts": self.attempts, "counter": self.counter}
        )

    def failures(self, state: TokenState) -> int:
        """Wrong PINs since the last right one: a restored older file can only make this larger."""
        return max(state.failures, self.attempts - state.success_attempt)


class Vault:
    def __init__(
        self,
        home: Path,
        *,
        keystore: Keystore | None = None,
        policy: Policy | None = None,
        clock: Clock | None = None,
        kdf: crypto.KdfParams = crypto.DEFAULT_KDF,
    ) -> None:
        self.home = home
        self.path = home / VAULT_FILE
        self.backup_path = home / BACKUP_FILE
        self.policy = policy or Policy()
        self.clock = clock or SystemClock()
        self.kdf = kdf
        self._keystore = keystore
        self._lock = FileLock(home / LOCK_FILE)
        self._loaded: bytes | None = None
        self._vault_id: str | None = None
        self._cache: dict[str, str | None] | None = None
        self._vault_keys: dict[str, Secret] = {}
        self.audit = AuditLog(home / AUDIT_FILE, self._audit_key, self.clock.now)

    # ------------------------------------------------------------------ keystore

    @property
    def keystore(self) -> Keystore:
        if self._keystore is None:
            self._keystore = open_keystore(self.home, self.policy.file_device_key)
        return self._keystore

    @contextlib.contextmanager
    def _held(self) -> Iterator[None]:
        """The vault lock, plus a keystore read cache that lives exactly as long as it.

        Under the lock no other softtoken process changes our entries, so each
        is read at most once per operation (a Secret Service call costs ~15 ms).
        """
        outer = self._cache is None
        with self._lock.held():
            if outer:
                self._cache = {}
            try:
                yield
            finally:
                if outer:
                    self._cache = None

    def _kget(self, entry: str) -> str | None:
        if self._cache is not None and entry in self._cache:
            return self._cache[entry]
        value = self.keystore.get(entry)
        if self._cache is not None:
            self._cache[entry] = value
        return value

    def _kset(self, entry: str, value: str) -> None:
        if self._cache is not None and self._cache.get(entry) == value:
            return  # unchanged: spare the keystore a write
        self.keystore.set(entry, value)
        if self._cache is not None:
            self._cache[entry] = value

    def _kdel(self, entry: str) -> None:
        self.keystore.delete(entry)
        if self._cache is not None:
            self._cache[entry] = None

    def _vault_entry(self, vault_id: str) -> dict[str, Any]:
        raw = self._kget(vault_id)
        if raw is None:
            raise KeystoreEntryMissing(
                "The system keystore holds no key for this token vault: the keyring was reset, "
                "the vault was copied from another computer, or the vault file was changed. "
                "The tokens here cannot be used; ask your help desk."
            )
        try:
            entry = json.loads(raw)
            unb64(entry["key"], "key", ValueError())
        except (ValueError, KeyError, TypeError):
            raise KeystoreEntryMissing(
                "softtoken's key in the system keystore is damaged. Ask your help desk."
            ) from None
        if not isinstance(entry, dict):
            raise KeystoreEntryMissing("softtoken's key in the system keystore is damaged.")
        return entry

    def _derived(self, vault_id: str, info: bytes) -> Secret:
        """A key derived from the vault key, which is read from the keystore once per process.

        The vault key only authenticates the file and the audit log (no seed opens with it),
        and it never changes; keeping it saves a Secret Service round trip (~15 ms) per use.
        """
        if vault_id not in self._vault_keys:
            entry = self._vault_entry(vault_id)
            self._vault_keys[vault_id] = Secret(unb64(entry["key"], "key", ValueError()))
        return crypto.hkdf(self._vault_keys[vault_id].buffer, info)

    def _audit_key(self) -> Secret:
        if self._vault_id is None:
            raise KeystoreEntryMissing("There is no token vault on this workstation yet.")
        return self._derived(self._vault_id, b"softtoken/1/audit")

    def _audit_head(self, vault_id: str) -> AuditHead | None:
        entry = self._vault_entry(vault_id)
        if "audit_seq" not in entry:
            return None
        return AuditHead(int(entry["audit_seq"]), str(entry["audit_head"]))

    def _audit(self, doc: VaultDoc, event: str, mirror_head: bool = True, **details: Any) -> None:
        """Append a record; mirror the log's head in the keystore unless ``mirror_head`` is off.

        Routine successful unlocks are not mirrored (a Secret Service write costs ~15 ms):
        the keystore head is a lower bound, so cutting records off the end is still caught
        down to the last security event.
        """
        head = self.audit.append(event, None, **details)
        if not mirror_head:
            return
        entry = self._vault_entry(doc.vault_id)
        entry.update(audit_seq=head.seq, audit_head=head.digest)
        self._kset(doc.vault_id, json.dumps(entry))

    def _token_entry_name(self, doc: VaultDoc, token: TokenRecord) -> str:
        return f"{doc.vault_id}/{token.token_id}"

    def _mirror(self, doc: VaultDoc, token: TokenRecord) -> _Mirror | None:
        raw = self._kget(self._token_entry_name(doc, token))
        if raw is None:
            return None
        try:
            data = json.loads(raw)
            return _Mirror(
                Secret(unb64(data["key"], "key", ValueError())),
                int(data.get("attempts", 0)),
                int(data.get("counter", 0)),
            )
        except (ValueError, KeyError, TypeError):
            raise KeystoreEntryMissing(
                f"The key of token '{token.name}' in the system keystore is damaged. Replace the token."
            ) from None

    def _save_mirror(self, doc: VaultDoc, token: TokenRecord, mirror: _Mirror) -> None:
        self._kset(self._token_entry_name(doc, token), mirror.dump())

    # ------------------------------------------------------------------ file

    def exists(self) -> bool:
        """Cheap (no keystore, no crypto): is there a vault on disk? Picks the first window."""
        return vault_present(self.home)

    def _read(self) -> VaultDoc | None:
        remove_stale_temps(self.path)
        remove_stale_temps(self.backup_path)
        backup = str(self.backup_path) if self.backup_path.exists() else None
        try:
            data = read_private(self.path)
        except FileNotFoundError:
            self._loaded = None
            if backup:
                raise VaultMissing(
                    f"The token vault {self.path} is missing, but its backup is there. Ask your "
                    "help desk; softtoken will not start an empty vault over it.",
                    backup,
                ) from None
            return None
        signed, body, tag = split_frame(data, str(self.path), backup)
        with self._derived(body["vault_id"], b"softtoken/1/file-mac") as key:
            if not crypto.mac_equal(crypto.mac(key, signed), tag):
                raise VaultCorrupt(corrupt_message(str(self.path), backup), str(self.path), backup)
        doc = parse_body(body, str(self.path), backup)
        self._loaded = data
        self._vault_id = doc.vault_id
        return doc

    def _write(self, doc: VaultDoc) -> None:
        doc.generation += 1
        with self._derived(doc.vault_id, b"softtoken/1/file-mac") as key:
            data = frame(doc.to_json(), lambda signed: crypto.mac(key, signed))
        if self._loaded is not None:
            atomic_write(self.backup_path, self._loaded)
        atomic_write(self.path, data)
        self._loaded = data

    @contextlib.contextmanager
    def _locked(self, expected_generation: int | None = None) -> Iterator[VaultDoc | None]:
        ensure_private_dir(self.home)
        with self._held():
            doc = self._read()
            if expected_generation is not None and (doc is None or doc.generation != expected_generation):
                raise VaultChanged(
                    "The token vault was changed by another softtoken window or command. "
                    "Nothing was overwritten; look again and retry."
                )
            if doc is not None:
                self._settle_history(doc)
            yield doc

    def load(self) -> VaultDoc | None:
        """Read and authenticate the vault (None when there is none yet)."""
        ensure_private_dir(self.home)
        with self._held():
            return self._read()

    # ------------------------------------------------------------------ reading

    def status(self) -> list[TokenStatus]:
        doc = self.load()
        if doc is None:
            return []
        return [self._status(doc, token) for token in doc.tokens]

    def _status(self, doc: VaultDoc, token: TokenRecord) -> TokenStatus:
        failures = token.state.failures
        if token.state.status == "active":
            mirror = self._mirror(doc, token)
            if mirror is not None:
                failures = mirror.failures(token.state)
                mirror.key.wipe()
        now = self.clock.now()
        wait = 0
        if token.state.locked_until and token.state.locked_until > now:
            wait = int(token.state.locked_until - now + 0.999)
        state = state_of(token.state.status, token.state.sync_until, now).value
        h = token.header
        kdf = token.kdf
        return TokenStatus(
            token_id=token.token_id,
            name=token.name,
            type=h["type"],
            algorithm=h["algorithm"],
            digits=h["digits"],
            period=h["period"],
            issuer=h.get("issuer", ""),
            account=h.get("account", ""),
            serial=token.serial,
            status=token.state.status,
            state=state,
            sync_until=token.state.sync_until,
            failures=failures,
            attempts_left=max(self.policy.max_attempts - failures, 0),
            wait_seconds=wait,
            created=h.get("created", ""),
            last_used=token.state.last_used,
            kdf=f"argon2id m={kdf.memory_kib} KiB t={kdf.iterations} p={kdf.parallelism}",
            pin_length=h["pin_length"],
        )

    def vault_id(self) -> str | None:
        doc = self.load()
        return doc.vault_id if doc else None

    # ------------------------------------------------------------------ activation

    def _new_vault(self) -> VaultDoc:
        vault_id = secrets.token_hex(16)
        # The keystore is probed before anything is written: no keystore, no vault.
        probe = getattr(self.keystore, "probe", None)
        if probe is not None:
            probe()
        self._kset(vault_id, json.dumps({"key": b64(crypto.random_bytes(32))}))
        self._vault_id = vault_id
        return VaultDoc(
            vault_id=vault_id,
            generation=0,
            created=iso(self.clock.now()),
            keystore="os" if self.keystore.secure else "file",
        )

    def fingerprint(self, doc: VaultDoc, seed: Secret) -> str:
        with self._derived(doc.vault_id, b"softtoken/1/fingerprint") as key:
            return crypto.mac(key, bytes(seed.buffer)).hex()

    def activate(self, description: TokenDescription, name: str, pin: str, confirm: str) -> TokenStatus:
        """Seal ``description`` into the vault as a new token named ``name`` with ``pin``."""
        description.check()
        check_new_pin(pin, confirm, self.policy)
        with self._locked() as existing:
            created_vault = existing is None
            doc = existing if existing is not None else self._new_vault()
            name = clean_token_name(name, [t.name for t in doc.tokens])
            fingerprint = self.fingerprint(doc, description.secret)
            self._refuse_known_seed(doc, fingerprint, None)
            self._refuse_known_serial(doc, description.serial, None)
            token = self._seal(doc, description, name, pin, fingerprint)
            doc.tokens.append(token)
            self._write(doc)
            if created_vault:
                self._audit(doc, "vault_created", keystore=self.keystore.name)
            self._audit(
                doc,
                "activated",
                token=token.name,
                serial=token.serial,
                type=token.header["type"],
                source=description.source,
            )
            return self._status(doc, token)

    def _seal(
        self, doc: VaultDoc, description: TokenDescription, name: str, pin: str, fingerprint: str
    ) -> TokenRecord:
        token_id = secrets.token_hex(16)
        now = self.clock.now()
        header = {
            "token_id": token_id,
            "name": name,
            "type": description.type.value,
            "algorithm": description.algorithm.value,
            "digits": description.digits,
            "period": description.period,
            "issuer": description.issuer,
            "account": description.account,
            "serial": description.serial,
            "created": iso(now),
            "pin_length": len(pin),
        }
        state = TokenState(
            counter=description.counter,
            activated_at=now,
            sync_until=now + self.policy.sync_window_minutes * 60,
        )
        mirror = _Mirror(Secret(crypto.random_bytes(32)), 0, description.counter)
        record = TokenRecord(header, None, None, fingerprint, state)
        with Secret(crypto.random_bytes(32)) as token_key:
            self._wrap(doc, record, pin, mirror.key, token_key, description.secret)
        # The device key goes to the keystore before the file names the token:
        # a crash between the two leaves an unused keystore entry, never a token without a key.
        self._save_mirror(doc, record, mirror)
        mirror.key.wipe()
        return record

    def _wrap(
        self,
        doc: VaultDoc,
        record: TokenRecord,
        pin: str,
        device_key: Secret,
        token_key: Secret,
        seed: Secret,
    ) -> None:
        """(Re)derive the KEK from ``pin`` and seal the token key and seed under a fresh header."""
        salt = crypto.random_bytes(crypto.SALT_BYTES)
        wrap_nonce = crypto.random_bytes(crypto.NONCE_BYTES)
        seed_nonce = crypto.random_bytes(crypto.NONCE_BYTES)
        record.header.update(
            kdf=self.kdf.header(salt), wrap_nonce=b64(wrap_nonce), seed_nonce=b64(seed_nonce)
        )
        associated = aad(doc.vault_id, record.header)
        with (
            crypto.argon2id(pin, salt, self.kdf) as stretched,
            crypto.derive_kek(stretched, device_key, record.token_id) as kek,
        ):
            record.wrapped_key = b64(crypto.gcm_encrypt(kek, wrap_nonce, token_key.buffer, associated))
        record.sealed_seed = b64(crypto.gcm_encrypt(token_key, seed_nonce, seed.buffer, associated))

    # ------------------------------------------------------------------ unlocking

    def find(self, doc: VaultDoc, name_or_id: str | None) -> TokenRecord:
        if name_or_id is None:
            if len(doc.tokens) == 1:
                return doc.tokens[0]
            names = ", ".join(t.name for t in doc.tokens) or "none"
            raise TokenNotFound(f"Say which token to use; this workstation has: {names}.")
        token = doc.find(name_or_id)
        if token is None:
            names = ", ".join(t.name for t in doc.tokens) or "none"
            raise TokenNotFound(f"There is no token named '{name_or_id[:40]}' here. Tokens: {names}.")
        return token

    def _require_doc(self, doc: VaultDoc | None) -> VaultDoc:
        if doc is None:
            raise TokenNotFound("There is no token on this workstation yet. Activate one first.")
        return doc

    def unlock(self, name_or_id: str | None, pin: str) -> Passcodes:
        """Check ``pin``; on success return the passcodes the screen needs and wipe the seed."""
        with self._held():
            early = self._start_stretching(name_or_id, pin)
            try:
                with self._locked() as loaded:
                    doc = self._require_doc(loaded)
                    token = self.find(doc, name_or_id)
                    self._refuse_disabled(token)
                    mirror = self._mirror(doc, token)
                    if mirror is None:
                        self._disable(doc, token, reason=KEY_GONE)
                        raise self._disabled_error(token)
                    try:
                        return self._unlock_with(doc, token, mirror, pin, early)
                    finally:
                        mirror.key.wipe()
            finally:
                if early is not None:
                    early.future.add_done_callback(_wipe_result)

    def _start_stretching(self, name_or_id: str | None, pin: str) -> _EarlyStretch | None:
        """Start Argon2 on the file's (not yet authenticated) salt while the keystore is read.

        Argon2 needs no key, only the salt and cost from the token header, so it can
        run while the vault key and device key come from the keystore (a Secret
        Service call costs ~15 ms). The result is used only if the authenticated
        header carries the same salt and cost; a tampered file just wastes the work.
        """
        try:
            body = json.loads(read_private(self.path).split(b"\n")[1])
            tokens = body["tokens"]
            if name_or_id is None:
                chosen = tokens[0]["header"] if len(tokens) == 1 else None
            else:
                chosen = next(
                    (
                        t["header"]
                        for t in tokens
                        if name_or_id in (t["header"]["token_id"],)
                        or str(t["header"]["name"]).casefold() == name_or_id.casefold()
                    ),
                    None,
                )
            if chosen is None or not _pin_fits(pin, chosen["pin_length"]):
                return None
            check_kdf(chosen["kdf"])
            salt = unb64(chosen["kdf"]["salt"], "salt", ValueError())
            params = crypto.KdfParams(chosen["kdf"]["m"], chosen["kdf"]["t"], chosen["kdf"]["p"])
        except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError):
            return None
        return _EarlyStretch(salt, params, _stretcher().submit(crypto.argon2id, pin, salt, params))

    def _refuse_disabled(self, token: TokenRecord) -> None:
        if token.state.status == "disabled":
            raise self._disabled_error(token)

    def _disabled_error(self, token: TokenRecord) -> TokenDisabled:
        if token.state.disabled_reason == KEY_GONE:
            return TokenDisabled(
                f"Token '{token.name}' can no longer be used: its key is gone from the system "
                "keystore. Replace the token."
            )
        return TokenDisabled(
            f"Token '{token.name}' was disabled after too many wrong PINs. Replace it to get a new token."
        )

    def _unlock_with(
        self, doc: VaultDoc, token: TokenRecord, mirror: _Mirror, pin: str, early: _EarlyStretch | None
    ) -> Passcodes:
        failures = mirror.failures(token.state)
        limit = self.policy.max_attempts
        if failures >= limit:
            self._disable(doc, token, reason="wrong PINs")
            self._refuse_disabled(token)
        now = self.clock.now()
        if token.state.locked_until and now < token.state.locked_until:
            wait = int(token.state.locked_until - now + 0.999)
            raise TokenLockedOut(
                f"Too many wrong PINs. Wait {wait} seconds, then try again "
                f"({limit - failures} attempts left before this token is disabled).",
                wait,
            )
        pin_length = int(token.header["pin_length"])
        if not _pin_fits(pin, pin_length):
            raise PinRejected(f"Enter your {pin_length}-digit token PIN.")
        # Count this try as a failure BEFORE the PIN is checked, and take it back on success:
        # killing the process once the answer is known (from the audit log or a temp file
        # appearing) must not give a free guess.
        mirror.attempts += 1
        self._save_mirror(doc, token, mirror)  # the one keystore write of a TOTP unlock
        if early is not None and early.salt == token.kdf_salt and early.params == token.kdf:
            stretched = early.future.result()
            early.used = True
        else:
            stretched = crypto.argon2id(pin, token.kdf_salt, token.kdf)

        associated = aad(doc.vault_id, token.header)
        wrap_nonce = unb64(token.header["wrap_nonce"], "nonce", ValueError())
        with stretched, crypto.derive_kek(stretched, mirror.key, token.token_id) as kek:
            token_key = crypto.gcm_decrypt(
                kek, wrap_nonce, unb64(token.wrapped_key or "", "key", ValueError()), associated
            )
        if token_key is None:
            self._wrong_pin(doc, token, mirror, mirror.failures(token.state))
        with token_key as key:
            seed = crypto.gcm_decrypt(
                key,
                unb64(token.header["seed_nonce"], "nonce", ValueError()),
                unb64(token.sealed_seed or "", "seed", ValueError()),
                associated,
            )
            if seed is None:  # the key unwrapped but the seed does not open: the file is bad
                raise VaultCorrupt(corrupt_message(str(self.path), None), str(self.path), None)
            with seed:
                codes = self._passcodes(doc, token, mirror, seed, now)
                if token.kdf.weaker_than(self.kdf):
                    self._wrap(doc, token, pin, mirror.key, key, seed)
                    rewrapped = True
                else:
                    rewrapped = False
        token.state.failures = 0
        token.state.success_attempt = mirror.attempts  # failures = attempts - this = 0
        token.state.locked_until = None
        token.state.last_used = now
        self._write(doc)
        self._save_mirror(doc, token, mirror)  # written only if it changed (an HOTP counter)
        self._audit(doc, "unlocked", token=token.name, serial=token.serial, mirror_head=False)
        if rewrapped:
            self._audit(doc, "rewrapped", token=token.name, serial=token.serial, kdf=token.header["kdf"]["m"])
        return codes

    def _passcodes(
        self, doc: VaultDoc, token: TokenRecord, mirror: _Mirror, seed: Secret, now: float
    ) -> Passcodes:
        h = token.header
        from ..otp import Algorithm

        algorithm, digits, period = Algorithm(h["algorithm"]), int(h["digits"]), int(h["period"])
        kind = TokenType(h["type"])
        if kind is TokenType.HOTP:
            counter = max(token.state.counter, mirror.counter)
            code = Passcode(hotp(seed, counter, algorithm=algorithm, digits=digits), counter)
            # The next counter is stored (below, before returning) so this code is never shown twice.
            token.state.counter = counter + 1
            mirror.counter = counter + 1
            codes: tuple[Passcode, ...] = (code,)
        else:
            step = totp_step(now, period)
            codes = tuple(
                Passcode(
                    hotp(seed, s, algorithm=algorithm, digits=digits),
                    s,
                    valid_from=float(s * period),
                    valid_until=float((s + 1) * period),
                )
                for s in (step, step + 1)
            )
        return Passcodes(token.token_id, token.name, kind, period, codes)

    def _wrong_pin(self, doc: VaultDoc, token: TokenRecord, mirror: _Mirror, failures: int) -> NoReturn:
        limit = self.policy.max_attempts
        token.state.failures = failures
        if failures >= limit:
            self._audit_failure(doc, token, failures)
            self._disable(doc, token, reason="wrong PINs")
            raise WrongPin(
                f"Incorrect PIN. Token '{token.name}' is now disabled after {failures} wrong PINs. "
                "Replace it to continue.",
                attempts_left=0,
                wait_seconds=0,
                disabled=True,
            )
        wait = wait_after(failures)
        token.state.locked_until = self.clock.now() + wait if wait else None
        self._write(doc)  # the keystore already counted this try, before the check
        self._audit_failure(doc, token, failures)
        if wait:
            self._audit(doc, "locked_out", token=token.name, serial=token.serial, wait_seconds=wait)
        left = limit - failures
        plural = "attempt" if left == 1 else "attempts"
        then = f" Wait {wait} seconds before the next try." if wait else ""
        raise WrongPin(
            f"Incorrect PIN. {left} {plural} left before this token is disabled.{then}",
            attempts_left=left,
            wait_seconds=wait,
            disabled=False,
        )

    def _audit_failure(self, doc: VaultDoc, token: TokenRecord, failures: int) -> None:
        self._audit(doc, "unlock_failed", token=token.name, serial=token.serial, failures=failures)

    def _disable(self, doc: VaultDoc, token: TokenRecord, reason: str) -> None:
        """Destroy the token's device key, then its wrapped key; keep a non-secret record.

        The keystore entry goes first: a crash right after leaves a token whose key is gone
        (unusable, disabled on its next use), never a disabled token whose key survives next
        to an older copy of the file.
        """
        self._kdel(self._token_entry_name(doc, token))
        token.wrapped_key = None
        token.sealed_seed = None
        token.state.status = "disabled"
        token.state.disabled_at = self.clock.now()
        token.state.disabled_reason = reason
        token.state.locked_until = None
        self._write(doc)
        self._audit(doc, "disabled", token=token.name, serial=token.serial, reason=reason)

    # ------------------------------------------------------------------ lifecycle

    def _settle_history(self, doc: VaultDoc) -> None:
        """Finish what a token's departure still owes: delete its device key, write its audit record.

        A replacement or retirement is decided by one vault write; these steps follow it
        and are marked done in the history record, so a crash between them is finished
        on the next operation (without writing the audit record twice).
        """
        pending = [h for h in doc.history if h.get("key_deleted") is False or h.get("audited") is False]
        if not pending:
            return
        for record in pending:
            if record.get("key_deleted") is False:
                self._kdel(f"{doc.vault_id}/{record['token_id']}")
                record["key_deleted"] = True
            if record.get("audited") is False:
                if not self._audited(record):
                    details = dict(record.get("details", {}))
                    self._audit(
                        doc, record["event"], token=record["name"], serial=record["serial"], **details
                    )
                record["audited"] = True
        self._write(doc)

    def _audited(self, record: dict[str, Any]) -> bool:
        """Recovery only: is there already an audit record for this departure?"""
        token_id = record.get("details", {}).get("token_id")
        return any(
            r.get("event") == record["event"] and r.get("details", {}).get("token_id") == token_id
            for r in self.audit.records()[-50:]
        )

    def _refuse_known_serial(self, doc: VaultDoc, serial: str, replacing: TokenRecord | None) -> None:
        """One token per issuer serial: a second activation of the same link (e.g. two-step,
        whose seed differs each time) would leave a token the issuer no longer knows."""
        if not serial:
            return
        for token in doc.tokens:
            if token is not replacing and token.serial == serial:
                raise SeedReused(
                    f"Token '{token.name}' on this workstation already has serial {serial}; this "
                    "activation was used before. Ask the issuer for a new activation."
                )

    def _refuse_known_seed(self, doc: VaultDoc, fingerprint: str, replacing: TokenRecord | None) -> None:
        if replacing is not None and fingerprint == replacing.fingerprint:
            raise SeedReused(
                f"This activation repeats the seed of token '{replacing.name}', which you are "
                "replacing; a replacement must have a new seed. Ask the issuer for a new activation."
            )
        if fingerprint in doc.retired_fingerprints:
            raise SeedReused(
                "This activation repeats the seed of a token replaced or removed on this workstation "
                "before. Ask the issuer for a new activation."
            )
        if fingerprint in {t.fingerprint for t in doc.tokens}:
            raise SeedReused(
                "This activation repeats a seed already used on this workstation. Ask the issuer for "
                "a new activation."
            )

    def check_replacement(self, old: str, description: TokenDescription) -> None:
        """Refuse early (before any PIN is asked) a seed the replacement may not use."""
        with self._locked() as loaded:
            doc = self._require_doc(loaded)
            token = self.find(doc, old)
            self._refuse_known_seed(doc, self.fingerprint(doc, description.secret), token)

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
        """Put a new token in place of ``old``, in one atomic write, then destroy the old key.

        The old PIN is never needed (it may be forgotten). A crash leaves either the
        old token or the new one in the vault, never both and never neither; the old
        device key is deleted right after, or on the next operation if we crashed.
        """
        why = parse_reason(reason) if isinstance(reason, str) else reason
        description.check()
        check_new_pin(pin, confirm, self.policy)
        with self._locked() as loaded:
            doc = self._require_doc(loaded)
            token = self.find(doc, old)
            name = clean_token_name(name, [t.name for t in doc.tokens if t is not token])
            fingerprint = self.fingerprint(doc, description.secret)
            self._refuse_known_seed(doc, fingerprint, token)
            self._refuse_known_serial(doc, description.serial, token)
            new = self._seal(doc, description, name, pin, fingerprint)
            now = self.clock.now()
            details: dict[str, Any] = {
                "token_id": token.token_id,
                "reason": why.value,
                "new_serial": new.serial,
                "new_name": new.name,
            }
            if loss_reported_at is not None:
                details["loss_reported_at"] = iso(loss_reported_at)
            doc.tokens[doc.tokens.index(token)] = new
            doc.history.append(
                {
                    "event": "replaced",
                    "token_id": token.token_id,
                    "name": token.name,
                    "serial": token.serial,
                    "at": iso(now),
                    "reason": why.value,
                    "replaced_by": new.serial or new.name,
                    "details": details,
                    "key_deleted": False,
                    "audited": False,
                }
            )
            doc.retired_fingerprints.append(token.fingerprint)
            self._write(doc)  # one generation: the old token out, the new one in
            self._settle_history(doc)
            return self._status(doc, new)

    def retire(self, name_or_id: str, reason: Reason | str = Reason.NEW_WORKSTATION) -> None:
        """Remove a token from this workstation on purpose: its key first, then its record."""
        why = parse_reason(reason) if isinstance(reason, str) else reason
        with self._locked() as loaded:
            doc = self._require_doc(loaded)
            token = self.find(doc, name_or_id)
            self._kdel(self._token_entry_name(doc, token))
            doc.tokens.remove(token)
            doc.history.append(
                {
                    "event": "retired",
                    "token_id": token.token_id,
                    "name": token.name,
                    "serial": token.serial,
                    "at": iso(self.clock.now()),
                    "reason": why.value,
                    "details": {"token_id": token.token_id, "reason": why.value},
                    "key_deleted": True,
                    "audited": False,
                }
            )
            doc.retired_fingerprints.append(token.fingerprint)
            self._write(doc)
            self._settle_history(doc)

    def history(self) -> list[dict[str, Any]]:
        """Non-secret records of tokens replaced or retired on this workstation."""
        doc = self.load()
        return [dict(h) for h in doc.history] if doc else []

    # ------------------------------------------------------------------ audit

    def audit_verify(self) -> Verification:
        doc = self.load()
        if doc is None:
            return Verification(True, 0)
        with self._held():
            return self.audit.verify(self._audit_head(doc.vault_id))

    def record_support_export(self, name: str) -> None:
        with self._locked() as doc:
            if doc is not None:
                self._audit(doc, "support_export", file=name[:100])

    def record_policy(self) -> None:
        """Note the policy in force, once per change (not on every start)."""
        with self._locked() as doc:
            if doc is None:
                return
            summary = self.policy.summary()
            digest = crypto.canonical(summary).hex()[:64]
            entry = self._vault_entry(doc.vault_id)
            if entry.get("policy_hash") == digest:
                return
            self._audit(doc, "policy", **summary)
            entry = self._vault_entry(doc.vault_id)
            entry["policy_hash"] = digest
            self._kset(doc.vault_id, json.dumps(entry))

    # ------------------------------------------------------------------ recovery

    def restore_backup(self) -> None:
        """Put the previous generation back (after a help desk has looked at the damage)."""
        ensure_private_dir(self.home)
        with self._held():
            data = read_private(self.backup_path)
            damaged = self.path.with_name(f"{VAULT_FILE}.damaged")
            if self.path.exists():
                atomic_write(damaged, read_private(self.path))
            atomic_write(self.path, data)
            self._read()
