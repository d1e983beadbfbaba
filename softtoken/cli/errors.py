"""The one place where errors become exit codes and one-line messages.

Codes follow sysexits(3) where one fits, so scripts can tell bad input from
an unavailable keystore from a wrong PIN.
"""

from __future__ import annotations

import logging
from typing import TextIO

from softtoken.core import errors, pipes

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_DATAERR = 65  # bad link, file, image, serial or passcode
EXIT_NOINPUT = 66  # a named file is missing or unreadable
EXIT_UNAVAILABLE = 69  # no secure keystore, or it refused access
EXIT_SOFTWARE = 70  # a bug: reported without a traceback, logged in full
EXIT_NOHOST = 68  # the registered issuer cannot be reached (the tokens here keep working)
EXIT_CANTCREAT = 73  # the data folder or an output file (support bundle) cannot be made or written
EXIT_IOERR = 74  # the vault is damaged, missing or of an unknown version
EXIT_TEMPFAIL = 75  # wait and retry: lockout wait, vault busy
EXIT_PROTOCOL = 76  # the issuer refused the request or sent a reply that fails to decrypt
EXIT_NOPERM = 77  # wrong PIN, token disabled; the policy refuses the issuer (allow-list, TLS, rollover)
EXIT_CONFIG = 78  # the admin policy is bad
EXIT_BROKEN_PIPE = pipes.EXIT_BROKEN_PIPE  # 141: standard output's reader went away (| head)

# First match wins: specific kinds before their parents.
_CODES: list[tuple[type[errors.SoftTokenError], int]] = [
    (errors.SourceNotFound, EXIT_NOINPUT),
    (errors.InputError, EXIT_DATAERR),
    (errors.PolicyError, EXIT_CONFIG),
    (errors.ContainerPolicyError, EXIT_NOPERM),
    (errors.IssuerUnreachable, EXIT_NOHOST),
    (errors.IssuerRefused, EXIT_PROTOCOL),
    (errors.IssuerReplyInvalid, EXIT_PROTOCOL),
    (errors.CannotWriteFile, EXIT_CANTCREAT),
    (errors.DataDirectoryError, EXIT_CANTCREAT),
    (errors.WrongPin, EXIT_NOPERM),
    (errors.TokenDisabled, EXIT_NOPERM),
    (errors.TokenLockedOut, EXIT_TEMPFAIL),
    (errors.VaultBusy, EXIT_TEMPFAIL),
    (errors.KeystoreError, EXIT_UNAVAILABLE),
    (errors.TokenNotFound, EXIT_DATAERR),
    (errors.VaultError, EXIT_IOERR),
    (errors.SoftTokenError, EXIT_FAILURE),
]


class UsageError(errors.SoftTokenError):
    """The command line itself is wrong (beyond what argparse catches)."""


def exit_code_for(exc: BaseException) -> int:
    if isinstance(exc, UsageError):
        return EXIT_USAGE
    for kind, code in _CODES:
        if isinstance(exc, kind):
            return code
    return EXIT_SOFTWARE


def report(exc: BaseException, stderr: TextIO) -> int:
    code = exit_code_for(exc)
    if isinstance(exc, errors.SoftTokenError):
        stderr.write(f"softtoken-cli: {one_line(exc.message)}\n")
    else:
        from softtoken.core.logsafe import log_bug

        log_bug(log, exc)
        stderr.write(
            "softtoken-cli: something went wrong inside softtoken (a bug). Nothing was changed. "
            "Run again with --debug and send the output to your help desk.\n"
        )
    return code


def one_line(text: str) -> str:
    """A message on one line, whatever it names (a path with a line break in it)."""
    return " ".join(text.split())
