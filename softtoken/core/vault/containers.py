"""The vault's container section: this workstation's one registration with an issuer.

Stored in the vault file (authenticated with the rest of it, docs/vault-format.md
"Container"); what is secret in it — the workstation's private key, and the
links of delivered tokens not yet claimed (they hold their seeds) — is
encrypted with AES-256-GCM under a key kept in the keystore entry
``<vault_id>/container``. Every function here runs inside one vault session.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import (
    KeystoreEntryMissing,
    NotRegistered,
    SoftTokenError,
    VaultError,
)
from ..secret import Secret
from . import crypto
from .model import VaultDoc, b64, unb64
from .session import Session

ENTRY_SUFFIX = "/container"
REMOVED_REASON = "removed by the issuer"
_ERROR_KINDS = (
    "IssuerUnreachable",
    "IssuerRefused",
    "IssuerReplyInvalid",
    "ContainerPolicyError",
    "NotRegistered",
)
_KEYS = {"serial", "issuer", "url", "ssl_verify", "registered_at", "key_nonce", "private_key"}


def check_section(raw: dict[str, Any]) -> None:
    """The section's shape (ValueError when it is not one: the vault is then corrupt)."""
    missing = _KEYS - raw.keys()
    if missing:
        raise ValueError("container keys")
    for key in ("serial", "issuer", "url", "key_nonce", "private_key"):
        if not isinstance(raw[key], str):
            raise ValueError(key)
    if not isinstance(raw["ssl_verify"], bool) or not isinstance(raw["registered_at"], (int, float)):
        raise ValueError("container values")
    if not isinstance(raw.get("tokens", []), list) or not isinstance(raw.get("pending", []), list):
        raise ValueError("container lists")
    for entry in raw.get("pending", []):
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) for k in ("serial", "nonce", "sealed")
        ):
            raise ValueError("pending")


def section(doc: VaultDoc | None) -> dict[str, Any] | None:
    return doc.container if doc is not None else None


def required(session: Session) -> dict[str, Any]:
    found = section(session.loaded)
    if found is None:
        raise NotRegistered(
            "This workstation is not registered with an issuer. Register it with the link from your "
            "help desk first."
        )
    return found


# ---------------------------------------------------------------- the encryption key


def _entry(session: Session) -> str:
    return session.doc.vault_id + ENTRY_SUFFIX


def _key(session: Session, create: bool = False) -> Secret:
    raw = session.keys.get(_entry(session))
    if raw is None:
        if not create:
            raise KeystoreEntryMissing(
                "The system keystore no longer holds the key of this workstation's registration; "
                "ask the help desk for a new registration link."
            )
        raw = json.dumps({"key": b64(crypto.random_bytes(crypto.KEY_BYTES))})
        session.keys.set(_entry(session), raw)
    try:
        return Secret(unb64(json.loads(raw)["key"], "key", ValueError()))
    except (ValueError, KeyError, TypeError):
        raise KeystoreEntryMissing(
            "The key of this workstation's registration in the system keystore is damaged; ask the "
            "help desk for a new registration link."
        ) from None


def _aad(session: Session, container: str, what: str) -> bytes:
    return f"softtoken-container/1/{session.doc.vault_id}/{container}/{what}".encode()


def seal(session: Session, container: str, what: str, data: bytes | bytearray) -> tuple[str, str]:
    nonce = crypto.random_bytes(crypto.NONCE_BYTES)
    with _key(session, create=True) as key:
        sealed = crypto.gcm_encrypt(key, nonce, data, _aad(session, container, what))
    return b64(nonce), b64(sealed)


def unseal(session: Session, container: str, what: str, nonce: str, sealed: str) -> Secret:
    damaged = VaultError(
        "The registration data in the token vault does not decrypt; ask the help desk for a new "
        "registration link."
    )
    with _key(session) as key:
        opened = crypto.gcm_decrypt(
            key,
            unb64(nonce, "nonce", damaged),
            unb64(sealed, "sealed", damaged),
            _aad(session, container, what),
        )
    if opened is None:
        raise damaged
    return opened


# ---------------------------------------------------------------- registration


