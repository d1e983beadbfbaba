"""``replace`` and ``retire``: a token's end of life on this workstation."""

from __future__ import annotations

import argparse

from softtoken.core.activation.twostep import commit_activation
from softtoken.core.errors import ActivationError
from softtoken.core.lifecycle import Reason

from .context import CliContext
from .errors import UsageError
from .pins import add_pin_argument, read_pin
from .sources import add_source_arguments, load_source
from .vault_cmds import print_activated


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    replace = sub.add_parser(
        "replace",
        help="replace a lost, locked, forgotten or superseded token with a new activation",
        description="Replace a token with a new activation from the issuer. The old PIN is not "
        "needed; the old token stops working on this workstation, and the issuer must revoke it.",
    )
    add_source_arguments(replace)
    replace.add_argument("--token", required=True, metavar="NAME", help="the token to replace")
    replace.add_argument("--reason", required=True, choices=[r.value for r in Reason])
    replace.add_argument("--name", metavar="NEW", help="name of the new token (default: the old name)")
    replace.add_argument(
        "--loss-reported",
        action="store_true",
        help="with --reason lost: you have reported the loss to your practice's EPCS administrators",
    )
    replace.add_argument("--entry", type=int, metavar="N", help="which token when SOURCE holds several")
    add_pin_argument(replace, new=True)
    replace.set_defaults(run=run_replace)

    retire = sub.add_parser(
        "retire",
        help="remove a token from this workstation for good (e.g. moving to a new workstation)",
        description="Remove a token from this workstation. Its key is destroyed; the seed is never "
        "exported. Ask the issuer for a new activation on the new workstation. A token the "
        "registered issuer delivered also ends this workstation's registration (the issuer is "
        "told; if it cannot be, the help desk must end it).",
    )
    retire.add_argument("--token", required=True, metavar="NAME")
    retire.add_argument("--yes", action="store_true", help="confirm: the token cannot be brought back")
    retire.set_defaults(run=run_retire)


def run_replace(ctx: CliContext, args: argparse.Namespace) -> int:
    reason = Reason(args.reason)
    if reason is Reason.LOST and not args.loss_reported:
        raise UsageError(
            "A lost or stolen token must be reported to your practice's EPCS administrators at once "
            "(within one business day). Do that, then run again with --loss-reported."
        )
    vault = ctx.vault()
    tokens = load_source(ctx, args)
    try:
        if len(tokens) > 1 and args.entry is None:
            raise ActivationError(
                "This activation holds {count} tokens; add --entry N (1 to {count}).",
                params={"count": len(tokens)},
            )
        index = (1 if args.entry is None else args.entry) - 1  # --entry 0 is out of range, not 1
        if not 0 <= index < len(tokens):
            raise ActivationError("--entry must be between 1 and {count}.", params={"count": len(tokens)})
        chosen = tokens[index]
        vault.check_replacement(args.token, chosen)  # before the PIN is asked for
        old = vault.token_status(args.token)  # its name as stored and its serial, for the note
        pin, confirm = read_pin(ctx, args, new=True)
        new_name = args.name or old.name
        reported = ctx.clock.now() if args.loss_reported else None
        status, client_part = commit_activation(  # core wipes the two-step seed and client part
            chosen,
            lambda final, _: vault.replace(
                old.token_id, final, new_name, pin, confirm, reason=reason, loss_reported_at=reported
            ),
        )
        print_activated(ctx, status, client_part)
        # The replacement wizard's Done page says the same (gui/wizard/replacement.py).
        ctx.stdout.write(
            f"The old token '{old.name}' (serial {old.serial or '—'}) no longer works on this "
            "workstation. The issuer must revoke it: tell your help desk if they did not send "
            "this replacement.\n"
        )
        return 0
    finally:
        for token in tokens:
            token.secret.wipe()


def run_retire(ctx: CliContext, args: argparse.Namespace) -> int:
    if not args.yes:
        raise UsageError(
            "Retiring destroys the token on this workstation for good. Run again with --yes to confirm."
        )
    from softtoken.core.containers import Workstation

    outcome = Workstation(ctx.vault(), http=ctx.container_http).retire(args.token)
    ctx.stdout.write(
        f"Token '{args.token}' was removed from this workstation. Ask your issuer for a new "
        "activation on the new workstation; the old token should be revoked.\n"
    )
    if outcome.unregistered:
        ctx.stdout.write(
            f"It came from the registration with {outcome.issuer} (container {outcome.container}): this "
            "workstation is no longer registered and receives no more tokens.\n"
        )
    if outcome.note is not None:
        ctx.stderr.write(f"note: {outcome.note}\n")
    return 0
