"""The security chip's errors: subclasses of core's, so every front end maps them already.

- :class:`ChipUnavailable` (a ``KeystoreUnavailable``): no TPM, no permission, no library;
- :class:`ChipLockedOut` (a ``TokenLockedOut``): the TPM's own dictionary-attack lockout;
- :class:`ChipMismatch` (a ``KeystoreEntryMissing``): the token was made in another chip.
"""

from __future__ import annotations

from ..errors import KeystoreEntryMissing, KeystoreUnavailable, TokenLockedOut


class ChipUnavailable(KeystoreUnavailable):
    """The computer's security chip (TPM 2.0) cannot be used: absent, not permitted, no library."""


class ChipLockedOut(TokenLockedOut):
    """The TPM refuses PIN checks for a while after repeated wrong PINs (its own lockout)."""


class ChipMismatch(KeystoreEntryMissing):
    """The token's key was made in another TPM (a copied data folder) or the TPM was cleared."""


class AuthFailed(Exception):
    """Internal: the TPM checked the authorization and it was wrong (TPM_RC_AUTH_FAIL).

    Not a SoftTokenError: the vault turns it into its own wrong-PIN answer.
    """


class InLockout(Exception):
    """Internal: the TPM is in dictionary-attack lockout (TPM_RC_LOCKOUT); nothing was checked."""
