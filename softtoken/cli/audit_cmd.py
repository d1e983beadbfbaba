"""``audit verify`` and ``audit export``: the local audit log (EPCS keeps two years of it)."""

from __future__ import annotations

import argparse

from .context import CliContext


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    audit = sub.add_parser("audit", help="verify or export the audit log")
    actions = audit.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="check that no record was changed, removed or reordered")
    verify.set_defaults(run=run_verify)
    export = actions.add_parser("export", help="print the audit log")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.set_defaults(run=run_export)


def run_verify(ctx: CliContext, args: argparse.Namespace) -> int:
    result = ctx.vault().audit_verify()
    ctx.stdout.write(result.summary() + "\n")
    return 0 if result.ok else 1


def run_export(ctx: CliContext, args: argparse.Namespace) -> int:
    vault = ctx.vault()
    vault.load()  # authenticates the vault and finds its key first
    ctx.stdout.write(vault.audit.export(args.format))
    return 0
