"""privacyIDEA token containers, the admin side: a prescriber's workstation registered with the issuer.

A registered workstation is a privacyIDEA ``smartphone`` container whose
client (softtoken on the workstation) holds the container's key. A token
enrolled into it (``/token/init container_serial=…``) reaches the workstation
at its next synchronization, with a secret the server makes at that moment:
the secret in ``/token/init``'s answer is stale by then, so the console drops
it unread. Facts checked against privacyIDEA 3.14: /work/shared/reference/
privacyidea-containers.md ("Admin side").

The registration link (``pia://container/…``) is not a seed, but whoever
finalizes it first receives every token of that container afterwards: it is
handed over with the same care as an activation link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .client import Issuer
from .errors import (
    IssuerError,
    IssuerProtocolError,
    IssuerRefused,
    PolicyMissing,
    UnknownUser,
    UsageError,
    one_line,
)
from .times import parse_issuer_time

CONTAINER_TYPE = "smartphone"
# registration_state (container info) -> whether the workstation holds the key and syncs.
REGISTERED_STATES = ("registered", "rollover", "rollover_completed")
STATE_TEXT = {
    "": "not registered",
    "client_wait": "registration link made, waiting for the workstation",
    "registered": "registered",
    "rollover": "moving to a new workstation (new link made; the old workstation still syncs)",
    "rollover_completed": "moved to a new workstation (waiting for its first sync)",
}


class AlreadyRegistered(UsageError):
    """The user's workstation is registered; a new one needs --new-workstation (exit 2, like --additional)."""


SETUP_HINT = "An administrator runs 'softtoken-helpdesk setup --containers' once (docs/helpdesk-console.md)."


@dataclass(frozen=True)
class Container:
    """One container as ``GET /container/`` lists it (never a key: privacyIDEA lists none)."""

    serial: str
    type: str
    description: str
    registration_state: str
    server_url: str
    last_synchronization: datetime | None
    last_authentication: datetime | None
    token_serials: tuple[str, ...]
    states: tuple[str, ...]
    users: tuple[str, ...]

    @classmethod
    def from_api(cls, raw: dict[str, Any]) -> Container:
        info: dict[str, Any] = raw["info"] if isinstance(raw.get("info"), dict) else {}
        tokens: list[Any] = raw["tokens"] if isinstance(raw.get("tokens"), list) else []
        users: list[Any] = raw["users"] if isinstance(raw.get("users"), list) else []
        states: list[Any] = raw["states"] if isinstance(raw.get("states"), list) else []
        return cls(
            serial=str(raw.get("serial", "")),
            type=str(raw.get("type", "")).lower(),
            description=str(raw.get("description") or ""),
            registration_state=str(info.get("registration_state") or ""),
            server_url=str(info.get("server_url") or ""),
            last_synchronization=parse_issuer_time(raw.get("last_synchronization")),
            last_authentication=parse_issuer_time(raw.get("last_authentication")),
            token_serials=tuple(str(t.get("serial")) for t in tokens if isinstance(t, dict)),
            states=tuple(str(s) for s in states),
            users=tuple(str(u.get("user_name")) for u in users if isinstance(u, dict)),
        )

    @property
    def registered(self) -> bool:
        return self.registration_state in REGISTERED_STATES

    @property
    def state_text(self) -> str:
        return STATE_TEXT.get(self.registration_state, self.registration_state)


@dataclass(frozen=True)
class RegistrationLink:
    """What ``/container/register/initialize`` answers, minus the QR image (the console draws its own)."""

    container_serial: str
    link: str
    ttl_minutes: int
    time_stamp: datetime | None
    rollover: bool

    def __repr__(self) -> str:  # the link's nonce lets whoever has it register
        return f"RegistrationLink(container_serial={self.container_serial!r}, rollover={self.rollover!r})"


