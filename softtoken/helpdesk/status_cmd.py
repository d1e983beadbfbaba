"""``status``: a prescriber's tokens as the issuer sees them (never a secret)."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from .client import TokenInfo
from .context import HelpdeskContext
from .issuing import SYNC_MINUTES

_ROLLOUT = {
    "": "-",
    "enrolled": "enrolled",
    "verify": "waits for finish-enrollment",
    "clientwait": "waits for finish-two-step",
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    status = sub.add_parser("status", help="a prescriber's tokens: state, fail counter, issue time")
    status.add_argument("user", metavar="USER")
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(run=run_status)


def _issued_at(token: TokenInfo) -> datetime | None:
    # A soft token starts when it is issued; a hard token when it is linked to the prescriber.
    keys = (
        ("assignment_date", "creation_date")
        if token.info.get("tokenkind") == "hardware"
        else ("creation_date",)
    )
    raw = next((token.info[k] for k in keys if token.info.get(k)), None)
    if not raw:
        return None
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _row(token: TokenInfo, now: datetime) -> dict[str, Any]:
    issued = _issued_at(token)
    sync_until = issued + timedelta(minutes=SYNC_MINUTES) if issued else None
    return {
        "serial": token.serial,
        "type": token.type,
        "kind": token.info.get("tokenkind", ""),
        "state": token.state,
        "rollout_state": token.rollout_state or "",
        "failcount": token.failcount,
        "maxfail": token.maxfail,
        "issued_at": issued.isoformat() if issued else None,
        "network_sync_until": (
            sync_until.isoformat() if sync_until and sync_until > now and token.state == "active" else None
        ),
        "last_auth": token.info.get("last_auth"),
        "description": token.description,
    }


def run_status(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    issuer = ctx.issuer()
    tokens = issuer.tokens(user=args.user, realm=ctx.realm)
    now = datetime.fromtimestamp(ctx.now(), UTC)
    rows = [_row(t, now) for t in tokens]
    if args.json:
        ctx.stdout.write(json.dumps({"user": args.user, "realm": ctx.realm, "tokens": rows}, indent=2) + "\n")
        return 0
    where = f" (realm {ctx.realm})" if ctx.realm else ""
    if not rows:
        ctx.stdout.write(
            f"{args.user}{where} has no tokens. Issue one with 'softtoken-helpdesk issue {args.user}'.\n"
        )
        return 0
    ctx.stdout.write(f"Tokens of {args.user}{where}:\n")
    header = ("SERIAL", "TYPE", "STATE", "ROLLOUT", "FAILS", "ISSUED (UTC)", "NOTE")
    table = [header]
    for row in rows:
        issued = row["issued_at"]
        note = []
        if row["network_sync_until"]:
            note.append(f"network sync until {row['network_sync_until'][11:16]} UTC")
        if row["kind"] == "hardware":
            note.append("hard token")
        if row["description"]:
            note.append(row["description"])
        table.append(
            (
                row["serial"],
                row["type"],
                row["state"],
                _ROLLOUT.get(row["rollout_state"], row["rollout_state"]),
                f"{row['failcount']}/{row['maxfail']}",
                issued[:16].replace("T", " ") if issued else "-",
                "; ".join(note),
            )
        )
    widths = [max(len(r[i]) for r in table) for i in range(len(header) - 1)]
    for r in table:
        cells = [c.ljust(w) for c, w in zip(r[:-1], widths, strict=True)]
        ctx.stdout.write(("  ".join(cells) + "  " + r[-1]).rstrip() + "\n")
    return 0
