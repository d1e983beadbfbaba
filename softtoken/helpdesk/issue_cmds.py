"""``issue``, ``finish-enrollment`` and ``finish-two-step``."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import pending, targets
from .client import Issuer
from .context import HelpdeskContext, add_stdin_flag
from .entry import DEFAULT_CLIENT_SIZE, activation_code, app_passcode, code_length
from .errors import (
    IssuerRefused,
    OutputFileError,
    TokenRevoked,
    UsageError,
    WrongPasscode,
)
from .issuing import SYNC_NOTE, TOKEN_TYPES, Delivery, Issued, deliver, issue_token, stamp
from .records import TokenInfo


def add_delivery_arguments(parser: argparse.ArgumentParser) -> None:
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
    parser.add_argument(
        "--files-only",
        action="store_true",
        help="write the link and QR code only to --link-file/--png and print neither "
        "(the default with $SOFTTOKEN_HELPDESK_FILES_ONLY=1)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON (serial, link, state) instead")
    parser.add_argument(
        "--no-container",
        action="store_true",
        help="hand over an activation link even when USER's workstation is registered with the issuer "
        "(by default the token goes into that workstation by itself)",
    )


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    issue = sub.add_parser(
        "issue",
        help="issue a soft token for a prescriber: activation link and QR code",
        description="Enroll a new token for USER on the issuer and print its activation link and "
        "QR code. The link holds the token's secret: give it only to that prescriber. When USER's "
        "workstation is registered with the issuer ('register-workstation'), the token goes into it "
        "instead and arrives there at its next sync (no link; --no-container for one). A user who "
        "already has a soft token gets a second one only with --additional (else use 'replace').",
    )
    issue.add_argument("user", metavar="USER")
    add_delivery_arguments(issue)
    issue.add_argument(
        "--additional",
        action="store_true",
        help="issue even though USER already has a soft token (a second workstation)",
    )
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


def delivery(ctx: HelpdeskContext, args: argparse.Namespace) -> Delivery:
    """Where the activation goes; refuse files that cannot be made, before anything changes."""
    import os

    files_only = bool(args.files_only) or ctx.files_only_default()
    if files_only and args.png is None and args.link_file is None:
        raise UsageError(
            "The activation link goes only to files (--files-only or $SOFTTOKEN_HELPDESK_FILES_ONLY): "
            "give --link-file FILE and/or --png FILE."
        )
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
    return Delivery(args.png, args.link_file, not args.no_qr, args.json, files_only)


def soft_tokens_in_use(tokens: list[TokenInfo]) -> list[TokenInfo]:
    """The user's soft tokens that are not revoked (hard tokens never count)."""
    return [t for t in tokens if not (t.revoked or t.locked) and t.type in TOKEN_TYPES and not t.hardware]


def hold_if_pending(ctx: HelpdeskContext, issuer: Issuer, issued: Issued) -> None:
    """A token that waits for finish-* keeps its link here for 'show-activation' (pending.py)."""
    if issued.rollout_state not in ("verify", "clientwait"):
        return
    held = pending.Held(
        issued.serial, issued.user, issued.realm, issued.rollout_state, issued.link, ctx.now()
    )
    pending.hold(ctx, issuer.url, held, ctx.session_expires)


def target_container(
    ctx: HelpdeskContext, issuer: Issuer, user: str, realm: str | None, args: argparse.Namespace
) -> str | None:
    """The serial of USER's registered workstation container, unless --no-container (or none)."""
    from .containers import registered_container
    from .errors import IssuerForbidden

    if args.no_container:
        return None
    try:
        found = registered_container(issuer, user, realm)
    except IssuerForbidden:
        ctx.stderr.write(
            "note: the admin policy does not allow reading containers (container_list); "
            "handing over an activation link.\n"
        )
        return None
    if found is None:
        return None
    ctx.workstation_sync_minutes()  # a bad $SOFTTOKEN_WORKSTATION_SYNC_MINUTES stops before issuing
    if args.verify or args.two_step:
        kind = "--verify" if args.verify else "--two-step"
        raise UsageError(
            f"{user}'s workstation is registered with the issuer (container {found.serial}): its tokens "
            f"arrive by themselves, with no link to activate, so {kind} does not apply. Leave out "
            f"{kind}, or add --no-container to hand over a link. Nothing was issued."
        )
    return found.serial


