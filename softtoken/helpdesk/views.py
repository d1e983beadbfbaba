"""A token as the console shows it: one JSON schema (status, token, stock) and the text table.

The JSON keys are stable (docs/helpdesk-console.md lists them); times are ISO
8601 with an offset there, and local with the date and zone in text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, TextIO

from .issuing import SYNC_MINUTES
from .records import TokenInfo
from .times import iso, local_text

ROLLOUT_TEXT = {
    "": "-",
    "enrolled": "enrolled",
    "verify": "waits for finish-enrollment",
    "clientwait": "waits for finish-two-step",
}


def sync_until(token: TokenInfo, now: datetime) -> datetime | None:
    """The end of the network-sync hour after issue (or linking), while it lasts."""
    issued = token.issued_at
    if issued is None or token.state != "active" or not token.username:
        return None
    until = issued + timedelta(minutes=SYNC_MINUTES)
    return until if until > now else None


def token_json(token: TokenInfo, now: datetime) -> dict[str, Any]:
    return {
        "serial": token.serial,
        "type": token.type,
        "kind": "hardware" if token.hardware else "software",
        "state": token.state,
        "rollout_state": token.rollout_state,
        "user": token.username or None,
        "realm": token.user_realm or None,
        "token_realms": list(token.realms),
        "failcount": token.failcount,
        "maxfail": token.maxfail,
        "issued_at": iso(token.issued_at),
        "network_sync_until": iso(sync_until(token, now)),
        "last_auth": iso(token.last_auth),
        "description": token.description,
        "container": token.container_serial or None,
    }


def notes(token: TokenInfo, now: datetime) -> str:
    found = []
    until = sync_until(token, now)
    if until is not None:
        found.append(f"network sync until {local_text(until)}")
    if token.hardware:
        found.append("hard token")
    if token.container_serial:
        found.append(f"in workstation container {token.container_serial}")
    if token.description:
        found.append(token.description)
    return "; ".join(found)


def table(out: TextIO, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Columns padded to their widest cell; the last column runs free."""
    cells = [tuple(header), *(tuple(r) for r in rows)]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header) - 1)]
    for r in cells:
        padded = [c.ljust(w) for c, w in zip(r[:-1], widths, strict=True)]
        out.write(("  ".join(padded) + "  " + r[-1]).rstrip() + "\n")


def token_table(out: TextIO, tokens: Sequence[TokenInfo], now: datetime) -> None:
    header = ("SERIAL", "TYPE", "STATE", "ROLLOUT", "FAILS", "ISSUED", "LAST AUTH", "NOTE")
    rows = [
        (
            t.serial,
            t.type,
            t.state,
            ROLLOUT_TEXT.get(t.rollout_state, t.rollout_state),
            f"{t.failcount}/{t.maxfail}",
            local_text(t.issued_at),
            local_text(t.last_auth, "never"),
            notes(t, now),
        )
        for t in tokens
    ]
    table(out, header, rows)


def token_details(out: TextIO, token: TokenInfo, now: datetime) -> None:
    """Everything about one token, one fact a line (read out on a phone call)."""
    owner = token.owner or "nobody (not linked)"
    lines = [
        ("Token", f"{token.serial} ({token.type.upper()}, {'hard' if token.hardware else 'soft'} token)"),
        ("Owner", owner),
        ("State", token.state),
        ("Rollout", ROLLOUT_TEXT.get(token.rollout_state, token.rollout_state)),
        ("Fail counter", f"{token.failcount} of {token.maxfail}"),
        ("Issued" if not token.hardware else "Linked", local_text(token.issued_at)),
        ("Last authentication", local_text(token.last_auth, "never")),
        ("Token realms", ", ".join(token.realms) or "-"),
        ("Description", token.description or "-"),
    ]
    until = sync_until(token, now)
    if until is not None:
        lines.append(("Network sync", f"until {local_text(until)}"))
    width = max(len(k) for k, _ in lines) + 1
    for key, value in lines:
        out.write(f"{(key + ':').ljust(width)} {value}\n")
