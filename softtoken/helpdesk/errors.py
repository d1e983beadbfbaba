"""The help-desk console's errors, and the one place where errors become exit codes.

Every message is one line a help-desk person can act on. None carries a seed,
an admin password, a JWT or a passcode. Codes follow sysexits(3), as in
``softtoken-cli``, so a script can tell a refusal from an outage.
"""

from __future__ import annotations

import logging
from typing import TextIO

from softtoken.core import errors, pipes

log = logging.getLogger(__name__)

PROG = "softtoken-helpdesk"

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_DATAERR = 65  # bad serial or passcode; the issuer refused (wrong passcode, owner, unknown)
EXIT_NOINPUT = 66  # a named file is missing or unreadable
EXIT_UNAVAILABLE = 69  # the issuer cannot be reached
EXIT_SOFTWARE = 70  # a bug: reported without a traceback, logged in full with --debug
EXIT_CANTCREAT = 73  # an output file (PNG, link) exists already or cannot be written
EXIT_PROTOCOL = 76  # the issuer answered something that is not privacyIDEA's JSON, or a bad signature
EXIT_NOPERM = 77  # wrong admin password, session expired, the issuer forbids the action
EXIT_CONFIG = 78  # the session file or the console's settings are unusable
EXIT_BROKEN_PIPE = pipes.EXIT_BROKEN_PIPE  # 141: standard output's reader went away (| head)


class IssuerError(errors.SoftTokenError):
    """Root of the console's own errors."""


class UsageError(IssuerError):
    """The command line is wrong beyond what argparse catches."""


class ConsoleSetupError(IssuerError):
    """The console is not set up: no server URL, an unsafe URL, an unusable session file."""


class OutputFileError(IssuerError):
    """An output file (QR code PNG, link file) exists already or cannot be written."""


class IssuerUnavailable(IssuerError):
    """The issuer does not answer (refused, timed out, TLS failure)."""


class IssuerProtocolError(IssuerError):
    """The answer is not privacyIDEA's JSON, the nonce or signature does not match, or a 5xx."""


class IssuerAuthError(IssuerError):
    """Wrong admin name or password, or no valid session."""


class SessionExpired(IssuerAuthError):
    """The saved session (JWT) expired or the issuer no longer accepts it."""


class IssuerForbidden(IssuerAuthError):
    """The issuer's admin policies do not allow this admin the action."""


class IssuerRefused(IssuerError):
    """The issuer refused the request (its error code and message are kept)."""

    def __init__(
        self,
        message: str,
        code: int | None = None,
        status: int | None = None,
        *,
        params: errors.Params = None,
    ) -> None:
        super().__init__(message, params=params)
        self.code = code
        self.status = status


class UnknownUser(IssuerRefused):
    """The user does not exist in the realm."""


class UnknownRealm(IssuerRefused):
    """The realm given with --realm (or $SOFTTOKEN_ISSUER_REALM) does not exist on the issuer."""


class UnknownSerial(IssuerRefused):
    """No token with that serial on the issuer."""


class TokenRevoked(IssuerRefused):
    """The token is revoked or locked for good (privacyIDEA answers 400 ERR1007)."""


class TokenOwnedElsewhere(IssuerRefused):
    """The token belongs to another user."""


class WrongPasscode(IssuerRefused):
    """The passcode does not match the token."""


class ImportRefused(IssuerRefused):
    """The issuer imported none (or not all) of the tokens in a key file."""


class PolicyMissing(IssuerRefused):
    """The issuer lacks a policy the requested kind of activation needs."""


# First match wins: specific kinds before their parents.
_CODES: list[tuple[type[errors.SoftTokenError], int]] = [
    (UsageError, EXIT_USAGE),
    (errors.SourceNotFound, EXIT_NOINPUT),
    (errors.InputError, EXIT_DATAERR),
    (OutputFileError, EXIT_CANTCREAT),
    (ConsoleSetupError, EXIT_CONFIG),
    (IssuerUnavailable, EXIT_UNAVAILABLE),
    (IssuerProtocolError, EXIT_PROTOCOL),
    (IssuerAuthError, EXIT_NOPERM),
    (IssuerRefused, EXIT_DATAERR),
    (errors.SoftTokenError, EXIT_FAILURE),
]


def exit_code_for(exc: BaseException) -> int:
    if isinstance(exc, BrokenPipeError):  # the reader of standard output went away (| head)
        return EXIT_BROKEN_PIPE
    for kind, code in _CODES:
        if isinstance(exc, kind):
            return code
    return EXIT_SOFTWARE


def report(exc: BaseException, stderr: TextIO) -> int:
    code = exit_code_for(exc)
    if code == EXIT_BROKEN_PIPE:
        return code  # nothing to say: the one who would read it has gone
    if isinstance(exc, errors.SoftTokenError):
        stderr.write(f"{PROG}: {one_line(exc.message)}\n")
    else:
        from softtoken.core.logsafe import log_bug

        log_bug(log, exc)
        stderr.write(
            f"{PROG}: something went wrong inside the console (a bug). Check the token on the "
            "issuer before trying again; run with --debug and send the output to the developers.\n"
        )
    return code


def one_line(text: str, limit: int = 400) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
