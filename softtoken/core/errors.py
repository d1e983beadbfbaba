"""The one exception tree of softtoken.

Every error a prescriber or help desk can meet is a :class:`SoftTokenError`
whose message is one plain sentence saying what went wrong and what to do.
Messages never contain a seed, a PIN or a passcode. Front ends map the
subclasses to dialogs or exit codes in one place each (``cli/errors.py``,
``gui/errors.py``).
"""

from __future__ import annotations

from collections.abc import Mapping

Params = Mapping[str, object] | None  # a message template's names and numbers


class Words(str):
    """A message parameter that is itself words ("time step", "activation link"), not a name.

    The English message uses it as it is; a front end translates it (in the same
    "core" context as the templates) before filling it into the translated template.
    """

    __slots__ = ()


class Sentence(str):
    """Another error's whole message as a parameter ("Entry 2 of 3 (ACME): {problem}").

    It reads as that error's English sentence; a front end translates it by the
    error's own template and parameters (:attr:`template`, :attr:`params`).
    """

    template: str
    params: dict[str, object]

    def __new__(cls, error: SoftTokenError) -> Sentence:
        made = super().__new__(cls, error.message)
        made.template = error.template
        made.params = dict(error.params)
        return made


class SoftTokenError(Exception):
    """Root of every error softtoken raises on purpose.

    ``message`` is a template when ``params`` are given: ``"{left} attempts left"``
    with ``params={"left": 3}``. The template is the message id a front end
    translates (Qt's convention: the English source text is the id); the
    parameters are filled in after translation. Parameters are names and
    numbers, never a secret.
    """

    def __init__(self, message: str, *, params: Params = None) -> None:
        self.template = message
        self.params: dict[str, object] = dict(params or {})
        self.message = message.format(**self.params) if self.params else message
        super().__init__(self.message)

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


class SeedReused(ActivationError):
    """The seed was already used by a token on this workstation (NIST: never reuse a secret)."""


class MigrationError(ActivationError):
    """A Google Authenticator export (otpauth-migration) cannot be used."""


class PskcError(ActivationError):
    """A PSKC key file is unreadable, or its password or key is wrong."""


class PskcSecretRequired(PskcError):
    """The PSKC key file is encrypted and needs its password or pre-shared key."""

    def __init__(self, message: str, kind: str, *, params: Params = None) -> None:
        super().__init__(message, params=params)
        self.kind = kind  # "password" or "psk"


class QrCodeError(ActivationError):
    """No usable QR code in the image or on the screen."""


class SourceNotFound(InputError):
    """A file named on the command line or in a dialog does not exist or cannot be read."""


class SerialError(InputError):
    """A hard-token serial number is not valid."""


class PasscodeEntryError(InputError):
    """A typed passcode is not six digits."""


class PolicyError(SoftTokenError):
    """The administrator's policy file is unreadable or has a bad key or value."""


class PinRejected(InputError):
    """A new PIN breaks the PIN rules (length, digits only, too common, mismatch)."""


class VaultError(SoftTokenError):
    """Something is wrong with the token vault itself."""


class VaultCorrupt(VaultError):
    """The vault file fails to decode or authenticate (not a wrong PIN)."""

    def __init__(self, message: str, path: str, backup: str | None = None, *, params: Params = None) -> None:
        super().__init__(message, params=params)
        self.path = path
        self.backup = backup


class VaultMissing(VaultError):
    """The vault file is gone but its backup is there: never silently start empty."""

    def __init__(self, message: str, backup: str, *, params: Params = None) -> None:
        super().__init__(message, params=params)
        self.backup = backup


class UnsupportedVaultVersion(VaultError):
    """The vault was written by a newer softtoken."""


class VaultBusy(VaultError):
    """Another softtoken window or command holds the vault lock."""


class VaultChanged(VaultError):
    """The vault changed on disk since it was read; nothing was overwritten."""


class KeystoreError(VaultError):
    """The operating system keystore is missing, locked or refuses access."""


class KeystoreUnavailable(KeystoreError):
    """No secure keystore (Secret Service, Keychain, Credential Locker) is available."""


