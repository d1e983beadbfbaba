"""``replace``: a new token for a prescriber, the old one revoked, in the order the reason asks for.

The lines printed follow the order things happened on the issuer: for
``lost`` the old token is revoked first, for every other reason the new one
is issued first (so a failed revoke never leaves the prescriber without a
token), and the output says so in that order.
"""

from __future__ import annotations

import argparse

from . import targets
from .client import Issuer
from .context import HelpdeskContext
from .errors import (
    IssuerError,
    IssuerForbidden,
    IssuerRefused,
    OutputFileError,
    TokenRevoked,
    UsageError,
    one_line,
)
from .issue_cmds import (
    add_delivery_arguments,
    delivery,
    hold_if_pending,
    soft_tokens_in_use,
    target_container,
)
from .issuing import Issued, deliver, issue_token, stamp
from .records import TokenInfo

REASONS = ("lost", "forgot-pin", "locked-out", "new-token", "new-workstation")
# What each reason does to the old token, in the words the help desk sees.
REASON_ACTIONS = {
    "lost": "revoked first (the device is out of your hands), then a new token is issued",
    "forgot-pin": "a new token is issued, then the old one is revoked (its PIN is only on the workstation)",
    "locked-out": "a new token is issued, then the old one is revoked (the app disabled it)",
    "new-token": "a new token is issued, then the old one is revoked",
    "new-workstation": "a new token is issued, then the old one is revoked (seeds never move)",
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
    add_delivery_arguments(replace)
    replace.set_defaults(run=run_replace)


def old_token(ctx: HelpdeskContext, issuer: Issuer, user: str, serial: str | None) -> TokenInfo:
    """The token to replace: the named one (it must be the user's), or the user's one soft token."""
    tokens = targets.user_tokens(ctx, issuer, user)  # the user must exist, in this realm
    if serial is not None:
        token = targets.token(ctx, issuer, targets.serial_name(serial), user)
        if token.revoked:
            raise TokenRevoked(
                f"Token {token.serial} of {user} is already revoked; issue a new token with 'issue {user}'."
            )
        return token
    # Hard tokens are replaced only when named: a lost soft token must not take a key fob with it.
    candidates = soft_tokens_in_use(tokens)
    if not candidates:
        raise IssuerRefused(f"{user} has no token to replace; issue one with 'issue {user}'.")
    if len(candidates) > 1:
        serials = ", ".join(t.serial for t in candidates)
        raise UsageError(f"{user} has several tokens ({serials}); say which one with --serial.")
    return candidates[0]


def _revoked_line(old: TokenInfo, reason: str) -> str:
    return f"Revoked the old token {old.serial} ({reason}); it can never be used again."


def _workstation(
    ctx: HelpdeskContext, issuer: Issuer, user: str, realm: str | None, args: argparse.Namespace
) -> tuple[str | None, str | None]:
    """(the container the new token goes into, the registered container of the old workstation)."""
    from .containers import registered_container

    registered = None
    if args.reason == "lost" or not args.no_container:
        try:
            found = registered_container(issuer, user, realm)
        except IssuerForbidden:  # no container_list right: as before containers
            found = None
        registered = found.serial if found is not None else None
    if registered and args.reason == "new-workstation" and not args.no_container:
        raise UsageError(
            f"{user}'s workstation is registered with the issuer (container {registered}): its tokens "
            f"move to the new workstation with it. Run 'register-workstation {user} --new-workstation' "
            "(or the prescriber uses Move to a new workstation in softtoken, when allowed); add "
            "--no-container to issue a link instead. Nothing was changed."
        )
    into = target_container(ctx, issuer, user, realm, args) if registered else None
    return into, registered


def _end_registration(issuer: Issuer, container: str, old: TokenInfo) -> tuple[str, ...]:
    """A lost workstation: its container key stops working, and the old token leaves the container."""
    from .containers import remove_token, terminate_registration

    terminate_registration(issuer, container)
    if old.container_serial == container:
        remove_token(issuer, container, old.serial)
    return (
        f"Ended the lost workstation's registration (container {container}): it can no longer "
        "synchronize or receive tokens.",
    )


def run_replace(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    user = targets.user_name(args.user)
    how = delivery(ctx, args)
    issuer = ctx.issuer()
    realm = targets.resolve_realm(ctx, issuer)
    old = old_token(ctx, issuer, user, args.serial)
    reason: str = args.reason
    when = stamp(ctx)
    admin = issuer.admin or "admin"
    into, registered = _workstation(ctx, issuer, user, realm, args)

    def new_token() -> Issued:
        issued = issue_token(
            ctx,
            issuer,
            user,
            realm=realm,
            token_type=args.type,
            verify=args.verify,
            two_step=args.two_step,
            description=f"helpdesk {when}: replaces {old.serial} ({reason})",
            container=into,
        )
        hold_if_pending(ctx, issuer, issued)
        return issued

    if reason == "lost":
        # The device is out of our hands: stop the old secret before anything else.
        with targets.about(f"token {old.serial} of {user}"):
            issuer.set_description(old.serial, f"helpdesk {when}: revoked ({reason}) by {admin}"[:80])
            issuer.revoke(old.serial)
        ended: tuple[str, ...] = ()
        if registered:
            try:
                ended = _end_registration(issuer, registered, old)
            except IssuerError as exc:
                raise type(exc)(
                    f"The old token {old.serial} is revoked, but ending the lost workstation's "
                    f"registration (container {registered}) failed: {one_line(exc.message, 200)} Run "
                    f"'replace {user} --reason lost' again, or end it on the issuer; nothing new was issued."
                ) from None
        try:
            issued = new_token()
        except IssuerError as exc:
            raise type(exc)(
                f"The old token {old.serial} is revoked, but issuing the new one failed: {exc.message} "
                f"Issue it with 'issue {user}'."
            ) from None
        steps: tuple[dict[str, str], ...] = (
            {"action": "revoke", "serial": old.serial},
            {"action": "issue", "serial": issued.serial},
        )
        if registered:
            steps = (steps[0], {"action": "unregister", "serial": registered}, steps[1])
        deliver(ctx, issued, how, before=(_revoked_line(old, reason), *ended), steps=steps, unregistered=True)
        return 0
    issued = new_token()
    steps = ({"action": "issue", "serial": issued.serial}, {"action": "revoke", "serial": old.serial})
    try:
        issuer.set_description(old.serial, f"helpdesk {when}: replaced by {issued.serial} ({reason})"[:80])
        issuer.revoke(old.serial)
    except IssuerError as exc:
        # The new activation is valid: hand it over, and say loudly what is left to do.
        problem = one_line(exc.message, 200)
        left = f"revoking the old token {old.serial} failed: {problem} Revoke it on the issuer."
        try:
            deliver(ctx, issued, how, steps=steps[:1])
        except OutputFileError as failed:
            raise OutputFileError(f"{failed.message} Also, {left}") from None
        raise type(exc)(f"The new token {issued.serial} is issued, but {left}") from None
    if into and old.container_serial == into:
        _take_out(ctx, issuer, into, old)
    deliver(ctx, issued, how, after=(_revoked_line(old, reason),), steps=steps)
    return 0


def _take_out(ctx: HelpdeskContext, issuer: Issuer, container: str, old: TokenInfo) -> None:
    """The revoked token leaves the container, so the workstation drops it at the same sync."""
    from .containers import remove_token

    try:
        remove_token(issuer, container, old.serial)
    except IssuerError as exc:  # revoked already: it cannot be used; only the workstation's list is stale
        ctx.stderr.write(
            f"note: the revoked token {old.serial} is still listed in container {container} "
            f"({one_line(exc.message, 120)}); the workstation keeps showing it until you remove it there.\n"
        )
