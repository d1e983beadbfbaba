"""The security chip's errors.

The ones a prescriber reads live in ``core/errors.py`` with all the others
(subclasses of core's, so every front end maps them already):
``ChipUnavailable`` (a ``KeystoreUnavailable``: no TPM, no permission, no
library), ``ChipLockedOut`` (a ``TokenLockedOut``: the TPM's own
dictionary-attack lockout), ``ChipMismatch`` (a ``KeystoreEntryMissing``: the
token was made in another TPM). The two here are internal signals.
"""

from __future__ import annotations

from ..errors import ChipLockedOut, ChipMismatch, ChipUnavailable

__all__ = ["AuthFailed", "ChipLockedOut", "ChipMismatch", "ChipUnavailable", "InLockout"]


class AuthFailed(Exception):
    """Internal: the TPM checked the authorization and it was wrong (TPM_RC_AUTH_FAIL).

    Not a SoftTokenError: the vault turns it into its own wrong-PIN answer.
    """


class InLockout(Exception):
    """Internal: the TPM is in dictionary-attack lockout (TPM_RC_LOCKOUT); nothing was checked."""
