"""``link-hard-token`` and ``import-pskc``: vendor hard tokens on the issuer."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

from softtoken.core.errors import InputError, PskcError

from . import targets
from .context import HelpdeskContext, add_stdin_flag
from .entry import hard_passcode
from .errors import (
    ImportRefused,
    IssuerRefused,
    TokenOwnedElsewhere,
    TokenRevoked,
    UnknownSerial,
    UsageError,
    WrongPasscode,
)
from .issuing import SYNC_NOTE

MAX_PSKC = 4 * 1024 * 1024
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    link = sub.add_parser(
        "link-hard-token",
        help="link a hard token to a prescriber by its serial and a passcode from it",
        description="The serial number is on the back of the token, below the bar code; the "
        "six-digit passcode appears when the prescriber presses the token's button. The passcode "
        "is checked against that serial first; nothing changes unless it matches.",
    )
    link.add_argument("user", metavar="USER")
    link.add_argument(
        "--serial", required=True, metavar="S", help="serial number (spaces and dashes are fine)"
    )
    add_stdin_flag(link, "--otp-stdin", "a fresh six-digit passcode from the token")
    link.set_defaults(run=run_link)

    load = sub.add_parser(
        "import-pskc",
        help="import a vendor's PSKC key file into the issuer",
        description="Import the hard tokens in a vendor's PSKC file (RFC 6030) into the issuer, "
        "unassigned. An encrypted file needs its pre-shared key (--psk-file) or its password "
        "(--password-stdin, or asked for on the terminal).",
    )
    load.add_argument("file", type=Path, metavar="FILE")
    secret = load.add_mutually_exclusive_group()
    secret.add_argument("--psk-file", type=Path, metavar="F", help="the pre-shared key (32 hex digits) in F")
    secret.add_argument("--password-stdin", action="store_true", help="read the file's password from stdin")
    load.set_defaults(run=run_import)


def run_link(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    user = targets.user_name(args.user)
    serial = targets.serial_name(args.serial)
    otp = hard_passcode(ctx.secret("passcode", args.otp_stdin, "--otp-stdin"))
    issuer = ctx.issuer()
    realm = targets.resolve_realm(ctx, issuer)
    # Owner and state first: a token of someone else is refused before its fail counter is touched.
    token = issuer.token(serial)
    if token is None:
        raise UnknownSerial(
            f"The issuer has no token with serial {serial}. Check the serial number on the back of "
            "the token, below the bar code; if it is right, import the vendor's key file first "
            "(import-pskc). Nothing was changed."
        )
    if token.username:
        if token.username == user and (not realm or token.user_realm == realm):
            ctx.stdout.write(f"Token {serial} is already linked to {user}; nothing was changed.\n")
            return 0
        raise TokenOwnedElsewhere(
            f"Token {serial} is already linked to another prescriber ({token.username}). Nothing was "
            "changed. If the token really changed hands, run "
            f"'softtoken-helpdesk unassign --serial {serial}' first."
        )
    if token.revoked or token.locked:
        raise TokenRevoked(
            f"Token {serial} is revoked (locked for good) and cannot be linked. Nothing was changed."
        )
    if not token.active:
        raise IssuerRefused(
            f"Token {serial} is disabled on the issuer; enable it first. Nothing was changed."
        )
    if token.type not in ("hotp", "totp"):
        raise IssuerRefused(
            f"Token {serial} is a '{token.type}' token, not a passcode token. Nothing was changed."
        )
    targets.user_tokens(ctx, issuer, user)  # the user must exist before a passcode is spent
    with targets.about(f"token {serial}"):
        verdict = issuer.validate(otp, serial=serial)
    if not verdict.accepted:
        if "Failcounter exceeded" in verdict.message:
            raise WrongPasscode(
                f"Token {serial} has had too many wrong passcodes; an administrator must reset its "
                "fail counter on the issuer first. Nothing was linked."
            )
        if "disabled" in verdict.message.lower():
            raise IssuerRefused(
                f"Token {serial} is disabled on the issuer; enable it first. Nothing was linked."
            )
        raise WrongPasscode(
            f"The passcode does not match token {serial}. Nothing was linked. Check the serial "
            "number on the back, below the bar code; then press the token's button and type the new "
            "six digits."
        )
    with targets.about(f"token {serial}"):
        issuer.assign(serial, user, realm)
    ctx.stdout.write(
        f"Token {serial} is now linked to {user}{targets.where(realm)}. It will be {SYNC_NOTE}.\n"
    )
    return 0


@dataclass(frozen=True)
class PskcOutline:
    serials: tuple[str, ...]
    encrypted: bool
    uses_password: bool


def outline_pskc(data: bytes) -> PskcOutline:
    """Serials and encryption of a PSKC file, read without decrypting anything."""
    import io

    if len(data) > MAX_PSKC:
        raise PskcError("The key file is too large to be a PSKC file.")
    try:
        from pskc import PSKC

        container = PSKC(io.BytesIO(data))
        keys = list(container.keys)
        ids = [key.id for key in keys]
        serials = [key.serial or key.id for key in keys]
        encrypted = bool(container.encryption.is_encrypted)
        uses_password = bool(container.encryption.derivation.algorithm)
    except Exception:  # noqa: BLE001 - the XML layer raises many kinds; none may escape
        raise PskcError("The file is not a valid PSKC key file. Ask the vendor for the file again.") from None
    if not keys:
        raise PskcError("The key file holds no tokens.")
    for position, key_id in enumerate(ids, start=1):
        if not key_id:
            raise PskcError(
                "Key {position} in the file has no Id attribute; privacyIDEA 3.14 cannot import "
                "such a file (it fails with an internal error). Ask the vendor for a file with key Ids.",
                params={"position": position},
            )
    if not all(serials):
        raise PskcError("A key in the file has no serial number; the issuer could not link it.")
    return PskcOutline(tuple(str(s) for s in serials), encrypted, uses_password)


def _read_psk(path: Path) -> str:
    """The key as hex for the issuer: core's rule (:func:`parse_psk`), then privacyIDEA's limit."""
    from softtoken.core.activation.pskc import parse_psk
    from softtoken.core.activation.sources import read_file

    key = parse_psk(read_file(path, 64 * 1024, "a pre-shared key file"), file=path.name)
    if len(key) != 16:
        raise InputError(
            "{file} holds a {bits}-bit key; privacyIDEA imports only AES-128 keys "
            "(32 hex digits). Ask the vendor for the file encrypted with an AES-128 key.",
            params={"file": path.name, "bits": len(key) * 8},
        )
    return key.hex()


def run_import(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    from softtoken.core.activation.sources import read_file

    path: Path = args.file
    data = read_file(path, MAX_PSKC, "a PSKC key file")
    outline = outline_pskc(data)
    psk_hex: str | None = None
    password: str | None = None
    if outline.encrypted:
        if outline.uses_password:
            if args.psk_file:
                raise UsageError("This key file is protected by a password, not a pre-shared key.")
            password = ctx.secret("key file's password", args.password_stdin, "--password-stdin")
        else:
            if not args.psk_file:
                raise UsageError(
                    "This key file is encrypted with a pre-shared key: give it with --psk-file "
                    "(the vendor sends it separately)."
                )
            psk_hex = _read_psk(args.psk_file)
    issuer = ctx.issuer()
    realm = targets.resolve_realm(ctx, issuer)
    existing = [s for s in outline.serials if issuer.token(s) is not None]
    if existing:
        raise ImportRefused(
            f"The issuer already has token(s) {', '.join(existing)}; importing again would replace "
            "their secrets. Nothing was imported."
        )
    name = _SAFE_NAME.sub("_", path.name)[:64].strip("._") or "tokens.pskc"
    imported, refused = issuer.load_pskc(name, data, realm=realm, psk_hex=psk_hex, password=password)
    if imported == 0:
        raise ImportRefused(
            "The issuer imported none of the {total} tokens: the file's integrity "
            "check (MAC) failed, so it was changed after the vendor made it, or its key is wrong. "
            "Ask the vendor for the file again.",
            params={"total": imported + refused},
        )
    where = f" into realm {realm}" if realm else ""
    ctx.stdout.write(
        f"Imported {imported} token(s){where}, {refused} refused; the file holds: "
        f"{', '.join(outline.serials)}.\n"
    )
    if refused:
        raise ImportRefused(
            "The issuer refused {refused} of the {total} tokens (integrity check "
            "failed); ask the vendor for those again.",
            params={"refused": refused, "total": imported + refused},
        )
    ctx.stdout.write(
        "They are not linked to anyone yet: 'softtoken-helpdesk link-hard-token USER --serial S' "
        "(then the passcode when asked) links each to its prescriber; 'stock' lists them.\n"
    )
    return 0