def run_issue(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    user = targets.user_name(args.user)
    how = delivery(ctx, args)
    issuer = ctx.issuer()
    realm = targets.resolve_realm(ctx, issuer)
    existing = soft_tokens_in_use(targets.user_tokens(ctx, issuer, user))
    if existing and not args.additional:
        shown = ", ".join(f"{t.serial} ({t.state})" for t in existing)
        raise UsageError(
            f"{user} already has a soft token ({shown}). To give a new one in its place use "
            f"'replace {user} --reason …'; for a second token (another workstation) add --additional. "
            "Nothing was issued."
        )
    container = target_container(ctx, issuer, user, realm, args)
    issued = issue_token(
        ctx,
        issuer,
        user,
        realm=realm,
        token_type=args.type,
        verify=args.verify,
        two_step=args.two_step,
        description=f"helpdesk {stamp(ctx)}: issued by {issuer.admin or 'admin'}",
        container=container,
    )
    hold_if_pending(ctx, issuer, issued)
    deliver(ctx, issued, how)
    return 0


def waiting_token(ctx: HelpdeskContext, issuer: Issuer, serial: str, state: str, what: str) -> TokenInfo:
    token = targets.token(ctx, issuer, serial)
    if token.revoked or token.locked:
        raise TokenRevoked(f"Token {serial} is revoked; issue a new token instead.")
    if token.rollout_state != state:
        shown = token.rollout_state or "enrolled"
        raise IssuerRefused(
            f"Token {serial} is not waiting for {what} (its state is '{shown}'); nothing was changed."
        )
    return token


def run_finish_enrollment(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    serial = targets.serial_name(args.serial)
    otp = app_passcode(ctx.secret("passcode", args.otp_stdin, "--otp-stdin"))
    issuer = ctx.issuer()
    token = waiting_token(ctx, issuer, serial, "verify", "a passcode (finish-enrollment)")
    try:
        issuer.init({"serial": serial, "type": token.type, "verify": otp})
    except IssuerRefused as exc:
        if exc.code == 905:
            raise WrongPasscode(
                f"The passcode does not match token {serial} of {token.owner or 'the prescriber'}; it "
                "still waits for a passcode. Ask the prescriber to read the passcode the app shows now, "
                "and try again.",
                exc.code,
                exc.status,
            ) from None
        with targets.about(f"token {serial}"):
            raise
    pending.drop(ctx, issuer.url, serial)
    ctx.stdout.write(
        f"Token {serial} of {token.owner or 'the prescriber'} is verified and enrolled. "
        f"It will be {SYNC_NOTE}.\n"
    )
    return 0


def run_finish_two_step(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    from softtoken.core.activation.base32check import normalise

    serial = targets.serial_name(args.serial)
    text = ctx.secret("activation code", args.client_part_stdin, "--client-part-stdin")
    cleaned = normalise(text)
    if len(cleaned) >= code_length(DEFAULT_CLIENT_SIZE):
        activation_code(cleaned)  # a typing mistake is caught before anything is sent
    issuer = ctx.issuer()
    token = waiting_token(ctx, issuer, serial, "clientwait", "an activation code (finish-two-step)")
    expected = token.info.get("2step_clientsize")
    size = int(expected) if expected and expected.isdigit() else DEFAULT_CLIENT_SIZE
    payload = activation_code(cleaned, size)
    if len(payload) != size:
        from softtoken.core.activation.base32check import ClientPartError

        raise ClientPartError(
            "That activation code is for a different token ({length} bytes, token {serial} expects "
            "{expected}). Ask the prescriber to read all the groups again.",
            params={"length": len(payload), "serial": serial, "expected": size},
        )
    params = {"serial": serial, "type": token.type, "otpkey": cleaned, "otpkeyformat": "base32check"}
    if token.username:
        params["user"] = token.username
        if token.user_realm:
            params["realm"] = token.user_realm
    with targets.about(f"token {serial}"):
        issuer.init(params)  # the answer holds the final secret: it is dropped unread
    pending.drop(ctx, issuer.url, serial)
    ctx.stdout.write(
        f"Token {serial} of {token.owner or 'the prescriber'} is activated with the app's code. "
        f"It will be {SYNC_NOTE}.\n"
    )
    return 0
