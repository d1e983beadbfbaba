"""Applying a synchronization reply, and claiming a delivered token (vault side of issue 15).

Order matters for crash safety: the delivered links (which hold seeds the
issuer has just re-keyed, so the old ones no longer work) are encrypted into
the vault in the first write, before any token is removed; the removals
follow in a second write whose key deletions and audit records are finished
by ``tokens.settle_history`` even after a crash.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from ..activation.keyuri import parse_key_uri
from ..audit import iso
from ..errors import ActivationError, DeliveryNotFound, NotRegistered
from ..lifecycle import Reason
from ..token import TokenDescription
from . import containers, tokens
from .model import TokenRecord
from .session import Session

log = logging.getLogger(__name__)


def delivery_view(session: Session, found: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """A pending delivery as results.Delivery takes it (never its link)."""
    local = next((t for t in session.doc.tokens if entry["serial"] and t.serial == entry["serial"]), None)
    return {
        "serial": entry["serial"],
        "issuer": str(entry.get("issuer") or found["issuer"]),
        "suggested_name": str(entry.get("suggested_name") or entry["serial"]),
        "replaces": local.name if local is not None else None,
        "arrived_at": float(entry.get("arrived_at", 0.0)),
    }


def _describe(link: str) -> TokenDescription | None:
    """The delivered link read as an activation link; None (logged) for a token softtoken cannot use."""
    try:
        return parse_key_uri(link)
    except ActivationError as exc:
        log.warning("delivered token not usable here: %s", type(exc).__name__)
        return None


def apply_sync(
    session: Session,
    serial: str,
    add: list[tuple[str, str]],
    listed: frozenset[str],
    updated: frozenset[str],
    policies: Any,
) -> tuple[list[dict[str, Any]], list[dict[str, str]], int]:
    """Apply one decrypted reply; (deliveries, removed tokens, updated count) as plain dicts."""
    found = containers.section(session.loaded)
    if found is None or found["serial"] != serial:
        raise NotRegistered(
            "This workstation's registration changed while it synchronized; nothing was changed. Try again."
        )
    now = session.now()
    pending: list[dict[str, Any]] = found.setdefault("pending", [])
    delivered: list[dict[str, Any]] = []
    for token_serial, link in add:
        description = _describe(link)
        if description is None:
            continue
        try:
            name = description.suggested_name()
            issuer = description.issuer or found["issuer"]
        finally:
            description.secret.wipe()
        nonce, sealed = containers.seal(session, serial, f"delivery/{token_serial}", link.encode("utf-8"))
        entry = {
            "serial": token_serial,
            "issuer": issuer[:100],
            "suggested_name": name,
            "arrived_at": now,
            "nonce": nonce,
            "sealed": sealed,
        }
        pending[:] = [p for p in pending if p["serial"] != token_serial] + [entry]
        delivered.append(entry)
    delivered_serials = {e["serial"] for e in delivered}
    pending[:] = [p for p in pending if p["serial"] in listed or p["serial"] in delivered_serials]
    found["last_sync_at"] = now
    found["last_error"] = None
    containers.update_policies(found, policies)
    session.write()  # first: every re-keyed secret is safe in the vault
    removed = _remove_unlisted(session, found, listed)
    count = len([t for t in containers.container_tokens(session.doc, found) if t.serial in updated])
    if delivered or removed:  # a quiet sync every few minutes is in last_sync_at, not in the log
        session.audit(
            "container_synced",
            container=serial,
            delivered=len(delivered),
            removed=len(removed),
            updated=count,
        )
    return [delivery_view(session, found, e) for e in delivered], removed, count


def _remove_unlisted(session: Session, found: dict[str, Any], listed: frozenset[str]) -> list[dict[str, str]]:
    doc = session.doc
    gone = [t for t in containers.container_tokens(doc, found) if t.serial not in listed]
    if not gone:
        return []
    for token in gone:
        doc.tokens.remove(token)
        doc.history.append(
            {
                "event": "container_token_removed",
                "token_id": token.token_id,
                "name": token.name,
                "serial": token.serial,
                "at": iso(session.now()),
                "reason": containers.REMOVED_REASON,
                "details": {"token_id": token.token_id, "container": found["serial"]},
                "key_deleted": False,
                "audited": False,
            }
        )
        doc.retired_fingerprints.append(token.fingerprint)
    found["tokens"] = [s for s in found.get("tokens", []) if s not in {t.serial for t in gone}]
    session.write()  # one generation: the tokens the issuer dropped are gone
    tokens.settle_history(session)  # their device keys, their audit records
    return [{"name": t.name, "serial": t.serial} for t in gone]


def read_delivery(session: Session, serial: str) -> TokenDescription:
    """The pending delivery's token (with its seed; the caller wipes it)."""
    found = containers.required(session)
    entry = next((p for p in found.get("pending", []) if p["serial"] == serial), None)
    if entry is None:
        waiting = ", ".join(p["serial"] for p in found.get("pending", [])) or "none"
        raise DeliveryNotFound(
            "No delivered token waits under serial {serial}. Waiting: {waiting}.",
            params={"serial": serial[:64], "waiting": waiting},
        )
    opened = containers.unseal(
        session, found["serial"], f"delivery/{serial}", entry["nonce"], entry["sealed"]
    )
    try:
        description = parse_key_uri(bytes(opened.buffer).decode("utf-8"))
    finally:
        opened.wipe()
    return replace(description, source="container")


def claim(session: Session, serial: str, name: str, pin: str) -> TokenRecord:
    """Seal the delivery as a token (replacing the local token with its serial) in one write."""
    found = containers.required(session)
    description = read_delivery(session, serial)
    try:
        description.check()
        found["pending"] = [p for p in found.get("pending", []) if p["serial"] != serial]
        if serial not in found.setdefault("tokens", []):
            found["tokens"].append(serial)
        old = next((t for t in session.doc.tokens if t.serial == serial), None)
        if old is not None:
            token = tokens.replace(session, old.token_id, description, name, pin, Reason.NEW_TOKEN, None)
        else:
            token = tokens.activate(session, description, name, pin)
    finally:
        description.secret.wipe()
    session.audit(
        "container_token_delivered",
        container=found["serial"],
        token=token.name,
        serial=serial,
        replaced=old.name if old is not None else "",
    )
    return token
