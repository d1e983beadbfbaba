"""Reading a PIN: from standard input (``--pin-stdin``) or a terminal prompt, never argv."""

from __future__ import annotations

import argparse
import getpass

from .context import CliContext
from .errors import UsageError


def add_pin_argument(parser: argparse.ArgumentParser, new: bool = False) -> None:
    what = "the new PIN (one line; a second line, if given, must repeat it)" if new else "the PIN"
    parser.add_argument("--pin-stdin", action="store_true", help=f"read {what} from standard input")


def read_pin(ctx: CliContext, args: argparse.Namespace, *, new: bool = False) -> tuple[str, str]:
    """Return (pin, confirmation). A PIN is never taken from the command line."""
    if args.pin_stdin:
        lines = ctx.take_stdin("PIN").splitlines()
        pin = lines[0].strip() if lines else ""
        confirm = lines[1].strip() if new and len(lines) > 1 else pin
        return pin, confirm
    if not ctx.stdin_is_terminal():
        raise UsageError("Give the PIN with --pin-stdin (it is never read from the command line).")
    pin = getpass.getpass("New token PIN: " if new else "Token PIN: ", stream=ctx.stderr)
    confirm = getpass.getpass("Type the PIN again: ", stream=ctx.stderr) if new else pin
    return pin, confirm
