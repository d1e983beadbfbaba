"""The one exception tree of softtoken.

Every error a prescriber or help desk can meet is a :class:`SoftTokenError`
whose message is one plain sentence saying what went wrong and what to do.
Messages never contain a seed, a PIN or a passcode. Front ends map the
subclasses to dialogs or exit codes in one place each (``cli/errors.py``,
``gui/errors.py``).
"""

from __future__ import annotations


class SoftTokenError(Exception):
    """Root of every error softtoken raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(SoftTokenError):
    """Something the user handed in (a link, file, image, serial, passcode) is not usable."""


class ActivationError(InputError):
    """An activation link, QR code or key file cannot activate a token."""


class LinkError(ActivationError):
    """An activation link is malformed, cut short or of the wrong kind."""


class HardTokenLinkError(LinkError):
    """The link is meant for a hard token (or a web page), not for this app."""


class WeakSeedError(ActivationError):
    """The seed is shorter than the 128 bits RFC 4226 requires."""


class UnsupportedTokenError(ActivationError):
    """Algorithm, digits, period or token type that softtoken does not support."""


class MigrationError(ActivationError):
    """A Google Authenticator export (otpauth-migration) cannot be used."""


class PskcError(ActivationError):
    """A PSKC key file is unreadable, or its password or key is wrong."""


class PskcSecretRequired(PskcError):
    """The PSKC key file is encrypted and needs its password or pre-shared key."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind  # "password" or "psk"


class QrCodeError(ActivationError):
    """No usable QR code in the image or on the screen."""


class SourceNotFound(InputError):
    """A file named on the command line or in a dialog does not exist or cannot be read."""


class SerialError(InputError):
    """A hard-token serial number is not valid."""


class PasscodeEntryError(InputError):
    """A typed passcode is not six digits."""
