"""``audit verify``, ``audit export`` and ``audit repair``: the local audit log (EPCS keeps two years)."""

from __future__ import annotations

import argparse

from .context import CliContext


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    audit = sub.add_parser("audit", help="verify, export or repair the audit log")
    actions = audit.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="check that no record was changed, removed or reordered")
    verify.set_defaults(run=run_verify)
    export = actions.add_parser("export", help="print the audit log")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.set_defaults(run=run_export)
    repair = actions.add_parser(
        "repair",
        help="keep a damaged audit log beside a new one that starts with a record of the repair",
        description="When 'audit verify' fails: the damaged log is kept (audit.log.damaged-…) "
        "and a new log starts with a record naming it and the problem. Nothing is deleted.",
    )
    repair.set_defaults(run=run_repair)


def run_verify(ctx: CliContext, args: argparse.Namespace) -> int:
    result = ctx.vault().audit_verify()
    ctx.stdout.write(result.summary() + "\n")
    return 0 if result.ok else 1


def run_export(ctx: CliContext, args: argparse.Namespace) -> int:
    ctx.stdout.write(ctx.vault().audit_export(args.format))
    return 0


def run_repair(ctx: CliContext, args: argparse.Namespace) -> int:
    before, kept = ctx.vault().audit_repair()
    if kept is None:
        ctx.stdout.write("The audit log is intact; nothing to repair.\n")
        return 0
    ctx.stdout.write(
        f"{before.summary()}\nThe damaged log is kept as {kept}; a new log starts with a record of "
        "this repair. Keep both for your records.\n"
    )
    return 0
