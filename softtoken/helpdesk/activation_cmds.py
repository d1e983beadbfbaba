"""``cancel`` and ``show-activation``: an activation that was started and not finished.

``cancel`` deletes a token that still waits for finish-enrollment or
finish-two-step: it never worked, and privacyIDEA's audit log keeps its
enrollment and deletion. ``show-activation`` shows the link again while the
console holds it (pending.py); privacyIDEA itself never gives a secret twice.
"""

from __future__ import annotations

import argparse
import json

from . import pending, targets
from .context import HelpdeskContext
from .errors import IssuerRefused
from .issuing import Delivery, Issued, deliver
from .times import from_timestamp, local_text


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cancel = sub.add_parser(
        "cancel",
        help="end an activation that was never finished (issue --verify / --two-step)",
        description="Delete a token that still waits for finish-enrollment or finish-two-step. "
        "A token that is in use is never cancelled: revoke it instead.",
    )
    cancel.add_argument("user", metavar="USER", nargs="?", help="the prescriber who must own the token")
    cancel.add_argument("--serial", required=True, metavar="S")
    cancel.add_argument("--json", action="store_true", help="print JSON")
    cancel.set_defaults(run=run_cancel)

    show = sub.add_parser(
        "show-activation",
        help="show again the activation link of a token that waits to be finished",
        description="While a token waits for finish-enrollment or finish-two-step, the console "
        "that issued it keeps its link with the saved session; this shows it again (link, QR code, "
        "the step to finish).",
    )
    show.add_argument("--serial", required=True, metavar="S")
    show.add_argument("--no-qr", action="store_true", help="do not draw the QR code in the terminal")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(run=run_show)


def run_cancel(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    user = targets.optional_user(args.user)
    serial = targets.serial_name(args.serial)
    issuer = ctx.issuer()
    token = targets.token(ctx, issuer, serial, user)
    subject = targets.describe(token)
    if not token.pending:
        state = token.state if token.rollout_state in ("", "enrolled") else token.rollout_state
        raise IssuerRefused(
            f"{targets.sentence(subject)} is not waiting for an activation (it is {state}); "
            f"nothing was changed. To stop a token in use, revoke it ('revoke --serial {serial}')."
        )
    with targets.about(subject):
        issuer.delete(serial)
    pending.drop(ctx, issuer.url, serial)
    if args.json:
        body = {"action": "cancel", "serial": serial, "user": token.username or None, "deleted": True}
        ctx.stdout.write(json.dumps(body, indent=2) + "\n")
    else:
        ctx.stdout.write(
            f"Cancelled the activation of {subject}: the token is deleted (it never worked). "
            f"Issue a new one with 'issue {token.username or 'USER'}' if needed.\n"
        )
    return 0


def run_show(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    serial = targets.serial_name(args.serial)
    issuer = ctx.issuer()
    token = targets.token(ctx, issuer, serial)
    subject = targets.describe(token)
    if not token.pending:
        pending.drop(ctx, issuer.url, serial)
        raise IssuerRefused(
            f"{targets.sentence(subject)} is not waiting for an activation (it is {token.state}): "
            "its link was shown once, when it was issued, and is never shown again. If the prescriber "
            "needs a new one, use 'replace'."
        )
    held = pending.held(ctx, issuer.url, serial)
    if held is None or held.rollout_state != token.rollout_state:
        why = (
            "this command logged in with --admin, and only a saved session keeps activations"
            if ctx.admin
            else "it was issued from another computer or session, or that session ended"
        )
        raise IssuerRefused(
            f"The console does not hold the activation of {subject}: {why}, and privacyIDEA never "
            f"shows a secret twice. End it with 'cancel --serial {serial}' and issue a new one."
        )
    issued = Issued(serial, token.type, held.user, held.realm, held.link, token.rollout_state)
    if args.json:
        deliver(ctx, issued, Delivery(None, None, False, True))
        return 0
    when = local_text(from_timestamp(held.issued))
    headline = (
        f"{targets.sentence(subject)} ({token.type.upper()}) was issued {when} "
        "and waits for its activation to be finished."
    )
    deliver(ctx, issued, Delivery(None, None, not args.no_qr, False), headline=headline)
    return 0
