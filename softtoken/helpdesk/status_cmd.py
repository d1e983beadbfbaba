"""``status``: a prescriber's tokens as the issuer sees them (never a secret)."""

from __future__ import annotations

import argparse
import json

from . import targets
from .context import HelpdeskContext
from .times import from_timestamp
from .views import token_json, token_table


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    status = sub.add_parser(
        "status", help="a prescriber's tokens: state, fail counter, issue time, last authentication"
    )
    status.add_argument("user", metavar="USER")
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(run=run_status)


def run_status(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    user = targets.user_name(args.user)
    issuer = ctx.issuer()
    tokens = targets.user_tokens(ctx, issuer, user)
    realm = targets.resolve_realm(ctx, issuer)
    now = from_timestamp(ctx.now())
    if args.json:
        body = {"user": user, "realm": realm, "tokens": [token_json(t, now) for t in tokens]}
        ctx.stdout.write(json.dumps(body, indent=2) + "\n")
        return 0
    where = f" (realm {realm})" if realm else ""
    if not tokens:
        ctx.stdout.write(f"{user}{where} has no tokens. Issue one with 'softtoken-helpdesk issue {user}'.\n")
        return 0
    ctx.stdout.write(f"Tokens of {user}{where}:\n")
    token_table(ctx.stdout, tokens, now)
    return 0
