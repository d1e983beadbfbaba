"""Who and what a command is about: the user, the realm, the token, checked before any change.

Every command that takes a user name checks it locally first
(:func:`softtoken.helpdesk.identifiers.check_user_name`): a blank name never reaches
the issuer, where it would mean "every user". A serial given together with a
user must belong to that user, checked with the issuer before anything
changes. Errors from the issuer are reworded to name the user or the serial
(:func:`about`), so no message is a bare "ERR904".
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from .client import Issuer
from .context import HelpdeskContext
from .errors import (
    IssuerForbidden,
    IssuerRefused,
    TokenOwnedElsewhere,
    UnknownRealm,
    UnknownSerial,
    UnknownUser,
    one_line,
)
from .identifiers import check_user_name, serial_from_text
from .records import TokenInfo


def user_name(text: str) -> str:
    return check_user_name(text)


def optional_user(text: str | None) -> str | None:
    return None if text is None else check_user_name(text)


def serial_name(text: str) -> str:
    return serial_from_text(text)


def resolve_realm(ctx: HelpdeskContext, issuer: Issuer) -> str | None:
    """The realm the command works in: the one given (checked to exist), else the issuer's default.

    An admin whose policies hide the realm list keeps the realm as given (or none).
    """
    if ctx.realm_checked:
        return ctx.realm
    try:
        realms = issuer.realms()
    except IssuerForbidden:
        ctx.realm_checked = True
        return ctx.realm
    if ctx.realm:
        if ctx.realm not in realms:
            known = ", ".join(sorted(realms)) or "none"
            raise UnknownRealm(
                f"The issuer has no realm '{one_line(ctx.realm, 60)}' (its realms: {known}). "
                "Check --realm or $SOFTTOKEN_ISSUER_REALM."
            )
    else:
        ctx.realm = next((name for name, default in realms.items() if default), None)
    ctx.realm_checked = True
    return ctx.realm


def where(realm: str | None) -> str:
    return f" in realm {realm}" if realm else ""


def user_tokens(ctx: HelpdeskContext, issuer: Issuer, user: str) -> list[TokenInfo]:
    """The user's tokens; an unknown user is named, with the realm that was searched."""
    realm = resolve_realm(ctx, issuer)
    try:
        return issuer.tokens(user=user, realm=realm)
    except UnknownUser:
        raise UnknownUser(
            f"There is no prescriber '{user}'{where(realm)} on the issuer; check the user name. "
            "Nothing was changed."
        ) from None


def token(ctx: HelpdeskContext, issuer: Issuer, serial: str, user: str | None = None) -> TokenInfo:
    """The token with ``serial``; with ``user``, only if it belongs to that user (else nothing changes)."""
    found = issuer.token(serial)
    if found is None:
        raise UnknownSerial(
            f"The issuer has no token {serial}; check the serial ('status USER' lists a user's tokens). "
            "Nothing was changed."
        )
    if user is not None:
        realm = resolve_realm(ctx, issuer)
        if not found.username:
            raise TokenOwnedElsewhere(
                f"Token {serial} is not linked to {user} (it has no owner). Nothing was changed."
            )
        if found.username != user or (realm and found.user_realm and found.user_realm != realm):
            raise TokenOwnedElsewhere(
                f"Token {serial} belongs to another prescriber ({found.owner}), not {user}{where(realm)}. "
                "Nothing was changed."
            )
    return found


@contextlib.contextmanager
def about(subject: str) -> Iterator[None]:
    """Reword the issuer's refusals to name ``subject`` ("token TOTP1234 of alice")."""
    try:
        yield
    except IssuerRefused as exc:
        if subject.lower() in exc.message.lower():
            raise
        raise type(exc)(f"{sentence(subject)}: {exc.message}", exc.code, exc.status) from None


def sentence(text: str) -> str:
    """``text`` with its first letter upper-case (subjects start lower-case: "token X of alice")."""
    return text[:1].upper() + text[1:]


def describe(found: TokenInfo) -> str:
    """``token TOTP1234 of alice@e2e`` / ``token HW1 (not linked to anyone)``."""
    owner = f" of {found.owner}" if found.owner else " (not linked to anyone)"
    return f"token {found.serial}{owner}"
