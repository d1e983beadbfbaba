"""Issuing a soft token on the issuer and handing its activation over (link + QR code).

The activation link is the one place the console shows a seed: it is what the
console exists to deliver. It goes to standard output, to a PNG (0600) if
asked, and to a link file (0600) if asked; never to a log.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from .client import Issuer
from .context import HelpdeskContext
from .errors import IssuerError, IssuerProtocolError, IssuerRefused, PolicyMissing, one_line
from .policies import VERIFY_HEADER, ensure_verify_policy, require_two_step

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

    def __repr__(self) -> str:  # the link holds the seed
        return f"Issued(serial={self.serial!r}, type={self.type!r}, user={self.user!r})"


def stamp(ctx: HelpdeskContext) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(ctx.now()))


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
    token_type: str,
    verify: bool,
    two_step: bool,
    description: str,
) -> Issued:
    """/token/init genkey=1 for ``user``; returns the activation. Never leaves a half-made token behind."""
    params = {"type": token_type, "genkey": "1", "user": user, "description": short_description(description)}
    if ctx.realm:
        params["realm"] = ctx.realm
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
        _check_link(link)
    except Exception:
        with contextlib.suppress(IssuerError):
            issuer.delete(serial)
        raise
    return Issued(serial, token_type, user, ctx.realm, link, state)


def next_step(issued: Issued) -> tuple[str, str]:
    """(command to finish, what the prescriber does) for the token's rollout state."""
    if issued.rollout_state == "verify":
        return (
            f"softtoken-helpdesk finish-enrollment {issued.serial}   (then type the passcode)",
            "activates it in softtoken (name, then a four-digit PIN), then reads you the six-digit "
            "passcode the app shows. Until you finish, the token cannot be used.",
        )
    if issued.rollout_state == "clientwait":
        return (
            f"softtoken-helpdesk finish-two-step {issued.serial}   (then type the activation code)",
            "activates it in softtoken (name, then a four-digit PIN); the app then shows an "
            "activation code in groups of four to read to you. Until you finish, the token cannot be used.",
        )
    return ("", "activates it in softtoken: name the token, then set a four-digit PIN.")


def deliver(
    ctx: HelpdeskContext,
    issued: Issued,
    *,
    png: Path | None,
    link_file: Path | None,
    show_qr: bool,
    as_json: bool,
) -> None:
    from .errors import OutputFileError
    from .qr import write_png
    from .session import write_private_file

    # The folders were checked before issuing, so a failure here is rare (a full disk). The
    # token exists on the issuer by now: the files are all or nothing (no copy of the secret
    # left behind by halves), and the link is still handed over on the terminal below.
    problem: OutputFileError | None = None
    written: list[Path] = []
    try:
        if png is not None:
            write_png(issued.link, png)
            written.append(png)
        if link_file is not None:
            write_private_file(link_file, issued.link.encode() + b"\n", replace=False)
    except BaseException as exc:  # a write failed or was interrupted: keep neither file
        for path in written:
            path.unlink(missing_ok=True)
        if not isinstance(exc, OutputFileError):
            raise
        problem, png, link_file = exc, None, None
    _hand_over(ctx, issued, png=png, link_file=link_file, show_qr=show_qr, as_json=as_json)
    if problem is not None:
        raise OutputFileError(
            f"{problem.message} Token {issued.serial} is issued: its activation link is shown above "
            "(no file was kept)."
        )


def _hand_over(
    ctx: HelpdeskContext,
    issued: Issued,
    *,
    png: Path | None,
    link_file: Path | None,
    show_qr: bool,
    as_json: bool,
) -> None:
    from .qr import terminal_qr

    finish, prescriber = next_step(issued)
    if as_json:
        body = {
            "serial": issued.serial,
            "type": issued.type,
            "user": issued.user,
            "realm": issued.realm,
            "rollout_state": issued.rollout_state,
            "link": issued.link,
            "png": str(png) if png else None,
            "link_file": str(link_file) if link_file else None,
            "finish": finish or None,
        }
        ctx.stdout.write(json.dumps(body, indent=2) + "\n")
        return
    out = ctx.stdout
    where = f" in realm {issued.realm}" if issued.realm else ""
    out.write(f"Issued token {issued.serial} ({issued.type.upper()}) for {issued.user}{where}.\n")
    out.write(f"Activation link (give it only to {issued.user}: it contains the token's secret):\n")
    out.write(issued.link + "\n")
    if show_qr:
        out.write(terminal_qr(issued.link))
    if png is not None:
        out.write(f"QR code saved to {png} (only you can read it; delete it once the token is activated).\n")
    if link_file is not None:
        out.write(f"Link saved to {link_file} (only you can read it).\n")
    out.write(f"The prescriber {prescriber}\n")
    if finish:
        out.write(f"Then finish with:\n  {finish}\n")
    out.write(f"Serial: {issued.serial}. The token will be {SYNC_NOTE}.\n")
