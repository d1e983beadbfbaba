"""``register-workstation``: the link (and QR code) that registers a prescriber's workstation with the issuer.

Once registered, every token the help desk issues or replaces for that
prescriber goes into the workstation's container and arrives there at its next
synchronization: no more activation links. The link is handed over like an
activation link (the same files-only rule, the same QR writer, the same 0600
files): whoever opens it first receives that prescriber's tokens.
"""

from __future__ import annotations

import argparse
import json
from datetime import timedelta
from pathlib import Path

from . import targets
from .client import Issuer
from .containers import (
    AlreadyRegistered,
    Container,
    RegistrationLink,
    create_container,
    initialize_registration,
    unknown_user,
    user_containers,
    workstation_container,
)
from .context import HelpdeskContext
from .errors import OutputFileError, UnknownUser
from .issue_cmds import delivery
from .issuing import Delivery, stamp, write_link_files
from .times import from_timestamp, iso, local_text


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "register-workstation",
        help="register a prescriber's workstation with the issuer: new tokens then arrive by themselves",
        description="Make (or reuse) USER's workstation container on the issuer and print its "
        "registration link (pia://container/…) and QR code. The prescriber opens it in softtoken on "
        "the workstation; from then on 'issue' and 'replace' put tokens into that workstation, and "
        "they arrive at its next sync. The link works once, for the minutes the issuer's policy "
        "says (setup --containers --registration-ttl); give it only to that prescriber. A "
        "registered workstation is refused unless --new-workstation (the tokens then move to the "
        "workstation that opens the new link, with new secrets).",
    )
    parser.add_argument("user", metavar="USER")
    parser.add_argument(
        "--new-workstation",
        action="store_true",
        help="USER's workstation is registered already: make the link that moves it to a new one",
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
    parser.add_argument("--json", action="store_true", help="print JSON instead")
    parser.set_defaults(run=run_register_workstation)


def _containers(ctx: HelpdeskContext, user: str, realm: str | None) -> list[Container]:
    issuer = ctx.issuer()
    try:
        return user_containers(issuer, user, realm)
    except UnknownUser:
        raise unknown_user(user, realm) from None


def run_register_workstation(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    user = targets.user_name(args.user)
    how = delivery(ctx, args)
    issuer = ctx.issuer()
    realm = targets.resolve_realm(ctx, issuer)
    targets.user_tokens(ctx, issuer, user)  # privacyIDEA makes a container even for an unknown user
    found = workstation_container(_containers(ctx, user, realm))
    notes: list[str] = []
    rollover = False
    if found is not None and found.registered:
        if not args.new_workstation:
            synced = local_text(found.last_synchronization, "never")
            raise AlreadyRegistered(
                f"{user}'s workstation is registered with the issuer already (container {found.serial}, "
                f"last synchronized {synced}); its new tokens arrive by themselves. To move to a new "
                "workstation, the prescriber uses Move to a new workstation in softtoken (when the "
                f"issuer allows it), or run 'register-workstation {user} --new-workstation'. "
                "Nothing was changed."
            )
        rollover = True
    elif args.new_workstation:
        notes.append(f"note: {user} had no registered workstation; this link registers the first one.")
    created = found is None
    if found is None:
        require_setup(issuer)  # no container left behind for a registration that cannot work
        serial = create_container(
            issuer,
            user,
            realm,
            f"helpdesk {stamp(ctx)}: workstation of {user}, by {issuer.admin or 'admin'}",
        )
    else:
        serial = found.serial
    made = initialize_registration(issuer, serial, rollover=rollover)
    for line in notes:
        ctx.stderr.write(line + "\n")
    _hand_over(ctx, user, realm, made, how, created=created)
    return 0


def require_setup(issuer: Issuer) -> None:
    """Refuse before anything is made when the issuer's container policy is missing (if readable)."""
    from .container_policies import container_setup
    from .containers import SETUP_HINT
    from .errors import IssuerForbidden, PolicyMissing

    try:
        ready = container_setup(issuer).ready
    except IssuerForbidden:
        return  # the admin may not read policies: register/initialize will say it
    if not ready:
        raise PolicyMissing(
            "Workstation registration is not set up on the issuer: it has no container policy "
            f"privacyIDEA_server_url (the address workstations reach it at). {SETUP_HINT}"
        )


def _expires(ctx: HelpdeskContext, made: RegistrationLink) -> str | None:
    start = made.time_stamp or from_timestamp(ctx.now())
    return iso(start + timedelta(minutes=made.ttl_minutes)) if made.ttl_minutes else None


def _hand_over(
    ctx: HelpdeskContext,
    user: str,
    realm: str | None,
    made: RegistrationLink,
    how: Delivery,
    *,
    created: bool,
) -> None:
    from .qr import terminal_qr
    from .times import parse_issuer_time

    png, link_file, problem = write_link_files(made.link, how)
    files_only = how.files_only and problem is None
    expires = _expires(ctx, made)
    if how.as_json:
        body = {
            "user": user,
            "realm": realm,
            "container_serial": made.container_serial,
            "container_created": created,
            "new_workstation": made.rollover,
            "link": None if files_only else made.link,
            "png": str(png) if png else None,
            "link_file": str(link_file) if link_file else None,
            "ttl_minutes": made.ttl_minutes,
            "expires_at": expires,
        }
        ctx.stdout.write(json.dumps(body, indent=2) + "\n")
    else:
        out = ctx.stdout
        where = f" in realm {realm}" if realm else ""
        kind = "Moving" if made.rollover else "Registering"
        verb = "made" if created else "reused"
        out.write(
            f"{kind} {user}'s workstation{where}: container {made.container_serial} ({verb}); "
            "registration link made.\n"
        )
        if files_only:
            out.write("The registration link and QR code are only in the files below (not shown here).\n")
        else:
            out.write(
                f"Registration link (give it only to {user}: whoever opens it first receives their tokens):\n"
            )
            out.write(made.link + "\n")
            if how.show_qr:
                out.write(terminal_qr(made.link))
        if png is not None:
            out.write(
                f"QR code saved to {png} (only you can read it; "
                "delete it once the workstation is registered).\n"
            )
        if link_file is not None:
            out.write(f"Link saved to {link_file} (only you can read it).\n")
        until = local_text(parse_issuer_time(expires)) if expires else "-"
        out.write(
            f"The prescriber opens it in softtoken on the {'new ' if made.rollover else ''}workstation "
            f"(paste it, or scan the QR code) and confirms the issuer; it works once, for "
            f"{made.ttl_minutes} minutes (until {until}).\n"
        )
        if made.rollover:
            out.write(
                "Every token of the container then moves to the new workstation with new secrets; "
                "the old workstation's passcodes stop working.\n"
            )
        else:
            out.write("From then on, new and replacement tokens arrive on that workstation by themselves.\n")
    if problem is not None:
        raise OutputFileError(
            f"{problem.message} The registration link for {user} is made: "
            "it is shown above (no file was kept)."
        )
