"""``issue``, ``finish-enrollment``, ``finish-two-step`` and ``replace``."""

from __future__ import annotations

import argparse
from pathlib import Path

from softtoken.core.hardtoken import normalise_serial, parse_passcode_entry

from .client import Issuer, TokenInfo
from .context import HelpdeskContext, add_stdin_flag
from .errors import (
    IssuerError,
    IssuerRefused,
    OutputFileError,
    UnknownSerial,
    UsageError,
    WrongPasscode,
    one_line,
)
from .issuing import SYNC_NOTE, TOKEN_TYPES, Issued, deliver, issue_token, stamp

REASONS = ("lost", "forgot-pin", "locked-out", "new-token", "new-workstation")
# What each reason does to the old token, in the words the help desk sees.
REASON_ACTIONS = {
    "lost": "revoked first (the device is out of your hands), then a new token is issued",
    "forgot-pin": "a new token is issued, then the old one is revoked (its PIN is only on the workstation)",
    "locked-out": "a new token is issued, then the old one is revoked (the app disabled it)",
    "new-token": "a new token is issued, then the old one is revoked",
    "new-workstation": "a new token is issued, then the old one is revoked (seeds never move)",
}


def _add_delivery_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--type", choices=TOKEN_TYPES, default="totp", help="token type (default: totp)")
    proof = parser.add_mutually_exclusive_group()
    proof.add_argument(
        "--verify",
        action="store_true",
        help="the token works only after 'finish-enrollment' with a passcode from the app",
    )
    proof.add_argument(
        "--two-step",
        action="store_true",
        help="the app adds its own entropy; finish with 'finish-two-step' (needs 'setup --two-step')",
    )
    parser.add_argument("--png", type=Path, metavar="FILE", help="also save the QR code as a PNG (0600)")
    parser.add_argument("--link-file", type=Path, metavar="FILE", help="also save the link in FILE (0600)")
    parser.add_argument("--no-qr", action="store_true", help="do not draw the QR code in the terminal")
    parser.add_argument("--json", action="store_true", help="print JSON (serial, link, state) instead")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    issue = sub.add_parser(
        "issue",
        help="issue a soft token for a prescriber: activation link and QR code",
        description="Enroll a new token for USER on the issuer and print its activation link and "
        "QR code. The link holds the token's secret: give it only to that prescriber.",
    )
    issue.add_argument("user", metavar="USER")
    _add_delivery_arguments(issue)
    issue.set_defaults(run=run_issue)

    finish = sub.add_parser(
        "finish-enrollment",
        help="finish an 'issue --verify' with the passcode the prescriber's app shows",
    )
    finish.add_argument("serial", metavar="SERIAL")
    add_stdin_flag(finish, "--otp-stdin", "the six-digit passcode the app shows")
    finish.set_defaults(run=run_finish_enrollment)

    two = sub.add_parser(
        "finish-two-step",
        help="finish an 'issue --two-step' with the activation code the prescriber's app shows",
    )
    two.add_argument("serial", metavar="SERIAL")
    add_stdin_flag(two, "--client-part-stdin", "the activation code the app shows (part of the seed)")
    two.set_defaults(run=run_finish_two_step)

    replace = sub.add_parser(
        "replace",
        help="replace a prescriber's token: revoke the old one, issue a new activation",
        description="Reasons: "
        + "; ".join(f"{reason}: {action}" for reason, action in REASON_ACTIONS.items())
        + ". The old secret is never reused.",
    )
    replace.add_argument("user", metavar="USER")
    replace.add_argument("--reason", required=True, choices=REASONS)
    replace.add_argument("--serial", metavar="S", help="the token to replace (needed if USER has several)")
    _add_delivery_arguments(replace)
    replace.set_defaults(run=run_replace)


