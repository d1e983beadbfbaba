"""``softtoken-cli inspect SOURCE``: what an activation holds, without the seed."""

from __future__ import annotations

import argparse
import json

from softtoken.core.token import TokenDescription

from .context import CliContext
from .sources import add_source_arguments, load_source

_TYPES = {"totp": "TOTP (time-based)", "hotp": "HOTP (counter-based)"}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "inspect",
        help="show what an activation link, QR image or PSKC file holds (never the seed)",
        description="Show what an activation link, QR code image or PSKC key file holds. "
        "The seed itself is never shown.",
    )
    add_source_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def _lines(token: TokenDescription) -> list[str]:
    info = token.summary()
    rows = [
        ("Type", _TYPES[info["type"]]),
        ("Algorithm", info["algorithm"]),
        ("Digits", str(info["digits"])),
    ]
    if "period" in info:
        rows.append(("Period", f"{info['period']} s"))
    else:
        rows.append(("Counter", str(info["counter"])))
    rows += [
        ("Issuer", info["issuer"] or "-"),
        ("Account", info["account"] or "-"),
        ("Serial", info["serial"] or "-"),
        ("Seed strength", f"{info['seed_bits']} bits"),
    ]
    if "two_step" in info:
        rows.append(("Activation", "two-step (softtoken adds its own part to the seed)"))
    if "pin_policy" in info:
        pin = info["pin_policy"]
        rows.append(
            (
                "PIN policy",
                f"length {pin['min_length'] or '?'}-{pin['max_length'] or '?'}, "
                f"{pin['max_failed_attempts'] or '?'} attempts",
            )
        )
    return [f"  {label + ':':<15}{value}" for label, value in rows]


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    tokens = load_source(ctx, args)
    try:
        if args.json:
            ctx.stdout.write(json.dumps({"tokens": [t.summary() for t in tokens]}, indent=2) + "\n")
            return 0
        for number, token in enumerate(tokens, start=1):
            ctx.stdout.write(f"Token {number} of {len(tokens)}\n")
            ctx.stdout.write("\n".join(_lines(token)) + "\n")
        return 0
    finally:
        for token in tokens:
            token.secret.wipe()
