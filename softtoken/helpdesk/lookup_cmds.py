"""``token SERIAL``, ``stock`` and ``history``: reading the issuer, never changing it."""

from __future__ import annotations

import argparse
import json
from typing import Any

from . import targets
from .context import HelpdeskContext
from .errors import UsageError
from .times import from_timestamp, iso, local_text, parse_issuer_time
from .views import table, token_details, token_json, token_table

HISTORY_DEFAULT, HISTORY_MAX = 20, 200
# privacyIDEA's audit "action" -> what it was, in help-desk words
_ACTIONS = {
    "POST /validate/check": "passcode check",
    "POST /token/init": "issue / activate",
    "POST /token/assign": "link to user",
    "POST /token/unassign": "unlink",
    "POST /token/revoke": "revoke",
    "POST /token/enable": "enable",
    "POST /token/disable": "disable",
    "POST /token/reset": "reset fail counter",
    "POST /token/resync": "resync",
    "POST /token/description": "description",
    "DELETE /token/<serial>": "delete",
    "POST /container/init": "workstation container made",
    "POST /container/register/initialize": "registration link made",
    "POST /container/register/finalize": "workstation registered",
    "POST /container/register/<string:container_serial>/terminate": "workstation unregistered",
    "POST /container/register/terminate/client": "workstation unregistered itself",
    "POST /container/synchronize": "workstation sync",
    "POST /container/rollover": "move to a new workstation",
    "POST /container/<string:container_serial>/remove": "taken out of the workstation",
    "POST /container/<string:container_serial>/add": "put into the workstation",
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    token = sub.add_parser("token", help="everything about one token: owner, state, fail count, last use")
    token.add_argument("serial", metavar="SERIAL")
    token.add_argument("--json", action="store_true", help="print JSON")
    token.set_defaults(run=run_token)

    stock = sub.add_parser("stock", help="hard tokens imported and not yet linked to anyone")
    stock.add_argument("--json", action="store_true", help="print JSON")
    stock.set_defaults(run=run_stock)

    history = sub.add_parser(
        "history",
        help="the issuer's audit log for a user or a token (logins and changes, newest first)",
        description="privacyIDEA's audit entries for USER or --serial S, newest first: passcode "
        "checks and every change. Reading calls (token lists) are left out unless --all.",
    )
    history.add_argument("user", metavar="USER", nargs="?")
    history.add_argument("--serial", metavar="S")
    history.add_argument(
        "--last",
        type=int,
        default=HISTORY_DEFAULT,
        metavar="N",
        help=f"the last N entries (default {HISTORY_DEFAULT}, at most {HISTORY_MAX})",
    )
    history.add_argument("--all", action="store_true", help="include reading calls (GET)")
    history.add_argument("--json", action="store_true", help="print JSON")
    history.set_defaults(run=run_history)


def run_token(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    serial = targets.serial_name(args.serial)
    issuer = ctx.issuer()
    found = targets.token(ctx, issuer, serial)
    now = from_timestamp(ctx.now())
    if args.json:
        ctx.stdout.write(json.dumps(token_json(found, now), indent=2) + "\n")
    else:
        token_details(ctx.stdout, found, now)
    return 0


def run_stock(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    issuer = ctx.issuer()
    realm = targets.resolve_realm(ctx, issuer)
    filters = {"assigned": "False", **({"tokenrealm": realm} if realm else {})}
    found = [
        t
        for t in issuer.tokens(**filters)
        if t.hardware and not t.username and not (t.revoked or t.locked) and t.active
    ]
    now = from_timestamp(ctx.now())
    if args.json:
        body = {"realm": realm, "tokens": [token_json(t, now) for t in found]}
        ctx.stdout.write(json.dumps(body, indent=2) + "\n")
        return 0
    where = f" in realm {realm}" if realm else ""
    if not found:
        ctx.stdout.write(
            f"No hard tokens{where} are waiting to be linked; import the vendor's file (import-pskc).\n"
        )
        return 0
    ctx.stdout.write(f"Hard tokens{where} ready to be linked ({len(found)}):\n")
    token_table(ctx.stdout, found, now)
    return 0


def _entry(raw: dict[str, Any]) -> dict[str, Any]:
    action = str(raw.get("action") or "")
    success = raw.get("success")
    return {
        "date": iso(parse_issuer_time(raw.get("date"))),
        "action": action,
        "what": _ACTIONS.get(action, action),
        "success": bool(success) if success is not None else None,
        "authentication": raw.get("authentication") or None,
        "serial": raw.get("serial") or None,
        "container_serial": raw.get("container_serial") or None,
        "user": raw.get("user") or None,
        "realm": raw.get("realm") or None,
        "administrator": raw.get("administrator") or None,
        "info": raw.get("info") or "",
        "client": raw.get("client") or None,
    }


def _result(entry: dict[str, Any]) -> str:
    if entry["authentication"]:
        return str(entry["authentication"]).lower()
    return "ok" if entry["success"] else "failed"


def run_history(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    if (args.user is None) == (args.serial is None):
        raise UsageError("Say whose history: 'history USER' or 'history --serial S' (one of them).")
    if not 1 <= args.last <= HISTORY_MAX:
        raise UsageError(f"--last takes 1 to {HISTORY_MAX} entries.")
    serial = targets.serial_name(args.serial) if args.serial is not None else None
    user = targets.user_name(args.user) if args.user is not None else ""
    issuer = ctx.issuer()
    realm = targets.resolve_realm(ctx, issuer)
    params = {
        "sortorder": "desc",
        "page": "1",
        "page_size": str(min(1000, args.last * (1 if args.all else 10))),
    }
    if serial is not None:
        subject, params["serial"] = f"token {serial}", serial
    else:  # a user: one of the two, checked above
        targets.user_tokens(ctx, issuer, user)  # an unknown user (or realm) is named, not an empty list
        subject, params["user"] = f"{user}{targets.where(realm)}", user
        if realm:
            params["realm"] = realm
    with targets.about(subject):
        rows = issuer.audit(params)
    entries = [_entry(r) for r in rows]
    if not args.all:
        entries = [e for e in entries if not e["action"].startswith("GET ")]
    entries = entries[: args.last]
    if args.json:
        body = {
            "user": params.get("user"),
            "realm": realm,
            "serial": params.get("serial"),
            "entries": entries,
        }
        ctx.stdout.write(json.dumps(body, indent=2) + "\n")
        return 0
    if not entries:
        ctx.stdout.write(f"The issuer's audit log has no entries for {subject}.\n")
        return 0
    ctx.stdout.write(f"Audit log of {subject}, newest first ({len(entries)}):\n")
    rows_text = [
        (
            local_text(parse_issuer_time(e["date"])),
            e["what"],
            _result(e),
            e["serial"] or e["container_serial"] or "-",
            e["administrator"] or e["user"] or "-",
            e["info"],
        )
        for e in entries
    ]
    table(ctx.stdout, ("WHEN", "WHAT", "RESULT", "SERIAL", "BY", "INFO"), rows_text)
    return 0
