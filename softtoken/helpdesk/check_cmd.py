"""``check USER [--serial S]``: does the issuer accept this passcode now? The first question of a call.

The passcode goes to privacyIDEA's ``/validate/check`` like a real login, so
an accepted passcode is used up (the prescriber waits for the next one before
signing) and a rejected one counts on the fail counter. The check needs the
console's session even though ``/validate/check`` does not: the matched
serial is shown only to a logged-in operator.
"""

from __future__ import annotations

import argparse
import json

from . import targets
from .context import HelpdeskContext, add_stdin_flag
from .entry import app_passcode

EXIT_REJECTED = 65

# privacyIDEA's detail.message for a REJECT -> (reason key, what the help desk does about it)
_REASONS: tuple[tuple[str, str, str], ...] = (
    ("previous otp used again", "replayed", "that passcode was used already; ask for the next one"),
    ("failcounter exceeded", "fail_counter_full", "too many wrong passcodes: run 'reset' first"),
    ("token is disabled", "disabled", "the token is disabled: 'enable --serial S' if that was a mistake"),
    ("not yet enrolled", "not_enrolled", "the activation is not finished (finish-enrollment)"),
    ("no tokens assigned", "no_tokens", "the user has no token: issue one"),
    ("wrong otp pin", "wrong_passcode", "the passcode is wrong (or the token has a PIN on the issuer)"),
    (
        "wrong otp value",
        "wrong_passcode",
        "the passcode does not match; check the app's clock, then 'resync'",
    ),
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    check = sub.add_parser(
        "check",
        help="does the issuer accept this passcode from the prescriber now?",
        description="Send a passcode the prescriber reads out to privacyIDEA like a login and say "
        "whether it is accepted. An accepted passcode is used up; a rejected one counts on the "
        "fail counter. Exit 0 if accepted, 65 if rejected.",
    )
    check.add_argument("user", metavar="USER")
    check.add_argument("--serial", metavar="S", help="check only this token of USER")
    add_stdin_flag(check, "--otp-stdin", "the six-digit passcode")
    check.add_argument("--json", action="store_true", help="print JSON")
    check.set_defaults(run=run_check)


def reason_of(message: str) -> tuple[str, str]:
    lowered = message.lower()
    for needle, key, advice in _REASONS:
        if needle in lowered:
            return key, advice
    return "rejected", "privacyIDEA rejected it; 'history USER' shows why"


def run_check(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    user = targets.user_name(args.user)
    serial = targets.serial_name(args.serial) if args.serial is not None else None
    otp = app_passcode(ctx.secret("passcode", args.otp_stdin, "--otp-stdin"))
    issuer = ctx.issuer()
    realm = targets.resolve_realm(ctx, issuer)
    targets.user_tokens(ctx, issuer, user)  # an unknown user is named before a passcode is spent
    if serial is not None:
        targets.token(ctx, issuer, serial, user)  # another prescriber's fail counter is never touched
        subject = f"token {serial} of {user}"
        with targets.about(subject):
            verdict = issuer.validate(otp, serial=serial)
    else:
        subject = f"{user}{targets.where(realm)}"
        with targets.about(subject):
            verdict = issuer.validate(otp, user=user, realm=realm)
    reason, advice = ("accepted", "") if verdict.accepted else reason_of(verdict.message)
    matched = verdict.serial or serial
    if args.json:
        body = {
            "user": user,
            "realm": realm,
            "serial": serial,
            "accepted": verdict.accepted,
            "matched_serial": matched if verdict.accepted else None,
            "reason": reason,
            "issuer_message": verdict.message,
        }
        ctx.stdout.write(json.dumps(body, indent=2) + "\n")
    elif verdict.accepted:
        ctx.stdout.write(
            f"Accepted: the issuer accepts that passcode for {user} now (token {matched}). "
            "It is used up: the prescriber waits for the next passcode before signing.\n"
        )
    else:
        ctx.stdout.write(f"Rejected: the issuer does not accept that passcode for {subject}: {advice}.\n")
    return 0 if verdict.accepted else EXIT_REJECTED
