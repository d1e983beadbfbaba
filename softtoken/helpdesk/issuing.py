"""Issuing a soft token on the issuer and handing its activation over (link + QR code).

The activation link is the one place the console shows a seed: it is what the
console exists to deliver. It goes to standard output, to a PNG (0600) if
asked, and to a link file (0600) if asked; never to a log.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

from .client import Issuer
from .context import HelpdeskContext
from .errors import (
    IssuerError,
    IssuerForbidden,
    IssuerProtocolError,
    IssuerRefused,
    OutputFileError,
    PolicyMissing,
    one_line,
)
from .policies import VERIFY_HEADER, ensure_verify_policy, require_two_step
from .times import from_timestamp, local_text

SYNC_MINUTES = 60
SYNC_NOTE = f"ready for use after syncing with the network, which may take up to {SYNC_MINUTES} minutes"
TOKEN_TYPES = ("totp", "hotp")
DESCRIPTION_MAX = 80  # privacyIDEA's description column


@dataclass(frozen=True)
class Issued:
    serial: str
    type: str
    user: str
    realm: str | None
    link: str
    rollout_state: str
    container: str | None = None  # enrolled into the user's registered workstation: no link to hand over

    def __repr__(self) -> str:  # the link holds the seed
        return f"Issued(serial={self.serial!r}, type={self.type!r}, user={self.user!r})"


def stamp(ctx: HelpdeskContext) -> str:
    """The time written into token descriptions: local, with the zone (they are read on the web UI too)."""
    return local_text(from_timestamp(ctx.now()))


def short_description(text: str) -> str:
    return one_line(text, DESCRIPTION_MAX)


def _check_link(link: str) -> None:
    """The link must be one softtoken accepts: refuse to hand over an activation that would fail."""
    from softtoken.core.activation.keyuri import parse_key_uri
    from softtoken.core.errors import ActivationError

    try:
        token = parse_key_uri(link)
    except ActivationError as exc:
        raise IssuerRefused(
            f"The issuer made an activation link softtoken would refuse: {exc.message}"
        ) from None
    try:
        token.check()
    except ActivationError as exc:
        raise IssuerRefused(
            f"The issuer made an activation link softtoken would refuse: {exc.message}"
        ) from None
    finally:
        token.secret.wipe()


def issue_token(
    ctx: HelpdeskContext,
    issuer: Issuer,
    user: str,
    *,
    realm: str | None,
    token_type: str,
    verify: bool,
    two_step: bool,
    description: str,
    container: str | None = None,
) -> Issued:
    """/token/init genkey=1 for ``user``; returns the activation. Never leaves a half-made token behind.

    With ``container`` the token goes into the user's registered workstation container: the
    workstation fetches it (with a fresh secret) at its next sync, and the link in the answer,
    whose secret is stale by then, is only checked, never handed over.
    """
    params = {"type": token_type, "genkey": "1", "user": user, "description": short_description(description)}
    if realm:
        params["realm"] = realm
    if container:
        params["container_serial"] = container
    headers: dict[str, str] | None = None
    if verify:
        if ensure_verify_policy(issuer):
            ctx.stderr.write(
                "note: created the issuer's enrollment policy for activation proof "
                "(it applies only to 'issue --verify').\n"
            )
        headers = {VERIFY_HEADER: "1"}
    if two_step:
        require_two_step(issuer, token_type)
        params["2stepinit"] = "1"
    answer = issuer.init(params, headers)
    serial = answer.detail.get("serial")
    googleurl = answer.detail.get("googleurl")
    link = googleurl.get("value") if isinstance(googleurl, dict) else None
    state = str(answer.detail.get("rollout_state") or "")
    if not isinstance(serial, str) or not serial:
        raise IssuerProtocolError(
            "The issuer enrolled a token but did not say its serial; check the user's tokens."
        )
    try:
        if not isinstance(link, str) or not link.startswith("otpauth://"):
            raise IssuerProtocolError(
                f"The issuer enrolled {serial} but gave no otpauth:// activation link; the token was deleted."
            )
        if two_step and state != "clientwait":
            raise PolicyMissing(
                f"The issuer ignored the two-step request (its admin policy does not apply to you) and "
                f"made an ordinary token; {serial} was deleted. Check the admin policies."
            )
        if verify and state != "verify":
            raise PolicyMissing(
                f"The issuer did not ask for an activation proof for {serial} (state '{state}'); it was "
                "deleted. Check the enrollment policy softtoken-helpdesk-verify."
            )
        if container and answer.detail.get("container_serial") != container:
            # privacyIDEA enrolls anyway when the admin may not add tokens to containers.
            raise IssuerForbidden(
                f"The issuer enrolled {serial} but did not put it into the workstation's container "
                f"{container} (the admin policy lacks container_add_token); the token was deleted. "
                "Ask the privacyIDEA administrator to allow container_add_token, or use --no-container."
            )
        _check_link(link)
    except Exception:
        with contextlib.suppress(IssuerError):
            issuer.delete(serial)
        raise
    return Issued(serial, token_type, user, realm, "" if container else link, state, container)


def next_step(issued: Issued) -> tuple[list[str], str, str]:
    """(the command that finishes it, as argv; how the operator gives the code; what the prescriber does)."""
    if issued.rollout_state == "verify":
        return (
            ["softtoken-helpdesk", "finish-enrollment", issued.serial],
            "type the passcode the prescriber reads when asked, or give it with --otp-stdin",
            "activates it in softtoken (name, then a four-digit PIN), then reads you the six-digit "
            "passcode the app shows. Until you finish, the token cannot be used.",
        )
    if issued.rollout_state == "clientwait":
        return (
            ["softtoken-helpdesk", "finish-two-step", issued.serial],
            "type the activation code the prescriber reads when asked, or give it with --client-part-stdin",
            "activates it in softtoken (name, then a four-digit PIN); the app then shows an "
            "activation code in groups of four to read to you. Until you finish, the token cannot be used.",
        )
    return ([], "", "activates it in softtoken: name the token, then set a four-digit PIN.")


@dataclass(frozen=True)
class Delivery:
    """Where an activation goes: files (0600, new), the terminal (link, QR), or JSON."""

    png: Path | None
    link_file: Path | None
    show_qr: bool
    as_json: bool
    files_only: bool = False


def deliver(
    ctx: HelpdeskContext,
    issued: Issued,
    how: Delivery,
    *,
    before: tuple[str, ...] = (),
    after: tuple[str, ...] = (),
    steps: tuple[dict[str, str], ...] = (),
    headline: str | None = None,
    unregistered: bool = False,
) -> None:
    """Write the files, then hand the activation over. ``before``/``after`` are what else happened,
    printed before and after the "Issued" line, so the lines keep the order of the events."""
    if issued.container:
        from .container_delivery import hand_over_container

        hand_over_container(
            ctx,
            issued,
            how,
            before=before,
            after=after,
            steps=steps,
            headline=headline,
            unregistered=unregistered,
        )
        return
    png, link_file, problem = write_link_files(issued.link, how)
    # Files only, but the files failed: the link must still reach the operator, once.
    shown = Delivery(png, link_file, how.show_qr, how.as_json, how.files_only and problem is None)
    _hand_over(ctx, issued, shown, before=before, after=after, steps=steps, headline=headline)
    if problem is not None:
        raise OutputFileError(
            f"{problem.message} Token {issued.serial} is issued: its activation link is shown above "
            "(no file was kept)."
        )


def write_link_files(link: str, how: Delivery) -> tuple[Path | None, Path | None, OutputFileError | None]:
    """Write the PNG and the link file (new, 0600), all or nothing: (png, link_file, problem).

    The folders were checked before anything was issued, so a failure here is rare (a full
    disk); the caller still hands the link over on the terminal then, once.
    """
    from .qr import write_png
    from .session import write_private_file

    problem: OutputFileError | None = None
    written: list[Path] = []
    png, link_file = how.png, how.link_file
    try:
        if png is not None:
            write_png(link, png)
            written.append(png)
        if link_file is not None:
            write_private_file(link_file, link.encode() + b"\n", replace=False)
    except BaseException as exc:  # a write failed or was interrupted: keep neither file
        for path in written:
            path.unlink(missing_ok=True)
        if not isinstance(exc, OutputFileError):
            raise
        problem, png, link_file = exc, None, None
    return png, link_file, problem


def _hand_over(
    ctx: HelpdeskContext,
    issued: Issued,
    how: Delivery,
    *,
    before: tuple[str, ...],
    after: tuple[str, ...],
    steps: tuple[dict[str, str], ...],
    headline: str | None,
) -> None:
    from .qr import terminal_qr

    finish, hint, prescriber = next_step(issued)
    if how.as_json:
        body: dict[str, object] = {
            "serial": issued.serial,
            "type": issued.type,
            "user": issued.user,
            "realm": issued.realm,
            "rollout_state": issued.rollout_state,
            "link": None if how.files_only else issued.link,
            "png": str(how.png) if how.png else None,
            "link_file": str(how.link_file) if how.link_file else None,
            "finish": finish or None,
            "finish_hint": hint or None,
        }
        if steps:
            body["steps"] = list(steps)
        ctx.stdout.write(json.dumps(body, indent=2) + "\n")
        return
    out = ctx.stdout
    for line in before:
        out.write(line + "\n")
    where = f" in realm {issued.realm}" if issued.realm else ""
    out.write(
        (headline or f"Issued token {issued.serial} ({issued.type.upper()}) for {issued.user}{where}.") + "\n"
    )
    for line in after:
        out.write(line + "\n")
    if how.files_only:
        out.write("The activation link and QR code are only in the files below (not shown here).\n")
    else:
        out.write(f"Activation link (give it only to {issued.user}: it contains the token's secret):\n")
        out.write(issued.link + "\n")
        if how.show_qr:
            out.write(terminal_qr(issued.link))
    if how.png is not None:
        out.write(
            f"QR code saved to {how.png} (only you can read it; delete it once the token is activated).\n"
        )
    if how.link_file is not None:
        out.write(f"Link saved to {how.link_file} (only you can read it).\n")
    out.write(f"The prescriber {prescriber}\n")
    if finish:
        out.write(f"Then finish with:\n  {' '.join(finish)}\n  ({hint})\n")
    out.write(f"Serial: {issued.serial}. The token will be {SYNC_NOTE}.\n")
