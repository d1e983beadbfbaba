"""Unlocking a token: the PIN check, wrong-PIN counting, lockout waits and disabling.

The order of one unlock (docs/vault-format.md, "Wrong PINs and lockout"):

1. refuse a disabled token, a token whose count reached the limit, and a try
   during a wait (none of these counts as a try);
2. count the try in the keystore *before* checking the PIN, so killing the
   process once the answer could be known gives no free guess;
3. check the PIN through the token's protection level (protection.py): software,
   Argon2id + the device key unwrap the token key; tpm, the TPM checks the
   authorization made from the PIN and the device key (its own lockout, and a key
   another TPM made, are refused before step 2, without counting);
4. wrong: at the limit disable the token, else say how many tries are left;
   right: take the try back (failures = 0) in the same keystore write that
   stores the next HOTP counter, write the file, then return the passcodes.

The wrong-PIN state lives only in the keystore entry, so a restored older
file can neither reset it nor invent failures.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import NoReturn

from ..errors import AuditError, TokenDisabled
from ..otp import TokenType, totp_step
from ..pin import check_pin_entry
from ..secret import Secret
from . import crypto, protection
from .files import VaultFile
from .keys import LEGACY_STATE, TokenEntry
from .lockout import locked_out_error, remaining_wait, wait_after, wrong_pin_error
from .model import TokenRecord, check_kdf, unb64
from .results import Passcode, Passcodes
from .session import Session

log = logging.getLogger(__name__)

KEY_GONE = "keystore entry missing"
WRONG_PINS = "wrong PINs"

_STRETCHER: ThreadPoolExecutor | None = None


def _stretcher() -> ThreadPoolExecutor:
    global _STRETCHER  # noqa: PLW0603 - one lazily made worker thread for the whole process
    if _STRETCHER is None:
        _STRETCHER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="softtoken-argon2")
    return _STRETCHER


@dataclass
class EarlyStretch:
    """Argon2 started on the file's claimed salt before the file is authenticated."""

    salt: bytes
    params: crypto.KdfParams
    future: Future[Secret]

    def result_for(self, token: TokenRecord) -> Secret | None:
        if self.salt == token.kdf_salt and self.params == token.kdf:
            return self.future.result()
        return None

    def discard(self) -> None:
        self.future.add_done_callback(_wipe_result)


def _wipe_result(future: Future[Secret]) -> None:
    """An early Argon2 result is wiped when done: after use it is wiped already, else now."""
    if not future.cancelled() and future.exception() is None:
        future.result().wipe()


def _pin_fits(pin: str, length: object) -> bool:
    return pin.isascii() and pin.isdigit() and len(pin) == length


def start_stretching(
    file: VaultFile, name_or_id: str | None, pin: str, ceiling: crypto.KdfParams
) -> EarlyStretch | None:
    """Start Argon2 on the file's (not yet authenticated) salt while the keystore is read.

    Argon2 needs no key, only the salt and cost from the token header, so it can
    run while the vault key and device key come from the keystore (a Secret
    Service call costs milliseconds). The result is used only if the
    authenticated header has the same salt and cost. Work on an unauthenticated
    header is bounded: only a cost no higher than the vault's own (``ceiling``,
    what this softtoken writes) is started early, so an edited header wastes at
    most one normal unlock's work.
    """
    headers = file.peek_tokens()
    if headers is None:
        return None
    try:
        if name_or_id is None:
            chosen = headers[0] if len(headers) == 1 else None
        else:
            wanted = name_or_id.casefold()
            chosen = next(
                (h for h in headers if name_or_id == h["token_id"] or str(h["name"]).casefold() == wanted),
                None,
            )
        if chosen is None or not _pin_fits(pin, chosen["pin_length"]):
            return None
        check_kdf(chosen["kdf"])
        salt = unb64(chosen["kdf"]["salt"], "salt", ValueError())
        params = crypto.KdfParams(chosen["kdf"]["m"], chosen["kdf"]["t"], chosen["kdf"]["p"])
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None
    if (
        params.memory_kib > ceiling.memory_kib
        or params.iterations > ceiling.iterations
        or params.parallelism > ceiling.parallelism
    ):
        return None  # costlier than what this vault writes: wait for the authenticated header
    return EarlyStretch(salt, params, _stretcher().submit(crypto.argon2id, pin, salt, params))


def disabled_error(token: TokenRecord) -> TokenDisabled:
    if token.state.disabled_reason == KEY_GONE:
        return TokenDisabled(
            "Token '{name}' can no longer be used: its key is gone from the system keystore. "
            "Replace the token.",
            params={"name": token.name},
        )
    return TokenDisabled(
        "Token '{name}' was disabled after too many wrong PINs. Replace it to get a new token.",
        params={"name": token.name},
    )


def disable(session: Session, token: TokenRecord, reason: str, failures: int = 0) -> None:
    """Destroy the token's device key, then its wrapped key; keep a non-secret record.

    The keystore entry goes first: a crash right after leaves a token whose key is
    gone (unusable, disabled on its next use), never a disabled token whose key
    survives next to an older copy of the file.
    """
    session.keys.delete(session.token_entry_name(token))
    token.wrapped_key = None
    token.sealed_seed = None
    token.tpm_private = None  # a TPM token's blobs go too: nothing of it is left to load
    token.tpm_public = None
    token.state.status = "disabled"
    token.state.disabled_at = session.now()
    token.state.disabled_reason = reason
    token.state.disabled_failures = failures
    session.write()
    session.audit("disabled", token=token.name, serial=token.serial, reason=reason)