def _deliver(ctx: HelpdeskContext, args: argparse.Namespace, issued: Issued) -> None:
    deliver(
        ctx,
        issued,
        png=args.png,
        link_file=args.link_file,
        show_qr=not args.no_qr,
        as_json=args.json,
    )


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse a PNG or link file that cannot be made, before anything changes on the issuer."""
    import os

    same = (
        args.png is not None
        and args.link_file is not None
        and os.path.realpath(args.png) == os.path.realpath(args.link_file)  # never raises on a loop
    )
    if same:
        raise OutputFileError("--png and --link-file name the same file; give each its own name.")
    for path in (args.png, args.link_file):
        if path is None:
            continue
        if path.exists() or path.is_symlink():
            raise OutputFileError(f"{path} exists already; choose another name or delete it first.")
        folder = path.parent
        if not folder.is_dir():
            raise OutputFileError(f"The folder {folder} does not exist; create it or choose another place.")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputFileError(f"You cannot write in {folder}; choose another place.")


def run_issue(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    _check_outputs(args)
    issuer = ctx.issuer()
    issued = issue_token(
        ctx,
        issuer,
        args.user,
        token_type=args.type,
        verify=args.verify,
        two_step=args.two_step,
        description=f"helpdesk {stamp(ctx)}: issued by {issuer.admin or 'admin'}",
    )
    _deliver(ctx, args, issued)
    return 0


def _waiting_token(issuer: Issuer, serial: str, state: str, what: str) -> TokenInfo:
    token = issuer.token(serial)
    if token is None:
        raise UnknownSerial(f"The issuer has no token {serial}. Check the serial 'issue' printed.")
    if token.revoked or token.locked:
        raise IssuerRefused(f"Token {serial} is revoked; issue a new token instead.")
    if token.rollout_state != state:
        shown = token.rollout_state or "enrolled"
        raise IssuerRefused(
            f"Token {serial} is not waiting for {what} (its state is '{shown}'); nothing was changed."
        )
    return token


def run_finish_enrollment(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    serial = normalise_serial(args.serial)
    otp = parse_passcode_entry(ctx.secret("passcode", args.otp_stdin, "--otp-stdin"))
    issuer = ctx.issuer()
    token = _waiting_token(issuer, serial, "verify", "a passcode (finish-enrollment)")
    try:
        issuer.init({"serial": serial, "type": token.type, "verify": otp})
    except IssuerRefused as exc:
        if exc.code == 905:
            raise WrongPasscode(
                f"The passcode does not match token {serial}; it still waits for a passcode. Ask the "
                "prescriber to read the passcode the app shows now, and try again.",
                exc.code,
                exc.status,
            ) from None
        raise
    ctx.stdout.write(
        f"Token {serial} of {token.username or 'the prescriber'} is verified and enrolled. "
        f"It will be {SYNC_NOTE}.\n"
    )
    return 0


def run_finish_two_step(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    from softtoken.core.activation.base32check import ClientPartError, decode, normalise

    serial = normalise_serial(args.serial)
    text = ctx.secret("activation code", args.client_part_stdin, "--client-part-stdin")
    payload = decode(text)
    issuer = ctx.issuer()
    token = _waiting_token(issuer, serial, "clientwait", "an activation code (finish-two-step)")
    expected = token.info.get("2step_clientsize")
    if expected and expected.isdigit() and int(expected) != len(payload):
        raise ClientPartError(
            "That activation code is for a different token or incomplete ({length} bytes, "
            "token {serial} expects {expected}). Ask the prescriber to read all the groups again.",
            params={"length": len(payload), "serial": serial, "expected": int(expected)},
        )
    params = {
        "serial": serial,
        "type": token.type,
        "otpkey": normalise(text),
        "otpkeyformat": "base32check",
    }
    if token.username:
        params["user"] = token.username
        if token.user_realm:
            params["realm"] = token.user_realm
    issuer.init(params)  # the answer holds the final secret: it is dropped unread
    ctx.stdout.write(
        f"Token {serial} of {token.username or 'the prescriber'} is activated with the app's code. "
        f"It will be {SYNC_NOTE}.\n"
    )
    return 0


def _old_token(issuer: Issuer, ctx: HelpdeskContext, user: str, serial: str | None) -> TokenInfo:
    tokens = issuer.tokens(user=user, realm=ctx.realm)
    if serial is not None:
        wanted = normalise_serial(serial)
        for token in tokens:
            if token.serial == wanted:
                if token.revoked:
                    raise IssuerRefused(
                        f"Token {wanted} is already revoked; issue a new token with 'issue {user}'."
                    )
                return token
        raise UnknownSerial(f"{user} has no token {wanted}; 'status {user}' lists the tokens.")
    # Hard tokens are replaced only when named: a lost soft token must not take a key fob with it.
    candidates = [
        t for t in tokens if not t.revoked and t.type in TOKEN_TYPES and t.info.get("tokenkind") != "hardware"
    ]
    if not candidates:
        raise IssuerRefused(f"{user} has no token to replace; issue one with 'issue {user}'.")
    if len(candidates) > 1:
        serials = ", ".join(t.serial for t in candidates)
        raise UsageError(f"{user} has several tokens ({serials}); say which one with --serial.")
    return candidates[0]


def run_replace(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    _check_outputs(args)
    issuer = ctx.issuer()
    old = _old_token(issuer, ctx, args.user, args.serial)
    reason: str = args.reason
    when = stamp(ctx)
    admin = issuer.admin or "admin"
    note = ctx.stderr if args.json else ctx.stdout
    if reason == "lost":
        # The device is out of our hands: stop the old secret before anything else.
        issuer.set_description(old.serial, f"helpdesk {when}: revoked ({reason}) by {admin}"[:80])
        issuer.revoke(old.serial)
        note.write(f"Revoked the old token {old.serial} ({reason}); it can never be used again.\n")
        try:
            issued = issue_token(
                ctx,
                issuer,
                args.user,
                token_type=args.type,
                verify=args.verify,
                two_step=args.two_step,
                description=f"helpdesk {when}: replaces {old.serial} ({reason})",
            )
        except IssuerError as exc:
            raise type(exc)(
                f"The old token {old.serial} is revoked, but issuing the new one failed: {exc.message} "
                f"Issue it with 'issue {args.user}'."
            ) from None
        _deliver(ctx, args, issued)
        return 0
    issued = issue_token(
        ctx,
        issuer,
        args.user,
        token_type=args.type,
        verify=args.verify,
        two_step=args.two_step,
        description=f"helpdesk {when}: replaces {old.serial} ({reason})",
    )
    try:
        issuer.set_description(old.serial, f"helpdesk {when}: replaced by {issued.serial} ({reason})"[:80])
        issuer.revoke(old.serial)
    except IssuerError as exc:
        # The new activation is valid: hand it over, and say loudly what is left to do.
        problem = one_line(exc.message, 200)
        left = f"revoking the old token {old.serial} failed: {problem} Revoke it on the issuer."
        try:
            _deliver(ctx, args, issued)
        except OutputFileError as delivery:
            raise OutputFileError(f"{delivery.message} Also, {left}") from None
        raise type(exc)(f"The new token {issued.serial} is issued, but {left}") from None
    note.write(f"Revoked the old token {old.serial} ({reason}); it can never be used again.\n")
    _deliver(ctx, args, issued)
    return 0
