"""Entry point of ``softtoken-helpdesk``: the help desk's console for the token issuer (privacyIDEA)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from softtoken import __version__

from . import (
    activation_cmds,
    check_cmd,
    container_cmds,
    hardtoken_cmds,
    issue_cmds,
    lifecycle_cmds,
    lookup_cmds,
    replace_cmd,
    session_cmds,
    status_cmd,
)
from .context import ENV_REALM, ENV_SERVER, ENV_SESSION, HelpdeskContext
from .errors import EXIT_USAGE, report


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


class _Parser(argparse.ArgumentParser):
    """argparse that writes to the context's streams and never calls sys.exit itself."""

    def __init__(self, *args: Any, ctx: HelpdeskContext | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ctx = ctx

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            self._print_message(message, sys.stderr)
        raise _Exit(status)

    def _print_message(self, message: str, file: Any = None) -> None:
        if not message:
            return
        stream = file or sys.stdout
        if self.ctx is not None:
            stream = self.ctx.stderr if stream is sys.stderr else self.ctx.stdout
        stream.write(message)


def build_parser(ctx: HelpdeskContext) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="softtoken-helpdesk",
        description="The help desk's console for the token issuer (privacyIDEA): issue and replace "
        "soft tokens, link hard tokens, import vendor key files, check a passcode, reset, resync, "
        "enable, disable, revoke, read a token's state and its history, register a prescriber's "
        "workstation so that new tokens arrive there by themselves. Passwords are asked for on the "
        "terminal or read from standard input, never from the command line.",
        ctx=ctx,
    )
    parser.add_argument("--version", action="version", version=f"softtoken-helpdesk {__version__}")
    parser.add_argument("--server", metavar="URL", help=f"the issuer's address (default: ${ENV_SERVER})")
    parser.add_argument(
        "--realm",
        metavar="REALM",
        help=f"the prescribers' realm (default: ${ENV_REALM}, else the issuer's default realm)",
    )
    parser.add_argument(
        "--session", type=Path, metavar="FILE", help=f"the saved-session file (default: ${ENV_SESSION})"
    )
    parser.add_argument(
        "--admin", metavar="ADMIN", help="log in for this one command instead of using the saved session"
    )
    parser.add_argument(
        "--admin-password-stdin", action="store_true", help="with --admin: read the password from stdin"
    )
    parser.add_argument(
        "--issuer-key",
        type=Path,
        metavar="PEM",
        help="check every answer's signature with the issuer's public key ($SOFTTOKEN_ISSUER_KEY)",
    )
    parser.add_argument("--ca-file", type=Path, metavar="PEM", help="trust this CA for the issuer's TLS")
    parser.add_argument("--timeout", type=float, default=15.0, metavar="SECONDS", help=argparse.SUPPRESS)
    parser.add_argument("--debug", action="store_true", help="log requests (never secrets) to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub._parser_class = lambda **kw: _Parser(ctx=ctx, **kw)  # type: ignore[assignment]
    session_cmds.register(sub)
    issue_cmds.register(sub)
    replace_cmd.register(sub)
    activation_cmds.register(sub)
    hardtoken_cmds.register(sub)
    check_cmd.register(sub)
    lifecycle_cmds.register(sub)
    container_cmds.register(sub)
    status_cmd.register(sub)
    lookup_cmds.register(sub)
    return parser


def run(argv: Sequence[str] | None = None, ctx: HelpdeskContext | None = None) -> int:
    ctx = ctx or HelpdeskContext()
    parser = build_parser(ctx)
    try:
        args = parser.parse_args(argv)
    except _Exit as done:
        return EXIT_USAGE if done.status else 0
    from softtoken.core.logsafe import quiet_last_resort

    quiet_last_resort()  # stderr gets one line per error; details only with --debug (below)
    if args.debug:
        logging.basicConfig(level=logging.DEBUG, stream=ctx.stderr)
        logging.getLogger("httpx").setLevel(logging.WARNING)  # its URLs may carry a nonce, not secrets
        logging.getLogger("httpcore").setLevel(logging.WARNING)
    if args.command is None:
        parser.print_help(ctx.stdout)
        return 0
    ctx.server = args.server
    ctx.realm = args.realm
    ctx.session_path = args.session
    ctx.admin = args.admin
    ctx.admin_password_stdin = args.admin_password_stdin
    ctx.issuer_key = args.issuer_key
    ctx.ca_file = args.ca_file
    ctx.timeout = args.timeout
    if args.admin_password_stdin and not args.admin:
        ctx.stderr.write("softtoken-helpdesk: --admin-password-stdin goes with --admin.\n")
        return EXIT_USAGE
    try:
        code: int = args.run(ctx, args)
    except _Exit as done:
        return done.status
    except Exception as exc:  # noqa: BLE001 - the one place errors become exit codes
        return report(exc, ctx.stderr)
    finally:
        ctx.close()
    return code


def main() -> None:
    from softtoken.core.pipes import exit_status

    sys.exit(exit_status(run))


if __name__ == "__main__":
    main()
