"""``protect``: move a software token into the computer's TPM with its PIN (issue 14)."""

from __future__ import annotations

import argparse

from .context import CliContext
from .pins import add_pin_argument, read_pin


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    protect = sub.add_parser(
        "protect",
        help="move a token into this computer's TPM security chip (its PIN is needed)",
        description="Move a token's key into this computer's TPM security chip: from then on the chip "
        "checks the PIN and pauses after repeated wrong PINs, and a copy of the data folder is "
        "useless elsewhere. The token, its serial and its passcodes stay the same. The PIN is read "
        "from standard input (--pin-stdin) or asked for on the terminal.",
    )
    protect.add_argument("--token", metavar="NAME", help="which token (needed when there are several)")
    add_pin_argument(protect)
    protect.set_defaults(run=run_protect)


def run_protect(ctx: CliContext, args: argparse.Namespace) -> int:
    pin, _ = read_pin(ctx, args)
    status = ctx.vault().protect(args.token, pin)
    ctx.stdout.write(f"Token '{status.name}' is now kept in this computer's TPM security chip.\n")
    return 0
