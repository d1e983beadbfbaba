"""Reading a PIN: from standard input (``--pin-stdin``), a file (``--pin-file``) or a terminal
prompt, never argv.

``--pin-file`` exists for the commands whose standard input may already carry
the activation link (``activate -``, ``replace -``). The file must be a small
regular file that only its owner may read or write (like ssh's private keys):
a PIN in a file others can read is no longer a secret, so such a file is
refused before it is read. ``code`` has no ``--pin-file``: its standard input
is free, and a PIN kept in a file beside the token for everyday use would
undo the PIN.
"""

from __future__ import annotations

import argparse
import getpass
import os
import stat
from pathlib import Path

from softtoken.core.errors import InputError, Words

from .context import CliContext
from .errors import UsageError

MAX_PIN_FILE = 1024  # a PIN and its repetition are two short lines


def add_pin_argument(parser: argparse.ArgumentParser, new: bool = False) -> None:
    what = "the new PIN (one line; a second line, if given, must repeat it)" if new else "the PIN"
    if not new:
        parser.add_argument("--pin-stdin", action="store_true", help=f"read {what} from standard input")
        return
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--pin-stdin", action="store_true", help=f"read {what} from standard input")
    group.add_argument(
        "--pin-file",
        type=Path,
        metavar="FILE",
        help=f"read {what} from FILE (at most {MAX_PIN_FILE} bytes, readable only by you: chmod 600)",
    )


def read_pin(ctx: CliContext, args: argparse.Namespace, *, new: bool = False) -> tuple[str, str]:
    """Return (pin, confirmation). A PIN is never taken from the command line."""
    pin_file: Path | None = getattr(args, "pin_file", None)
    if pin_file is not None:
        return _pin_lines(read_pin_file(pin_file), new)
    if args.pin_stdin:
        return _pin_lines(ctx.take_stdin("PIN", instead="--pin-file FILE" if new else None), new)
    if not ctx.stdin_is_terminal():
        option = "--pin-stdin or --pin-file" if new else "--pin-stdin"
        raise UsageError(f"Give the PIN with {option} (it is never read from the command line).")
    pin = getpass.getpass("New token PIN: " if new else "Token PIN: ", stream=ctx.stderr)
    confirm = getpass.getpass("Type the PIN again: ", stream=ctx.stderr) if new else pin
    return pin, confirm


def _pin_lines(text: str, new: bool) -> tuple[str, str]:
    """The PIN on the first line; for a new PIN, its repetition on the second, if there is one."""
    lines = text.splitlines()
    pin = lines[0].strip() if lines else ""
    confirm = lines[1].strip() if new and len(lines) > 1 else pin
    return pin, confirm


def read_pin_file(path: Path) -> str:
    """The text of a PIN file: bounded, UTF-8, private to its owner, and not empty."""
    from softtoken.core.activation.sources import read_file
    from softtoken.core.textinput import decode_text

    what = Words("a PIN file")
    if os.name == "posix":
        try:
            mode = path.stat().st_mode
        except OSError:
            mode = 0  # missing or unreadable: read_file says which, in its words
        if stat.S_ISREG(mode) and mode & 0o077:
            raise InputError(
                "{path} may be read or changed by other users, so the PIN in it is no longer "
                "secret; make it private (chmod 600 {path}) or type the PIN when asked.",
                params={"path": str(path)},
            )
    text = decode_text(read_file(path, MAX_PIN_FILE, what), path.name, "PIN")
    if not text.strip():
        raise InputError(
            "The PIN file {path} is empty; write the PIN on its first line.", params={"path": str(path)}
        )
    return text
