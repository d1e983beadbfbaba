"""Tokens coming and going: activation, replacement, retirement, and what a departure owes.

A seed is sealed once (``seal``) and rewrapped when its KDF cost is raised
(``wrap``); it is never exported. A replacement or retirement is decided by
one vault write, and the steps that follow it (deleting the old device key,
the audit record) are marked done in the history record, so a crash between
them is finished by the next operation (``settle_history``).
"""

from __future__ import annotations

from typing import Any

from ..audit import iso
from ..errors import SeedReused, TokenNotFound
from ..lifecycle import Reason
from ..naming import clean_token_name
from ..secret import Secret
from ..token import TokenDescription
from . import crypto, protection
from .keys import TokenEntry
from .model import TokenRecord, TokenState, VaultDoc
from .session import Session, fingerprint


def find(doc: VaultDoc, name_or_id: str | None) -> TokenRecord:
    if name_or_id is None:
        if len(doc.tokens) == 1:
            return doc.tokens[0]
        names = ", ".join(t.name for t in doc.tokens) or "none"
        raise TokenNotFound("Say which token to use; this workstation has: {names}.", params={"names": names})
    token = doc.find(name_or_id)
    if token is None:
        names = ", ".join(t.name for t in doc.tokens) or "none"
        raise TokenNotFound(
            "There is no token named '{name}' here. Tokens: {names}.",
            params={"name": name_or_id[:40], "names": names},
        )
    return token


def new_vault(session: Session) -> VaultDoc:
    """A new, empty vault; its key goes to the keystore before anything is written."""
    import secrets  # here: it loads OpenSSL, which reading a vault does not need (core/digest.py)

    vault = session.vault
    vault_id = secrets.token_hex(16)
    probe = getattr(vault.keystore, "probe", None)
    if probe is not None:
        probe()  # no working keystore, no vault
    session.keys.create_vault_entry(vault_id)
    session.loaded = VaultDoc(
        vault_id=vault_id,
        generation=0,
        created=iso(session.now()),
        keystore="os" if vault.keystore.secure else "file",
    )
    return session.loaded


def activate(session: Session, description: TokenDescription, name: str, pin: str) -> TokenRecord:
    created = session.loaded is None
    doc = new_vault(session) if created else session.doc
    name = clean_token_name(name, [t.name for t in doc.tokens])
    seed_print = refuse_known(session, description, None)
    token, why = seal(session, description, name, pin, seed_print)
    doc.tokens.append(token)
    session.write()
    if created:
        session.audit("vault_created", keystore=session.vault.keystore.name)
    session.audit(
        "activated",
        token=token.name,
        serial=token.serial,
        type=token.header["type"],
        source=description.source,
        **protection_details(token, why),
    )
    return token


def protection_details(token: TokenRecord, why: str) -> dict[str, Any]:
    """The level an audit record names, and why a token is not in the TPM (never a secret)."""
    details: dict[str, Any] = {"protection": protection.level_of(token)}
    if why:
        details["protection_note"] = why[:300]
    return details


def seal(
    session: Session, description: TokenDescription, name: str, pin: str, seed_print: str
) -> tuple[TokenRecord, str]:
    """A new token record at the level the policy and the TPM allow; and why not the TPM, in words."""
    import secrets  # as in new_vault

    level, note, why = protection.choose(session, description)
    token_id = secrets.token_hex(16)
    now = session.now()
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
        sync_until=now + session.policy.sync_window_minutes * 60,
    )
    if note:
        header["protection_note"] = note
    entry = TokenEntry(Secret(crypto.random_bytes(32)), description.counter)
    record = TokenRecord(header, None, None, seed_print, state)
    protection.seal(session, record, level, pin, entry.key, description.secret)
    # The device key goes to the keystore before the file names the token:
    # a crash between the two leaves an unused keystore entry, never a token without a key.
    session.keys.save_token_entry(session.doc.vault_id, record, entry)
    entry.key.wipe()
    return record, why


def refuse_known(session: Session, description: TokenDescription, replacing: TokenRecord | None) -> str:
    """Refuse a seed or serial this vault has or had (but ``replacing``'s serial); the seed's print."""
    seed_print = fingerprint(session, description.secret)
    refuse_known_seed(session.doc, seed_print, replacing)
    refuse_known_serial(session.doc, description.serial, replacing)
    return seed_print


