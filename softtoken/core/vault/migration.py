"""Moving a software token into the TPM with its PIN (``softtoken-cli protect``).

The PIN is checked as in an unlock (counted first, waits, disabling at the
limit: ``unlocking.py``); the seed it opens becomes an HMAC key in the TPM
under a **new** device key (keystore entry ``<vault_id>/<token_id>/tpm``),
and one file write swaps the token's software record for its TPM record
(same token id, name, serial, HOTP counter). Then the old device key is
deleted, so the backup file's software copy can no longer be opened either.

A crash leaves the old token (the file not yet written: its key and record
are untouched; an unused ``/tpm`` entry at most) or the new one complete
(the old key, marked in the record's state, is deleted by the next
operation: :func:`settle`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..secret import Secret
from . import crypto, protection, tpmlevel
from .keys import TokenEntry
from .lockout import locked_out_error, remaining_wait
from .model import TokenRecord, TokenState
from .software import SoftwareUnlock
from .unlocking import KEY_GONE, WRONG_PINS, count_try, disable, disabled_error, wrong_pin

if TYPE_CHECKING:
    from .session import Session
    from .unlocking import EarlyStretch

OLD_KEY = "software_key"  # state field: the software device key still to delete
TO_DELETE = "to delete"


def protect(session: Session, token: TokenRecord, pin: str, early: EarlyStretch | None) -> TokenRecord:
    """Check ``pin`` on software ``token`` and put its seed into the TPM; the new record."""
    from ..pin import check_pin_entry

    if token.state.status == "disabled":
        raise disabled_error(token)
    if token.protection == tpmlevel.NAME:
        return token  # there already: nothing to do, and no PIN to check
    protection.require_chip_for(session, token)  # refused before the PIN: no try counted
    vault_id = session.doc.vault_id
    entry = session.keys.token_entry(vault_id, token)
    if entry is None:
        disable(session, token, KEY_GONE)
        raise disabled_error(token)
    try:
        limit = session.policy.max_attempts
        if entry.failures >= limit:
            disable(session, token, WRONG_PINS, entry.failures)
            raise disabled_error(token)
        wait = remaining_wait(entry, session.clock)
        if wait:
            raise locked_out_error(wait, limit - entry.failures)
        check_pin_entry(pin, int(token.header["pin_length"]))
        count_try(session, token, entry)
        seed = SoftwareUnlock(session, token).open_seed(pin, entry, early)
        if seed is None:
            wrong_pin(session, token, entry)
        entry.failures = 0  # the PIN proved right, whatever the TPM says next
        session.keys.save_token_entry(vault_id, token, entry)
        with seed:
            moved = _sealed_in_tpm(session, token, pin, entry, seed)
    finally:
        entry.key.wipe()
    doc = session.doc
    doc.tokens[doc.tokens.index(token)] = moved
    session.write()  # the one switch: the software record out, the TPM record in
    settle(session)
    session.audit("protected", token=moved.name, serial=moved.serial, protection=tpmlevel.NAME)
    return moved


def _sealed_in_tpm(
    session: Session, token: TokenRecord, pin: str, entry: TokenEntry, seed: Secret
) -> TokenRecord:
    """The TPM record of ``token``; its new device key is in the keystore before the file names it."""
    state = TokenState.from_json(token.state.to_json())
    state.counter = max(token.state.counter, entry.counter)
    state.extra[OLD_KEY] = TO_DELETE
    moved = TokenRecord(dict(token.header), None, None, token.fingerprint, state)
    new_entry = TokenEntry(Secret(crypto.random_bytes(32)), state.counter)
    try:
        tpmlevel.seal(session, moved, pin, new_entry.key, seed)
        session.keys.save_token_entry(session.doc.vault_id, moved, new_entry)
    finally:
        new_entry.key.wipe()
    return moved


def settle(session: Session) -> None:
    """Delete the software device keys of tokens moved into the TPM (a crash may have left one)."""
    doc = session.doc
    pending = [t for t in doc.tokens if t.state.extra.get(OLD_KEY) == TO_DELETE]
    for token in pending:
        session.keys.delete(session.keys.token_entry_name(doc.vault_id, token.token_id, protection.SOFTWARE))
        token.state.extra.pop(OLD_KEY)
    if pending:
        session.write()
