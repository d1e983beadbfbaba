"""``reset``, ``resync``, ``enable``, ``disable``, ``revoke``, ``unassign``: one token's state.

Each takes the token by ``--serial``; an optional USER in front must own it
(checked with the issuer before anything changes). ``reset`` also takes a
USER alone: every token of that user with a fail count. Each prints one line
per token in text, or ``{"action", "changed", "tokens"}`` with ``--json``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from . import targets
from .client import Issuer
from .context import HelpdeskContext
from .entry import app_passcode, hard_passcode
from .errors import IssuerRefused, TokenRevoked, UsageError, WrongPasscode
from .issuing import stamp
from .records import TokenInfo
from .times import from_timestamp
from .views import token_json


def _target_arguments(parser: argparse.ArgumentParser, *, serial_required: bool) -> None:
    parser.add_argument("user", metavar="USER", nargs="?", help="the prescriber who must own the token")
    parser.add_argument("--serial", metavar="S", required=serial_required, help="the token's serial")
    parser.add_argument("--json", action="store_true", help="print JSON")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    reset = sub.add_parser(
        "reset",
        help="reset the fail counter ('fail counter full' in status)",
        description="Set the fail counter of a token (--serial) or of all of USER's tokens back to 0.",
    )
    _target_arguments(reset, serial_required=False)
    reset.set_defaults(run=run_reset)

    resync = sub.add_parser(
        "resync",
        help="resynchronise a token with two consecutive passcodes (a counter or clock far off)",
        description="For a token whose counter (HOTP) or clock (TOTP) ran beyond the issuer's window: "
        "the prescriber reads two passcodes in a row. They are asked for, or read from standard "
        "input (--otp-stdin: one per line, or separated by a space).",
    )
    _target_arguments(resync, serial_required=True)
    resync.add_argument("--otp-stdin", action="store_true", help="read the two passcodes from stdin")
    resync.set_defaults(run=run_resync)

    for name, text in (
        ("enable", "enable a disabled token"),
        ("disable", "disable a token for now (enable undoes it)"),
        ("revoke", "revoke a token for good (it can never be used again)"),
        ("unassign", "unlink a hard token from its prescriber (it goes back to 'stock')"),
    ):
        parser = sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        _target_arguments(parser, serial_required=True)
        parser.set_defaults(run=_RUNS[name])


def _report(
    ctx: HelpdeskContext, args: argparse.Namespace, action: str, done: list[tuple[TokenInfo, bool, str]]
) -> int:
    """``done``: (token after, whether it changed, the sentence)."""
    now = from_timestamp(ctx.now())
    if args.json:
        body = {
            "action": action,
            "changed": [t.serial for t, changed, _ in done if changed],
            "tokens": [token_json(t, now) for t, _, _ in done],
        }
        ctx.stdout.write(json.dumps(body, indent=2) + "\n")
    else:
        for _, _, sentence in done:
            ctx.stdout.write(sentence + "\n")
    return 0


def _one(ctx: HelpdeskContext, args: argparse.Namespace) -> tuple[Issuer, TokenInfo, str]:
    user = targets.optional_user(args.user)
    serial = targets.serial_name(args.serial)
    issuer = ctx.issuer()
    token = targets.token(ctx, issuer, serial, user)
    return issuer, token, targets.describe(token)


def _refuse_revoked(token: TokenInfo, what: str, subject: str) -> None:
    if token.revoked or token.locked:
        raise TokenRevoked(
            f"{targets.sentence(subject)} is revoked for good; it cannot be {what}. "
            "Issue a new token instead ('replace')."
        )


def _simple(
    action: str,
    what: str,
    change: Callable[[Issuer, TokenInfo], None],
    unchanged: Callable[[TokenInfo], bool],
    done: str = "{Subject} is now {what}.",
) -> Callable[[HelpdeskContext, argparse.Namespace], int]:
    def run(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
        issuer, token, subject = _one(ctx, args)
        if action == "revoke" and token.revoked:
            return _report(
                ctx,
                args,
                action,
                [(token, False, f"{targets.sentence(subject)} is already revoked; nothing changed.")],
            )
        _refuse_revoked(token, _VERBS.get(action, what), subject)
        if token.pending and action in ("enable", "disable"):
            raise IssuerRefused(
                f"{targets.sentence(subject)} waits for its activation to be finished "
                f"('token {token.serial}' says how); finish it, or end it with "
                f"'cancel --serial {token.serial}'."
            )
        if unchanged(token):
            return _report(
                ctx,
                args,
                action,
                [(token, False, f"{targets.sentence(subject)} is already {what}; nothing changed.")],
            )
        with targets.about(subject):
            change(issuer, token)
        after = issuer.token(token.serial) or token
        sentence = done.format(Subject=targets.sentence(subject), what=what, owner=token.owner)
        return _report(ctx, args, action, [(after, True, sentence)])

    return run


_VERBS = {"unassign": "unlinked"}  # what a revoked token cannot be, where it differs from the state


def _revoke(ctx: HelpdeskContext) -> Callable[[Issuer, TokenInfo], None]:
    def change(issuer: Issuer, token: TokenInfo) -> None:
        issuer.set_description(
            token.serial, f"helpdesk {stamp(ctx)}: revoked by {issuer.admin or 'admin'}"[:80]
        )
        issuer.revoke(token.serial)

    return change


def _unassign(issuer: Issuer, token: TokenInfo) -> None:
    if not token.hardware:
        raise UsageError(
            f"Token {token.serial} is a soft token: its secret stays in {token.owner}'s app, so it is "
            f"never handed to someone else. Revoke it instead ('revoke --serial {token.serial}')."
        )
    issuer.unassign(token.serial)


def run_revoke(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    return _simple("revoke", "revoked", _revoke(ctx), lambda t: t.revoked)(ctx, args)


_RUNS: dict[str, Callable[[HelpdeskContext, argparse.Namespace], int]] = {
    "enable": _simple("enable", "enabled", lambda i, t: i.enable(t.serial), lambda t: t.active),
    "disable": _simple("disable", "disabled", lambda i, t: i.disable(t.serial), lambda t: not t.active),
    "revoke": run_revoke,
    "unassign": _simple(
        "unassign",
        "not linked to anyone",
        _unassign,
        lambda t: not t.username,
        "{Subject} is unlinked; it is back in stock ('stock'), ready to be linked again.",
    ),
}


def run_reset(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    if args.user is None and args.serial is None:
        raise UsageError("Say whose fail counter to reset: 'reset USER' or 'reset --serial S'.")
    if args.serial is not None:
        issuer, token, subject = _one(ctx, args)
        tokens = [token]
    else:
        user = targets.user_name(args.user)
        issuer = ctx.issuer()
        tokens = [t for t in targets.user_tokens(ctx, issuer, user) if not (t.revoked or t.locked)]
        if not tokens:
            raise IssuerRefused(f"{user} has no token that can be reset; 'status {user}' lists them.")
    done: list[tuple[TokenInfo, bool, str]] = []
    for token in tokens:
        subject = targets.describe(token)
        _refuse_revoked(token, "reset", subject)
        if token.failcount == 0:
            done.append((token, False, f"The fail counter of {subject} is 0 already; nothing changed."))
            continue
        with targets.about(subject):
            issuer.reset(token.serial)
        after = issuer.token(token.serial) or token
        done.append(
            (
                after,
                True,
                f"Reset the fail counter of {subject} (it was {token.failcount} of {token.maxfail}).",
            )
        )
    return _report(ctx, args, "reset", done)


def _two_passcodes(ctx: HelpdeskContext, args: argparse.Namespace) -> tuple[str, str]:
    if args.otp_stdin:
        words = ctx.take_stdin("two passcodes").split()
        if len(words) != 2:
            raise UsageError(
                "Give the two passcodes on standard input, in the order the token showed them "
                "(one per line, or separated by a space)."
            )
        return words[0], words[1]
    first = ctx.secret("first passcode", False, "--otp-stdin")
    return first, ctx.secret("next passcode (the one after it)", False, "--otp-stdin")


def run_resync(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    first, second = _two_passcodes(ctx, args)
    issuer, token, subject = _one(ctx, args)
    _refuse_revoked(token, "resynchronised", subject)
    if token.type not in ("hotp", "totp"):
        raise IssuerRefused(
            f"{targets.sentence(subject)} is a '{token.type}' token; only HOTP and TOTP resync."
        )
    read = hard_passcode if token.hardware else app_passcode
    otp1, otp2 = read(first), read(second)
    with targets.about(subject):
        done = issuer.resync(token.serial, otp1, otp2)
    if not done:
        raise WrongPasscode(
            f"The issuer could not resynchronise {subject}: the two passcodes are not two in a row "
            "from this token, or it is more than 1000 steps off. Ask for two new passcodes in a row."
        )
    after = issuer.token(token.serial) or token
    return _report(
        ctx, args, "resync", [(after, True, f"Resynchronised {subject}; the next passcode will work.")]
    )