class KeystoreEntryMissing(KeystoreError):
    """The keystore no longer holds the key for this vault or token."""


class ChipUnavailable(KeystoreUnavailable):
    """The computer's security chip (TPM 2.0) cannot be used: absent, not permitted, no library."""


class ChipMismatch(KeystoreEntryMissing):
    """The token's key was made in another TPM (a copied data folder) or the TPM was cleared."""


class TokenNotFound(VaultError):
    """No token by that name on this workstation."""


class TokenNameError(InputError):
    """A token name is empty, too long or already used."""


class TokenStateError(VaultError):
    """The token cannot be used in its present state."""


class TokenDisabled(TokenStateError):
    """The token was disabled after too many wrong PINs; only replacement helps."""


class TokenLockedOut(TokenStateError):
    """Too many wrong PINs in a row: wait before the next try."""

    def __init__(self, message: str, wait_seconds: int, *, params: Params = None) -> None:
        super().__init__(message, params=params)
        self.wait_seconds = wait_seconds


class ChipLockedOut(TokenLockedOut):
    """The TPM refuses PIN checks for a while after repeated wrong PINs (its own lockout)."""


class WrongPin(SoftTokenError):
    """The PIN did not unlock the token. Carries what the user needs to know next."""

    def __init__(
        self,
        message: str,
        attempts_left: int,
        wait_seconds: int,
        disabled: bool,
        *,
        params: Params = None,
    ) -> None:
        super().__init__(message, params=params)
        self.attempts_left = attempts_left
        self.wait_seconds = wait_seconds
        self.disabled = disabled


class AuditError(SoftTokenError):
    """The audit log cannot be written or failed verification."""


class TextInputError(InputError):
    """Standard input or a text file is not UTF-8 text, or holds far more than it should."""


class CannotWriteFile(SoftTokenError):
    """A file softtoken was asked to save (a support bundle) cannot be created or written.

    Nothing half-written is left behind, and an existing file is never overwritten.
    """


class DataDirectoryError(SoftTokenError):
    """The data folder (``--home``, ``$SOFTTOKEN_HOME``) is not a folder softtoken can write in."""


class ClientPartError(InputError):
    """A two-step activation code (base32check) typed from the app is malformed or mistyped."""


# ---------------------------------------------------------------- token containers (issue 15)


class ContainerLinkError(LinkError):
    """A pia://container registration link is malformed, cut short or not a registration."""


class ContainerLinkGiven(ActivationError):
    """A workstation registration link was handed to a path that activates single tokens."""


class RegistrationExpired(InputError):
    """The registration link's time to live is over: the help desk makes a new one."""


class DeliveryNotFound(InputError):
    """No token delivered by the issuer waits under that serial."""


class ContainerPolicyError(SoftTokenError):
    """The policy refuses this issuer: not on the allow-list, unverified TLS, plain http elsewhere."""


class RolloverNotAllowed(ContainerPolicyError):
    """The issuer's policy does not let this workstation move its tokens by itself."""


class ContainerStateError(SoftTokenError):
    """The workstation's registration is not in the state the action needs."""


class AlreadyRegistered(ContainerStateError):
    """The workstation is already registered with an issuer."""


class NotRegistered(ContainerStateError):
    """The workstation is not registered with an issuer."""


class IssuerError(SoftTokenError):
    """Talking to the registered issuer failed; the tokens already here keep working."""


class IssuerUnreachable(IssuerError):
    """The issuer could not be reached (network, DNS, TLS, timeout)."""


class IssuerRefused(IssuerError):
    """The issuer answered with an error; ``detail`` is its code and English message (plain text).

    ``code`` is privacyIDEA's error code when it sent one (3001: not registered,
    3002: signature refused, 303: a policy forbids it).
    """

    def __init__(self, message: str, code: int | None = None, *, params: Params = None) -> None:
        super().__init__(message, params=params)
        self.code = code


class IssuerReplyInvalid(IssuerError):
    """The issuer's reply is malformed or fails to decrypt (tampered with on the way)."""
