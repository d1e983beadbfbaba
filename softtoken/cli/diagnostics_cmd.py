"""``softtoken-cli diagnostics``: the support card (safe to read aloud), a clock check, a bundle."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from softtoken.core.clockcheck import check_clock, save_check
from softtoken.core.diagnostics import render, save_bundle, support_card

from .context import CliContext


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "diagnostics",
        help="show the support card: versions, tokens, states, keystore, policy, clock (never a secret)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--check-clock", action="store_true", help="check the clock against the policy's server"
    )
    parser.add_argument("--bundle", metavar="FILE", type=Path, help="also save a support bundle (zip)")
    parser.set_defaults(run=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    vault = ctx.vault()
    check = None
    if args.check_clock:
        check = check_clock(ctx.policy, ctx.clock)
        save_check(vault.home, check)
    card = support_card(vault, ctx.policy, ctx.clock, clock_check=check)
    ctx.stdout.write(json.dumps(card, indent=2) + "\n" if args.json else render(card))
    if args.bundle:
        save_bundle(args.bundle, card, vault)
        ctx.stderr.write(f"Support bundle saved to {args.bundle}\n")
    return 0
