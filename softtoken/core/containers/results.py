"""What the workstation's container calls answer (core/containers/workstation.py).

Frozen, and free of secrets: a delivered token's seed stays encrypted in the
vault until :meth:`Workstation.claim` seals it as a token.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SoftTokenError


@dataclass(frozen=True)
class RegistrationPreview:
    """What the prescriber confirms before registering: who, where, until when."""

    issuer: str
    url: str
    serial: str
    expires_at: float
    needs_passphrase: bool
    passphrase_prompt: str


@dataclass(frozen=True)
class Registration:
    """This workstation's registration with an issuer's token container."""

    issuer: str
    url: str
    serial: str
    registered_at: float
    last_sync_at: float | None
    last_error: SoftTokenError | None
    rollover_allowed: bool
    unregister_allowed: bool
    pending: int


@dataclass(frozen=True)
class Delivery:
    """A token the issuer delivered that waits to be named and given a PIN (claim)."""

    serial: str
    issuer: str
    suggested_name: str
    replaces: str | None  # the name of the local token it replaces, if any
    arrived_at: float


@dataclass(frozen=True)
class RemovedToken:
    """A container token the issuer no longer lists, removed from this workstation."""

    name: str
    serial: str


@dataclass(frozen=True)
class SyncResult:
    delivered: list[Delivery]
    removed: list[RemovedToken]
    updated: int


@dataclass(frozen=True)
class RetireOutcome:
    """What retiring a token meant for the registration (:meth:`Workstation.retire`).

    ``unregistered``: the token came from the container and this workstation's
    registration ended here (``container``/``issuer`` name it). ``note``: when the
    issuer was not told (unreachable, refused), the one sentence the front end
    shows: the help desk should end the registration on the issuer.
    """

    name: str
    unregistered: bool
    container: str | None = None
    issuer: str | None = None
    note: SoftTokenError | None = None