def unlock(session: Session, token: TokenRecord, pin: str, early: EarlyStretch | None) -> Passcodes:
    """Check ``pin`` against ``token``; on success the passcodes, with the seed wiped."""
    if token.state.status == "disabled":
        raise disabled_error(token)
    entry = session.keys.token_entry(session.doc.vault_id, token)
    if entry is None:
        disable(session, token, KEY_GONE)
        raise disabled_error(token)
    try:
        return _unlock_with(session, token, entry, pin, early)
    finally:
        entry.key.wipe()


def _unlock_with(
    session: Session, token: TokenRecord, entry: TokenEntry, pin: str, early: EarlyStretch | None
) -> Passcodes:
    limit = session.policy.max_attempts
    if entry.failures >= limit:  # a try was in progress when the last one ran out
        disable(session, token, WRONG_PINS, entry.failures)
        raise disabled_error(token)
    wait = remaining_wait(entry, session.clock)
    if wait:
        raise locked_out_error(wait, limit - entry.failures)
    check_pin_entry(pin, int(token.header["pin_length"]))
    opening = protection.begin(session, token)  # the TPM's lockout, another TPM: refused uncounted
    try:
        count_try(session, token, entry)
        session.mirrored_head()  # read now (if it must be read), while Argon2 runs
        # The steps are asked for once the PIN is stretched: the clock after Argon2.
        codes = opening.codes(pin, entry, early, lambda: counters_for(token, entry, session.now()))
        if codes is None:
            wrong_pin(session, token, entry)
        passcodes_ = passcodes(token, entry, codes)
        rewrapped = opening.rewrapped
    finally:
        opening.close()
    entry.failures = 0  # the try proved right: take it back
    token.state.last_used = session.now()
    for name in LEGACY_STATE:
        token.state.extra.pop(name, None)
    session.write()
    session.keys.save_token_entry(session.doc.vault_id, token, entry)
    return _audited(session, token, passcodes_, rewrapped)


def count_try(session: Session, token: TokenRecord, entry: TokenEntry) -> None:
    """Count this try as wrong until it proves right (the first keystore write of an unlock)."""
    entry.failures += 1
    entry.tried_at = session.now()
    entry.tried_boot = session.clock.boot_id()
    entry.tried_since_boot = float(session.clock.since_boot())
    session.keys.save_token_entry(session.doc.vault_id, token, entry)


def _audited(session: Session, token: TokenRecord, codes: Passcodes, rewrapped: bool) -> Passcodes:
    """Record the unlock; a log that cannot be written does not cost the passcode (HOTP!)."""
    try:
        session.audit("unlocked", token=token.name, serial=token.serial, mirror=False)
        if rewrapped:
            session.audit("rewrapped", token=token.name, serial=token.serial, kdf=token.header["kdf"]["m"])
    except (AuditError, OSError) as exc:
        log.warning("audit record of an unlock not written: %s", type(exc).__name__)
        return Passcodes(
            codes.token_id,
            codes.token_name,
            codes.type,
            codes.period,
            codes.codes,
            audit_problem="The audit log could not be written; tell your help desk.",
        )
    return codes


def counters_for(token: TokenRecord, entry: TokenEntry, now: float) -> list[int]:
    """TOTP: the current and the next time step. HOTP: the next counter (file or keystore, the higher)."""
    if TokenType(token.header["type"]) is TokenType.HOTP:
        return [max(token.state.counter, entry.counter)]
    step = totp_step(now, int(token.header["period"]))
    return [step, step + 1]


def passcodes(token: TokenRecord, entry: TokenEntry, codes: list[tuple[int, str]]) -> Passcodes:
    """What the screen needs, from (counter, code) pairs; a HOTP counter moves on here (stored first)."""
    h = token.header
    kind, period = TokenType(h["type"]), int(h["period"])
    if kind is TokenType.HOTP:
        ((counter, code),) = codes
        token.state.counter = counter + 1
        entry.counter = counter + 1
        return Passcodes(token.token_id, token.name, kind, period, (Passcode(code, counter),))
    made = tuple(
        Passcode(code, s, valid_from=float(s * period), valid_until=float((s + 1) * period))
        for s, code in codes
    )
    return Passcodes(token.token_id, token.name, kind, period, made)


def wrong_pin(session: Session, token: TokenRecord, entry: TokenEntry) -> NoReturn:
    """The try stays counted (the keystore has it already); say what happens next."""
    limit = session.policy.max_attempts
    failures = entry.failures
    audit_failure(session, token, failures)
    if failures >= limit:
        disable(session, token, WRONG_PINS, failures)
        raise wrong_pin_error(token.name, failures, limit, 0)
    wait = wait_after(failures)
    if wait:
        session.audit("locked_out", token=token.name, serial=token.serial, wait_seconds=wait)
    raise wrong_pin_error(token.name, failures, limit, wait)


def audit_failure(session: Session, token: TokenRecord, failures: int) -> None:
    session.audit("unlock_failed", token=token.name, serial=token.serial, failures=failures)