def save_registration(
    session: Session,
    *,
    serial: str,
    issuer: str,
    url: str,
    ssl_verify: bool,
    private_key: Secret,
    policies: Any,
    vault_created: bool = False,
) -> None:
    """Keep the registration (the key encrypted first) in one write, and audit it
    (after ``vault_created`` when this write made the vault)."""
    nonce, sealed = seal(session, serial, "private_key", private_key.buffer)
    session.doc.container = {
        "serial": serial,
        "issuer": issuer,
        "url": url,
        "ssl_verify": ssl_verify,
        "registered_at": session.now(),
        "last_sync_at": None,
        "last_error": None,
        "key_nonce": nonce,
        "private_key": sealed,
        "policies": _policies(policies),
        "tokens": [],  # serials of claimed container tokens (a local token with that serial is one)
        "pending": [],
    }
    session.write()
    if vault_created:
        session.audit("vault_created", keystore=session.vault.keystore.name)
    session.audit("container_registered", container=serial, issuer=issuer[:100], url=url[:200])


def _policies(raw: Any) -> dict[str, bool]:
    raw = raw if isinstance(raw, dict) else {}
    return {
        "rollover": _truthy(raw.get("container_client_rollover")),
        "unregister": not _truthy(raw.get("disable_client_container_unregister")),
    }


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def update_policies(found: dict[str, Any], raw: Any) -> None:
    if isinstance(raw, dict) and raw:
        found["policies"] = _policies(raw)


def signing_key(session: Session) -> Secret:
    found = required(session)
    return unseal(session, found["serial"], "private_key", found["key_nonce"], found["private_key"])


def held_serials(session: Session) -> list[str]:
    """The container tokens whose current secret this workstation holds: claimed (still here) and pending."""
    found = required(session)
    claimed = [t.serial for t in container_tokens(session.doc, found)]
    return claimed + [p["serial"] for p in found.get("pending", [])]


def container_tokens(doc: VaultDoc, found: dict[str, Any]) -> list[Any]:
    """The local tokens that came from the container (their serial is a claimed one)."""
    claimed = set(found.get("tokens", []))
    return [t for t in doc.tokens if t.serial and t.serial in claimed]


def record_error(session: Session, error: SoftTokenError) -> None:
    """Keep the last failure (template and plain parameters) for the status line and support card."""
    found = section(session.loaded)
    if found is None:
        return
    recorded = {
        "kind": type(error).__name__,
        "template": error.template,
        "params": {k: str(v) for k, v in error.params.items()},
    }
    if found.get("last_error") == recorded:
        return  # the same failure again (offline for hours): one record per streak, not one per try
    found["last_error"] = recorded
    session.write()
    session.audit("container_sync_failed", container=found["serial"], error=type(error).__name__)


def last_error(found: dict[str, Any]) -> SoftTokenError | None:
    from .. import errors

    raw = found.get("last_error")
    if not isinstance(raw, dict):
        return None
    kind = raw.get("kind")
    cls = getattr(errors, kind) if kind in _ERROR_KINDS else SoftTokenError
    params = raw.get("params") if isinstance(raw.get("params"), dict) else {}
    try:
        made: SoftTokenError = cls(str(raw.get("template", "")), params=params)
    except (KeyError, IndexError, ValueError):
        made = SoftTokenError("The last synchronization failed.")
    return made


def forget(session: Session, *, tokens_too: bool, event: str, **details: Any) -> list[str]:
    """Drop the registration (and with ``tokens_too`` the container's tokens); the names removed."""
    from ..lifecycle import Reason
    from .tokens import retire

    found = required(session)
    removed: list[str] = []
    if tokens_too:
        for token in container_tokens(session.doc, found):
            removed.append(token.name)
            retire(session, token.token_id, Reason.NEW_WORKSTATION)
    serial = found["serial"]
    session.doc.container = None
    session.write()
    session.keys.delete(_entry(session))
    session.audit(event, container=serial, removed=len(removed), **details)
    return removed


__all__ = [
    "check_section",
    "container_tokens",
    "forget",
    "held_serials",
    "last_error",
    "record_error",
    "required",
    "save_registration",
    "seal",
    "section",
    "signing_key",
    "unseal",
    "update_policies",
]