def refuse_known_serial(doc: VaultDoc, serial: str, replacing: TokenRecord | None) -> None:
    """One token per issuer serial: a second activation of the same link (e.g. two-step,
    whose seed differs each time) would leave a token the issuer no longer knows."""
    if not serial:
        return
    for token in doc.tokens:
        if token is not replacing and token.serial == serial:
            raise SeedReused(
                "Token '{name}' on this workstation already has serial {serial}; this activation "
                "was used before. Ask the issuer for a new activation.",
                params={"name": token.name, "serial": serial},
            )


def refuse_known_seed(doc: VaultDoc, seed_print: str, replacing: TokenRecord | None) -> None:
    if replacing is not None and seed_print == replacing.fingerprint:
        raise SeedReused(
            "This activation repeats the seed of token '{name}', which you are replacing; a "
            "replacement must have a new seed. Ask the issuer for a new activation.",
            params={"name": replacing.name},
        )
    if seed_print in doc.retired_fingerprints:
        raise SeedReused(
            "This activation repeats the seed of a token replaced or removed on this workstation "
            "before. Ask the issuer for a new activation."
        )
    if seed_print in {t.fingerprint for t in doc.tokens}:
        raise SeedReused(
            "This activation repeats a seed already used on this workstation. Ask the issuer for "
            "a new activation."
        )


def replace(
    session: Session,
    old: str,
    description: TokenDescription,
    name: str,
    pin: str,
    why: Reason,
    loss_reported_at: float | None,
) -> TokenRecord:
    """Put a new token in place of ``old`` in one atomic write, then destroy the old key.

    The old PIN is never needed (it may be forgotten). A crash leaves either the
    old token or the new one in the vault, never both and never neither.
    """
    doc = session.doc
    token = find(doc, old)
    name = clean_token_name(name, [t.name for t in doc.tokens if t is not token])
    seed_print = refuse_known(session, description, token)
    new, level_why = seal(session, description, name, pin, seed_print)
    details: dict[str, Any] = {
        "token_id": token.token_id,
        "reason": why.value,
        "new_serial": new.serial,
        "new_name": new.name,
        **{f"new_{k}": v for k, v in protection_details(new, level_why).items()},
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
            "at": iso(session.now()),
            "reason": why.value,
            "replaced_by": new.serial or new.name,
            "details": details,
            "key_deleted": False,
            "audited": False,
        }
    )
    doc.retired_fingerprints.append(token.fingerprint)
    session.write()  # one generation: the old token out, the new one in
    settle_history(session)
    return new


def retire(session: Session, name_or_id: str, why: Reason) -> None:
    """Remove a token from this workstation on purpose: its key first, then its record."""
    doc = session.doc
    token = find(doc, name_or_id)
    session.keys.delete(session.token_entry_name(token))
    doc.tokens.remove(token)
    doc.history.append(
        {
            "event": "retired",
            "token_id": token.token_id,
            "name": token.name,
            "serial": token.serial,
            "at": iso(session.now()),
            "reason": why.value,
            "details": {"token_id": token.token_id, "reason": why.value},
            "key_deleted": True,
            "audited": False,
        }
    )
    doc.retired_fingerprints.append(token.fingerprint)
    session.write()
    settle_history(session)


def settle_history(session: Session) -> None:
    """Finish what a token's departure still owes: delete its device key, write its audit record."""
    doc = session.doc
    pending = [h for h in doc.history if h.get("key_deleted") is False or h.get("audited") is False]
    if not pending:
        return
    for record in pending:
        if record.get("key_deleted") is False:
            session.keys.delete_token_entry(doc.vault_id, record["token_id"])
            record["key_deleted"] = True
        if record.get("audited") is False:
            if not _audited(session, record):
                details = dict(record.get("details", {}))
                session.audit(record["event"], token=record["name"], serial=record["serial"], **details)
            record["audited"] = True
    session.write()


def _audited(session: Session, record: dict[str, Any]) -> bool:
    """Recovery only: is there already an audit record for this departure?"""
    token_id = record.get("details", {}).get("token_id")
    return any(
        r.get("event") == record["event"] and r.get("details", {}).get("token_id") == token_id
        for r in session.vault.audit.records()[-50:]
    )
