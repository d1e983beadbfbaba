"""Whether this workstation is registered, read cheaply (no cryptography, no httpx).

A front end asks this at start, before any container code is needed: an
unregistered workstation never loads the signing or transport modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..vault import containers
from .results import Registration

if TYPE_CHECKING:
    from ..vault.vault import Vault


def registration_status(vault: Vault) -> Registration | None:
    """The registration, or None when this workstation has none; no network."""
    if not vault.exists():
        return None
    with vault.container_session() as session:
        found = containers.section(session.loaded)
        return None if found is None else registration_of(found)


def is_registered(vault: Vault) -> bool:
    return registration_status(vault) is not None


def registration_of(found: dict[str, Any]) -> Registration:
    """The vault's container section as a :class:`Registration`."""
    policies = found.get("policies", {})
    return Registration(
        issuer=found["issuer"],
        url=found["url"],
        serial=found["serial"],
        registered_at=float(found["registered_at"]),
        last_sync_at=found.get("last_sync_at"),
        last_error=containers.last_error(found),
        rollover_allowed=bool(policies.get("rollover", False)),
        unregister_allowed=bool(policies.get("unregister", True)),
        pending=len(found.get("pending", [])),
    )
