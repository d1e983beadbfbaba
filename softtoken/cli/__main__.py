"""Entry point of ``softtoken-cli``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from softtoken import __version__
from softtoken.core.paths import resolve_home

from . import audit_cmd, container_cmds, diagnostics_cmd, inspect_cmd, lifecycle_cmds, protect_cmd, vault_cmds
from .context import CliContext
from .errors import EXIT_BROKEN_PIPE, EXIT_USAGE, report


class _Parser(argparse.ArgumentParser):
    """argparse that reports to our stderr and never calls sys.exit itself."""

    def __init__(self, *args: object, ctx: CliContext | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.ctx = ctx

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            self._print_message(message, sys.stderr)
        raise _Exit(status)

    def _print_message(self, message: str, file: object = None) -> None:
        if not message:
            return
        stream = file or sys.stdout
        if self.ctx is not None:  # argparse names sys.stdout/stderr; use the injected ones
            stream = self.ctx.stderr if stream is sys.stderr else self.ctx.stdout
        stream.write(message)  # type: ignore[union-attr]


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


def build_parser(ctx: CliContext) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="softtoken-cli",
        description="softtoken: six-digit passcodes for e-prescribing, behind a four-digit PIN.",
        ctx=ctx,
    )
    parser.add_argument("--version", action="version", version=f"softtoken {__version__}")
    parser.add_argument(
        "--home", metavar="DIR", help="data directory (default: $SOFTTOKEN_HOME or the platform's)"
    )
    parser.add_argument("--policy", metavar="FILE", help="admin policy file (default: the system policy)")
    parser.add_argument("--debug", action="store_true", help="log details to standard error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub._parser_class = lambda **kw: _Parser(ctx=ctx, **kw)  # type: ignore[assignment]
    inspect_cmd.register(sub)
    vault_cmds.register(sub)
    lifecycle_cmds.register(sub)
    audit_cmd.register(sub)
    diagnostics_cmd.register(sub)
    protect_cmd.register(sub)
    container_cmds.register(sub)
    return parser


def run(argv: Sequence[str] | None = None, ctx: CliContext | None = None) -> int:
    ctx = ctx or CliContext()
    parser = build_parser(ctx)
    try:
        args = parser.parse_args(argv)
    except _Exit as done:
        return EXIT_USAGE if done.status else 0
    from softtoken.core.logsafe import quiet_last_resort

    quiet_last_resort()  # stderr gets one line per error; details only with --debug (below)
    if args.debug:
        logging.basicConfig(level=logging.DEBUG, stream=ctx.stderr)
    if args.command is None:
        parser.print_help(ctx.stdout)
        return 0
    if args.policy:
        from pathlib import Path

        ctx.policy_path = Path(args.policy)
    try:
        ctx.home = resolve_home(args.home, ctx.environ)
        code: int = args.run(ctx, args)
    except _Exit as done:
        return done.status
    except BrokenPipeError:  # the reader of standard output went away (| head): stop quietly
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # noqa: BLE001 - the one place errors become exit codes
        return report(exc, ctx.stderr)
    return code


def main() -> None:
    from softtoken.core.pipes import exit_status

    sys.exit(exit_status(run))


if __name__ == "__main__":
    main()
