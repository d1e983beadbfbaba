"""``setup --containers``: the container-scope policies workstation registration needs.

privacyIDEA refuses ``/container/register/initialize`` without the container
policy ``privacyIDEA_server_url`` (403, code 303): it is the address the
workstation reaches the issuer at, written into every registration link, and
kept by a container when it registers (later changes do not move it).
``container_registration_ttl`` is how many minutes a link works (privacyIDEA's
default: 10); ``container_client_rollover`` lets a prescriber move to a new
workstation from softtoken itself, without a call. Container-scope policies
grant no admin right (unlike the admin scope, privacyidea.md §5), so the console
creates its own, ``softtoken-helpdesk-containers``, when asked.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from softtoken.core.errors import InputError

from .client import Issuer
from .policies import ADMIN_POLICY, CONTAINER_ADMIN_ACTIONS, admin_policies

CONTAINER_POLICY = "softtoken-helpdesk-containers"
SERVER_URL = "privacyIDEA_server_url"
REGISTRATION_TTL = "container_registration_ttl"
CLIENT_ROLLOVER = "container_client_rollover"
TTL_DEFAULT, TTL_MAX = 10, 1440


class BadOptionValue(InputError):
    """A value on the command line (a URL, a number of minutes) is not usable (exit 65)."""


def workstation_url(text: str) -> str:
    """The address workstations reach the issuer at: https (http only for loopback), no query."""
    value = text.strip()
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise BadOptionValue(
            "The --workstation-url is not a valid URL; give it like https://issuer.example.org."
        ) from None
    if parts.scheme not in ("https", "http") or not host:
        raise BadOptionValue(
            "The --workstation-url must look like https://issuer.example.org (the address the "
            "workstations reach the issuer at)."
        )
    if parts.username or parts.password or parts.query or parts.fragment:
        raise BadOptionValue(
            "The --workstation-url must not have a name, password, query (?…) or fragment (#…)."
        )
    if parts.scheme == "http" and not _loopback(host):
        raise BadOptionValue(
            "The --workstation-url must be https://: softtoken refuses plain http except on the same "
            "computer (loopback)."
        )
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def registration_ttl(text: str) -> int:
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= TTL_MAX:
        raise BadOptionValue(
            "--registration-ttl takes a number of minutes from 1 to {most}; got '{value}'.",
            params={"most": TTL_MAX, "value": value[:20]},
        )
    return int(value)


@dataclass(frozen=True)
class ContainerSetup:
    """What the issuer's container policies say (the console's own, or any other)."""

    server_url: str | None
    registration_ttl: int | None
    client_rollover: bool
    policy_names: tuple[str, ...]

    @property
    def ready(self) -> bool:
        return bool(self.server_url)


def _actions(policy: dict[str, Any]) -> dict[str, Any]:
    action = policy.get("action")
    return action if isinstance(action, dict) else {}


def container_setup(issuer: Issuer) -> ContainerSetup:
    url: str | None = None
    ttl: int | None = None
    rollover = False
    names = []
    for policy in issuer.policies("container"):
        if not policy.get("active"):
            continue
        actions = _actions(policy)
        names.append(str(policy.get("name")))
        if actions.get(SERVER_URL) and url is None:
            url = str(actions[SERVER_URL])
        raw_ttl = str(actions.get(REGISTRATION_TTL, ""))
        if raw_ttl.isascii() and raw_ttl.isdigit() and ttl is None:
            ttl = int(raw_ttl)
        rollover = rollover or actions.get(CLIENT_ROLLOVER) in (True, "True", "true", "1")
    return ContainerSetup(url, ttl, rollover, tuple(names))


def _own_policy(issuer: Issuer) -> dict[str, Any]:
    for policy in issuer.policies("container"):
        if policy.get("name") == CONTAINER_POLICY:
            return _actions(policy)
    return {}


def setup_containers(
    issuer: Issuer, url: str | None, ttl: int | None, client_rollover: bool | None
) -> list[str]:
    """Create or update ``softtoken-helpdesk-containers``; the lines that say what was done."""
    own = _own_policy(issuer)
    server_url = url or (str(own[SERVER_URL]) if own.get(SERVER_URL) else None) or issuer.url
    kept = str(own.get(REGISTRATION_TTL, ""))
    minutes = ttl if ttl is not None else (int(kept) if kept.isascii() and kept.isdigit() else None)
    rollover = client_rollover if client_rollover is not None else bool(own.get(CLIENT_ROLLOVER))
    actions = [f"{SERVER_URL}={server_url}"]
    if minutes is not None:
        actions.append(f"{REGISTRATION_TTL}={minutes}")
    if rollover:
        actions.append(CLIENT_ROLLOVER)
    issuer.set_policy(
        CONTAINER_POLICY,
        {
            "scope": "container",
            "action": ", ".join(actions),
            "active": True,
            "description": "softtoken-helpdesk: workstations registered with the issuer",
        },
    )
    move = "in softtoken" if rollover else "through the help desk (register-workstation --new-workstation)"
    lines = [
        f"Set the container policy '{CONTAINER_POLICY}': workstations reach the issuer at "
        f"{server_url}; registration links work for {minutes or TTL_DEFAULT} minutes; moving to a new "
        f"workstation: {move}."
    ]
    lines.extend(_admin_rights(issuer))
    return lines


def _admin_rights(issuer: Issuer) -> list[str]:
    """The console's admin policy gains the container rights; other admin policies are only read."""
    existing = admin_policies(issuer)
    if not existing:
        return []  # no admin policy: every admin may do everything
    granted = {key for p in existing for key, value in _actions(p).items() if value}
    missing = [a for a in CONTAINER_ADMIN_ACTIONS if a not in granted]
    if not missing:
        return []
    own = next((p for p in existing if p.get("name") == ADMIN_POLICY), None)
    if own is None:
        return [
            "Your admin policies must also allow: " + ", ".join(missing) + " (the console's container "
            "commands call them)."
        ]
    actions = [key if value is True else f"{key}={value}" for key, value in _actions(own).items() if value]
    issuer.set_policy(
        ADMIN_POLICY,
        {
            "scope": "admin",
            "action": ", ".join([*actions, *missing]),
            "active": True,
            "description": own.get("description") or "softtoken-helpdesk",
        },
    )
    return [f"Added to the admin policy '{ADMIN_POLICY}': {', '.join(missing)}."]
