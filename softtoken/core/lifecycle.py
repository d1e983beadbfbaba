"""A token's life on this workstation, as explicit states and reasons.

A token is *waiting for network sync* from activation until the sync window
(60 minutes by default, admin policy) has passed, then *ready*; it becomes
*disabled* after too many wrong PINs (its key is destroyed). A token that is
*replaced* or *retired* leaves the vault; only a non-secret history record
(and a keyed fingerprint of its seed, so the seed is never accepted again)
stays behind.
"""

from __future__ import annotations

from enum import StrEnum

from .errors import InputError


class State(StrEnum):
    WAITING = "waiting for network sync"
    READY = "ready"
    DISABLED = "disabled"


class Reason(StrEnum):
    LOST = "lost"
    FORGOT_PIN = "forgot-pin"
    LOCKED_OUT = "locked-out"
    NEW_TOKEN = "new-token"  # noqa: S105 - a reason name, not a secret
    NEW_WORKSTATION = "new-workstation"


EXPLANATIONS = {
    Reason.LOST: "Lost or stolen device",
    Reason.FORGOT_PIN: "Forgot my PIN",
    Reason.LOCKED_OUT: "Token locked out",
    Reason.NEW_TOKEN: "The help desk sent me a new token",
    Reason.NEW_WORKSTATION: "Moving to a new workstation",
}


def state_of(status: str, sync_until: float, now: float) -> State:
    """The state a token is in at ``now``: the sync window ends exactly at ``sync_until``."""
    if status == "disabled":
        return State.DISABLED
    if now < sync_until:
        return State.WAITING
    return State.READY


def parse_reason(text: str) -> Reason:
    try:
        return Reason(text.strip().lower())
    except ValueError:
        choices = ", ".join(r.value for r in Reason)
        raise InputError(f"'{text[:30]}' is not a replacement reason; use one of: {choices}.") from None
