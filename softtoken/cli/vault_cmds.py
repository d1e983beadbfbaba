"""``activate``, ``code``, ``list`` and ``status``: the vault from the command line."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from softtoken.core.activation.twostep import commit_activation
from softtoken.core.errors import ActivationError
from softtoken.core.vault.vault import TokenStatus

from .context import CliContext
from .pins import add_pin_argument, read_pin
from .sources import add_source_arguments, load_source


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    activate = sub.add_parser(
        "activate",
        help="activate a token from a link, QR image or PSKC file",
        description="Activate a token: name it and set its PIN. The PIN is read from standard "
        "input (--pin-stdin), from a file only you may read (--pin-file, when standard input "
        "carries the link) or asked for on the terminal, never from the command line.",
    )
    add_source_arguments(activate)
    activate.add_argument("--name", required=True, help="what to call the token (at most 32 characters)")
    activate.add_argument(
        "--entry", type=int, metavar="N", help="which token to activate when SOURCE holds several (1, 2, …)"
    )
    add_pin_argument(activate, new=True)
    activate.set_defaults(run=run_activate)

    code = sub.add_parser("code", help="print the current passcode (HOTP: the next one)")
    code.add_argument("--token", metavar="NAME", help="which token (needed when there are several)")
    add_pin_argument(code)
    code.set_defaults(run=run_code)

    for name in ("list", "status"):
        listing = sub.add_parser(name, help="list the tokens and their state (never a seed or passcode)")
        listing.add_argument("--json", action="store_true", help="print JSON")
        listing.set_defaults(run=run_status)


def _local_time(ts: float) -> str:
    return time.strftime("%H:%M", time.localtime(ts))


def run_activate(ctx: CliContext, args: argparse.Namespace) -> int:
    tokens = load_source(ctx, args)
    try:
        if len(tokens) > 1 and args.entry is None:
            raise ActivationError(
                "This activation holds {count} tokens; softtoken activates one at a time. "
                "Add --entry N (1 to {count}); 'softtoken-cli inspect' lists them.",
                params={"count": len(tokens)},
            )
        index = (1 if args.entry is None else args.entry) - 1  # --entry 0 is out of range, not 1
        if not 0 <= index < len(tokens):
            raise ActivationError("--entry must be between 1 and {count}.", params={"count": len(tokens)})
        vault = ctx.vault()
        vault.check_activation(tokens[index])  # a repeated seed or serial: refused before the PIN
        pin, confirm = read_pin(ctx, args, new=True)
        status, client_part = commit_activation(  # core wipes the two-step seed and client part
            tokens[index], lambda final, _: vault.activate(final, args.name, pin, confirm)
        )
        print_activated(ctx, status, client_part)
        return 0
    finally:
        for token in tokens:
            token.secret.wipe()


def print_activated(ctx: CliContext, status: TokenStatus, client_part: str) -> None:
    serial = f" (serial {status.serial})" if status.serial else ""
    ctx.stdout.write(f"Token '{status.name}'{serial} is activated.\n")
    from softtoken.core.cardtext import protection_line

    ctx.stdout.write(protection_line(status.summary()).english().strip() + ".\n")  # never a silent fallback
    if client_part:
        ctx.stdout.write(f"To finish, type this activation code into the issuer's page:\n  {client_part}\n")
    if status.sync_until > ctx.clock.now():
        minutes = round((status.sync_until - ctx.clock.now()) / 60)
        ctx.stdout.write(
            "It will be ready for use after syncing with the network, which may take up to "
            f"{minutes} minutes (about {_local_time(status.sync_until)}).\n"
        )


def run_code(ctx: CliContext, args: argparse.Namespace) -> int:
    pin, _ = read_pin(ctx, args)
    codes = ctx.vault().unlock(args.token, pin)
    now = ctx.clock.now()
    current = codes.at(now)
    if current is None:  # cannot happen: the codes were made for now
        current = codes.codes[0]
    ctx.stdout.write(current.code + "\n")  # the one place the CLI prints a passcode
    if current.valid_until is not None:
        ctx.stderr.write(f"valid for {int(current.valid_until - now)} more seconds\n")
    if codes.audit_problem:
        ctx.stderr.write(f"softtoken-cli: note: {codes.audit_problem}\n")
    return 0


def _row(status: TokenStatus) -> str:
    parts = [status.name, status.serial or "-", status.state]
    if status.state == "waiting for network sync":
        parts[-1] += f" until {_local_time(status.sync_until)}"
    if status.status == "active":
        parts.append(f"{status.attempts_left} PIN attempts left")
    if status.wait_seconds:
        parts.append(f"wait {status.wait_seconds} s")
    parts.append("key in the TPM" if status.protection == "tpm" else "key in software")  # issue 14
    return "  ".join(parts)


def _registration_json(registration: Any) -> dict[str, Any] | None:
    if registration is None:
        return None
    error = registration.last_error
    return {
        "issuer": registration.issuer,
        "url": registration.url,
        "serial": registration.serial,
        "registered_at": registration.registered_at,
        "last_sync_at": registration.last_sync_at,
        "last_error": error.message if error is not None else None,
        "rollover_allowed": registration.rollover_allowed,
        "unregister_allowed": registration.unregister_allowed,
        "pending": registration.pending,
    }


def run_status(ctx: CliContext, args: argparse.Namespace) -> int:
    vault = ctx.vault()
    tokens = vault.status()
    keystore = vault.keystore if tokens else None
    info: dict[str, Any] = {
        "data_directory": str(vault.home),
        "keystore": keystore.name if keystore else None,
        "keystore_kind": ("os" if keystore.secure else "file (weaker)") if keystore else None,
        "policy": ctx.policy.source or "defaults",
        "tokens": [t.summary() for t in tokens],
    }
    from softtoken.core.containers import Workstation

    registration = Workstation(vault).status()
    info["container"] = _registration_json(registration)
    if args.json:
        ctx.stdout.write(json.dumps(info, indent=2) + "\n")
        return 0
    from .container_cmds import print_registration

    print_registration(ctx, registration)
    if not tokens:
        ctx.stdout.write("No tokens on this workstation yet. Activate one with 'softtoken-cli activate'.\n")
        return 0
    for status in tokens:
        ctx.stdout.write(_row(status) + "\n")
    ctx.stdout.write(f"Keystore: {info['keystore']} ({info['keystore_kind']}); policy: {info['policy']}\n")
    return 0