def user_containers(issuer: Issuer, user: str, realm: str | None) -> list[Container]:
    """The user's containers (every page is one: a user has a handful at most)."""
    if not user:
        raise ValueError("an empty user would list every container")
    params = {"user": user, "pagesize": "50"}
    if realm:
        params["realm"] = realm
    value = issuer.call("GET", "/container/", params=params).value
    raw = value.get("containers") if isinstance(value, dict) else None
    if not isinstance(raw, list):
        raise IssuerProtocolError("The issuer's container list has no 'containers'.")
    return [Container.from_api(c) for c in raw if isinstance(c, dict)]


def workstation_container(containers: list[Container]) -> Container | None:
    """The user's workstation: the registered smartphone container, else the first smartphone one."""
    phones = [c for c in containers if c.type == CONTAINER_TYPE]
    return next((c for c in phones if c.registered), phones[0] if phones else None)


def registered_container(issuer: Issuer, user: str, realm: str | None) -> Container | None:
    found = workstation_container(user_containers(issuer, user, realm))
    return found if found is not None and found.registered else None


def create_container(issuer: Issuer, user: str, realm: str | None, description: str) -> str:
    data = {"type": CONTAINER_TYPE, "user": user, "description": one_line(description, 80)}
    if realm:
        data["realm"] = realm
    value = issuer.call("POST", "/container/init", data=data).value
    serial = value.get("container_serial") if isinstance(value, dict) else None
    if not isinstance(serial, str) or not serial:
        raise IssuerProtocolError("The issuer made a container but did not say its serial.")
    return serial


def initialize_registration(issuer: Issuer, serial: str, *, rollover: bool) -> RegistrationLink:
    """``register/initialize`` (``rollover=1`` for a new workstation of a registered container)."""
    data = {"container_serial": serial}
    if rollover:
        data["rollover"] = "1"
    try:
        value = issuer.call("POST", "/container/register/initialize", data=data).value
    except IssuerError as exc:
        if "privacyIDEA_server_url" in exc.message:  # 403, code 303 (not an admin right)
            raise PolicyMissing(
                "Workstation registration is not set up on the issuer: it has no container policy "
                f"privacyIDEA_server_url (the address workstations reach it at). {SETUP_HINT}"
            ) from None
        if isinstance(exc, IssuerRefused) and exc.code == 3000:
            raise AlreadyRegistered(
                f"Container {serial} is registered already; use --new-workstation to move it "
                "to a new workstation."
            ) from None
        raise
    if not isinstance(value, dict):
        raise IssuerProtocolError("The issuer's registration answer is not an object.")
    url = value.get("container_url")
    link = url.get("value") if isinstance(url, dict) else None
    if not isinstance(link, str) or not link.startswith(f"pia://container/{serial}?"):
        raise IssuerProtocolError(
            f"The issuer's registration answer for container {serial} has no pia://container link."
        )
    _check_registration_link(link)
    try:
        ttl = int(value.get("ttl") or 0)
    except (TypeError, ValueError):
        ttl = 0
    return RegistrationLink(serial, link, ttl, parse_issuer_time(value.get("time_stamp")), rollover)


def _check_registration_link(link: str) -> None:
    """The link must be one softtoken accepts: never hand a prescriber a registration that would fail."""
    from softtoken.core.containers.link import parse_container_link
    from softtoken.core.errors import ActivationError

    try:
        parse_container_link(link)
    except ActivationError as exc:
        raise IssuerProtocolError(
            f"The issuer made a registration link softtoken would refuse: {exc.message}"
        ) from None


def terminate_registration(issuer: Issuer, serial: str) -> None:
    """The admin's unregister: the workstation's key stops working (challenge → 3001)."""
    issuer.call("POST", f"/container/register/{serial}/terminate")


def remove_token(issuer: Issuer, container_serial: str, token_serial: str) -> None:
    """Take a token out of the container: the workstation removes it at its next sync."""
    issuer.call("POST", f"/container/{container_serial}/remove", data={"serial": token_serial})


def unknown_user(user: str, realm: str | None) -> UnknownUser:
    where = f" in realm {realm}" if realm else ""
    return UnknownUser(
        f"There is no prescriber '{user}'{where} on the issuer; check the user name. Nothing was changed."
    )
