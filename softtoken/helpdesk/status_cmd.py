"""``status``: a prescriber's tokens and registered workstation as the issuer sees them (never a secret)."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from . import targets
from .client import Issuer
from .containers import Container, user_containers
from .context import HelpdeskContext
from .errors import IssuerForbidden
from .times import from_timestamp, iso, local_text
from .views import token_json, token_table


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    status = sub.add_parser(
        "status",
        help="a prescriber's tokens (state, fail counter, issue time, last authentication) and "
        "registered workstation (last sync)",
    )
    status.add_argument("user", metavar="USER")
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(run=run_status)


def container_json(container: Container) -> dict[str, Any]:
    return {
        "serial": container.serial,
        "type": container.type,
        "registration_state": container.registration_state or None,
        "registered": container.registered,
        "state_text": container.state_text,
        "last_synchronization": iso(container.last_synchronization),
        "last_authentication": iso(container.last_authentication),
        "server_url": container.server_url or None,
        "tokens": list(container.token_serials),
        "description": container.description,
    }


def _containers(issuer: Issuer, user: str, realm: str | None) -> list[Container] | None:
    """The user's containers; None when the admin policy hides them (container_list)."""
    try:
        return user_containers(issuer, user, realm)
    except IssuerForbidden:
        return None


def _workstation_lines(out: TextIO, user: str, containers: list[Container] | None) -> None:
    if containers is None:
        out.write("Workstation: not shown (the admin policy does not allow container_list).\n")
        return
    if not containers:
        out.write(f"Workstation: not registered with the issuer ('register-workstation {user}').\n")
        return
    for c in containers:
        synced = local_text(c.last_synchronization, "never")
        tokens = ", ".join(c.token_serials) or "none"
        out.write(
            f"Workstation container {c.serial} ({c.type}): {c.state_text}; last synchronized {synced}; "
            f"tokens in it: {tokens}.\n"
        )


def run_status(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    user = targets.user_name(args.user)
    issuer = ctx.issuer()
    tokens = targets.user_tokens(ctx, issuer, user)
    realm = targets.resolve_realm(ctx, issuer)
    containers = _containers(issuer, user, realm)
    now = from_timestamp(ctx.now())
    if args.json:
        body = {
            "user": user,
            "realm": realm,
            "tokens": [token_json(t, now) for t in tokens],
            "containers": None if containers is None else [container_json(c) for c in containers],
        }
        ctx.stdout.write(json.dumps(body, indent=2) + "\n")
        return 0
    where = f" (realm {realm})" if realm else ""
    if not tokens:
        ctx.stdout.write(f"{user}{where} has no tokens. Issue one with 'softtoken-helpdesk issue {user}'.\n")
    else:
        ctx.stdout.write(f"Tokens of {user}{where}:\n")
        token_table(ctx.stdout, tokens, now)
    _workstation_lines(ctx.stdout, user, containers)
    return 0
