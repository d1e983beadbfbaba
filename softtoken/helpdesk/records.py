"""What privacyIDEA answers, read into plain records, and its error codes turned into ours."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .errors import (
    ImportRefused,
    IssuerAuthError,
    IssuerError,
    IssuerForbidden,
    IssuerProtocolError,
    IssuerRefused,
    SessionExpired,
    TokenOwnedElsewhere,
    TokenRevoked,
    UnknownSerial,
    UnknownUser,
    one_line,
)
from .times import parse_issuer_time

PENDING_STATES = ("verify", "clientwait")


@dataclass(frozen=True)
class Answer:
    status: int
    result: dict[str, Any]
    detail: dict[str, Any]

    @property
    def value(self) -> Any:
        return self.result.get("value")


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    message: str
    serial: str


@dataclass(frozen=True)
class TokenInfo:
    """What the token list says about a token (privacyIDEA never lists secrets)."""

    serial: str
    type: str
    active: bool
    revoked: bool
    locked: bool
    rollout_state: str
    failcount: int
    maxfail: int
    username: str
    user_realm: str
    realms: tuple[str, ...]
    description: str
    count: int = 0
    info: dict[str, str] = field(default_factory=dict)
    container_serial: str = ""  # the workstation container it is in, if any

    @classmethod
    def from_api(cls, raw: dict[str, Any]) -> TokenInfo:
        info = raw.get("info") or {}
        return cls(
            serial=str(raw.get("serial", "")),
            type=str(raw.get("tokentype", "")).lower(),
            active=bool(raw.get("active")),
            revoked=bool(raw.get("revoked")),
            locked=bool(raw.get("locked")),
            rollout_state=str(raw.get("rollout_state") or ""),
            failcount=int(raw.get("failcount") or 0),
            maxfail=int(raw.get("maxfail") or 0),
            username=str(raw.get("username") or ""),
            user_realm=str(raw.get("user_realm") or ""),
            realms=tuple(str(r) for r in raw.get("realms") or ()),
            description=str(raw.get("description") or ""),
            count=int(raw.get("count") or 0),
            info={str(k): str(v) for k, v in info.items()} if isinstance(info, dict) else {},
            container_serial=str(raw.get("container_serial") or ""),
        )

    @property
    def state(self) -> str:
        if self.revoked:
            return "revoked"
        if self.locked:
            return "locked"
        if self.rollout_state in PENDING_STATES:
            return "pending"
        if not self.active:
            return "disabled"
        if self.maxfail and self.failcount >= self.maxfail:
            return "fail counter full"
        return "active"

    @property
    def hardware(self) -> bool:
        return self.info.get("tokenkind") == "hardware"

    @property
    def pending(self) -> bool:
        return self.rollout_state in PENDING_STATES

    @property
    def owner(self) -> str:
        """``alice@e2e``, or empty for an unassigned token."""
        if not self.username:
            return ""
        return f"{self.username}@{self.user_realm}" if self.user_realm else self.username

    @property
    def last_auth(self) -> datetime | None:
        """The last successful authentication (privacyIDEA's tokeninfo ``last_auth``)."""
        return parse_issuer_time(self.info.get("last_auth"))

    @property
    def issued_at(self) -> datetime | None:
        """A soft token starts when it is issued; a hard token when it is linked to the prescriber."""
        keys = ("assignment_date", "creation_date") if self.hardware and self.username else ("creation_date",)
        return next((t for k in keys if (t := parse_issuer_time(self.info.get(k)))), None)


def issuer_error(status: int, code: int | None, message: str, *, login: bool) -> IssuerError:
    """privacyIDEA's error as ours. The callers that know the user or serial reword it further."""
    shown = one_line(message, 200)
    if status >= 500 or code == -500:
        return IssuerProtocolError(
            "The issuer failed with an internal error (HTTP {status}); check the privacyIDEA log "
            "and the token's state before trying again.",
            params={"status": status},
        )
    if login and (status == 401 or code == 4031):
        return IssuerAuthError("The issuer did not accept that admin name and password.")
    if status == 401 or (code is not None and 4000 <= code < 5000):
        return SessionExpired(
            "The issuer no longer accepts your session (it expired or the server was reset); "
            "run 'softtoken-helpdesk login' again."
        )
    if code == 303 or status == 403:
        return IssuerForbidden(
            f"The issuer's admin policies do not allow this: {shown} Ask the privacyIDEA "
            "administrator to add that action to the admin policy."
        )
    if code == 904:
        return UnknownUser(f"The issuer does not know that user ({shown}).", code, status)
    if code == 601 or status == 404:
        return UnknownSerial(f"The issuer has no such token ({shown}).", code, status)
    if code == 1007:
        return TokenRevoked(
            "That token is revoked (locked for good): it can no longer be used or changed. "
            "Issue a new token instead.",
            code,
            status,
        )
    if code == 1103:
        return TokenOwnedElsewhere(f"The token belongs to another user ({shown}).", code, status)
    if code == 304:
        return ImportRefused(
            "The issuer could not decrypt the key file: the pre-shared key or password is wrong.",
            code,
            status,
        )
    suffix = f" (code {code})" if code is not None else f" (HTTP {status})"
    return IssuerRefused(f"The issuer refused: {shown}{suffix}", code, status)
