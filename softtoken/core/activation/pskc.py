"""PSKC key files (RFC 6030) through python-pskc.

python-pskc reads plain, pre-shared-key (AES-CBC + HMAC) and PBKDF2-password
files. Anything it raises is turned into a :class:`PskcError` at this one
boundary; defusedxml (a dependency) keeps it safe from XML bombs.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from ..errors import PskcError, PskcSecretRequired, SerialError, UnsupportedTokenError
from ..hardtoken import normalise_serial
from ..otp import Algorithm, TokenType, parse_algorithm
from ..secret import Secret
from ..token import PinPolicyHint, TokenDescription

log = logging.getLogger(__name__)

MAX_FILE = 4 * 1024 * 1024
_TYPES = {"hotp": TokenType.HOTP, "totp": TokenType.TOTP}
_UNREADABLE = "The key file is not a valid PSKC file. Ask the token vendor or issuer for the file again."


def _open(data: bytes) -> Any:
    from pskc import PSKC  # deferred: start-up never pays for PSKC
    from pskc.exceptions import PSKCError

    if len(data) > MAX_FILE:
        raise PskcError("The key file is too large to be a PSKC file.")
    try:
        return PSKC(io.BytesIO(data))
    except PSKCError as exc:
        log.info("PSKC parse error: %s", type(exc).__name__)
        raise PskcError(_UNREADABLE) from None
    except Exception as exc:  # noqa: BLE001 - the XML layer raises many kinds; none may escape
        log.info("PSKC XML error: %s", type(exc).__name__)
        raise PskcError(_UNREADABLE) from None


def _unlock(container: Any, password: str | None, psk: bytes | None) -> None:
    from pskc.exceptions import PSKCError

    enc = container.encryption
    if not enc.is_encrypted:
        return
    uses_password = bool(enc.derivation.algorithm)
    if uses_password and password is None:
        raise PskcSecretRequired(
            "The key file is protected by a password: enter the password the vendor sent with it.",
            "password",
        )
    if not uses_password and psk is None:
        raise PskcSecretRequired(
            "The key file is encrypted with a pre-shared key: give the key file (32 hex digits) "
            "the vendor sent separately.",
            "psk",
        )
    try:
        if uses_password:
            enc.derive_key(password)
        else:
            enc.key = psk
    except PSKCError:
        raise PskcError(
            "The key file's protection is not supported or is incomplete. Ask the vendor for a new file."
        ) from None


def _value(key: Any, attribute: str) -> Any:
    from pskc.exceptions import DecryptionError, PSKCError

    try:
        return getattr(key, attribute)
    except DecryptionError as exc:
        reason = str(exc).lower()
        if "mac" in reason:
            raise PskcError(
                "The key file failed its integrity check: it was changed or damaged, or the "
                "password or key is wrong."
            ) from None
        raise PskcError("The password or key for this key file is wrong. Check it and try again.") from None
    except (PSKCError, ValueError, TypeError, OverflowError):
        raise PskcError(_UNREADABLE) from None


def _describe(key: Any, position: int) -> TokenDescription:
    label = {"label": str(key.serial or key.id or f"#{position}")[:40]}  # "#2": the second key
    algorithm_uri = (key.algorithm or "").lower()
    kind = algorithm_uri.rsplit(":", 1)[-1].rsplit("#", 1)[-1]
    if kind not in _TYPES:
        raise UnsupportedTokenError(
            "Key '{label}' in the file is not a HOTP or TOTP token. "
            "Ask the vendor for an OATH HOTP or TOTP key file.",
            params=label,
        )
    if key.policy.unknown_policy_elements or (key.policy.key_usage and "OTP" not in key.policy.key_usage):
        raise PskcError(
            "The key file forbids using key '{label}' for passcodes (RFC 6030 policy).", params=label
        )
    if key.response_encoding not in (None, "DECIMAL"):
        raise UnsupportedTokenError(
            "Key '{label}' makes {encoding} passcodes; softtoken makes decimal passcodes only.",
            params={**label, "encoding": str(key.response_encoding)[:20]},
        )
    raw_secret = _value(key, "secret")
    if not raw_secret:
        raise PskcError("Key '{label}' in the file has no secret.", params=label)
    secret = Secret(raw_secret)
    del raw_secret
    algorithm = parse_algorithm(key.algorithm_suite) if key.algorithm_suite else Algorithm.SHA1
    counter = _value(key, "counter") or 0
    interval = _value(key, "time_interval") or 30
    offset = _value(key, "time_offset") or 0
    if offset:
        secret.wipe()
        raise UnsupportedTokenError(
            "Key '{label}' counts time from a start other than 1970 (T0); softtoken does not support that.",
            params=label,
        )

    policy = key.policy
    hint = None
    if policy.pin_min_length or policy.pin_max_length or policy.pin_max_failed_attempts:
        hint = PinPolicyHint(
            min_length=policy.pin_min_length,
            max_length=policy.pin_max_length,
            max_failed_attempts=policy.pin_max_failed_attempts,
        )
    serial = ""
    raw_serial = key.serial or key.id or ""
    if raw_serial:
        try:
            serial = normalise_serial(str(raw_serial))
        except SerialError:  # an odd vendor serial is kept as written
            serial = str(raw_serial).strip()[:64]
    return TokenDescription(
        type=_TYPES[kind],
        secret=secret,
        algorithm=algorithm,
        digits=int(key.response_length or 6),
        period=int(interval),
        counter=int(counter),
        issuer=str(key.issuer or key.manufacturer or "")[:200],
        account=str(key.key_userid or key.device_userid or "")[:200],
        serial=serial,
        source="pskc",
        pin_policy=hint,
    )


PSK_SIZES = (16, 24, 32)  # AES-128, AES-192, AES-256 (RFC 6030 section 6.1)
_PSK_SEPARATORS = " \t\r\n-:"


def parse_psk(data: bytes | str, file: str | None = None) -> bytes:
    """A PSKC pre-shared key, by the one rule every front end uses.

    The key is 32, 48 or 64 hex digits (AES-128, -192, -256), upper or lower
    case; spaces, tabs, line breaks, '-' and ':' anywhere are ignored (vendors
    print keys in groups). The bytes of a key *file* may instead be exactly
    16, 24 or 32 raw bytes; hex is tried first. ``file`` names the file for
    the message; typed text has none.
    """
    raw = data.encode("utf-8", "replace") if isinstance(data, str) else bytes(data)
    digits = bytes(b for b in raw if chr(b) not in _PSK_SEPARATORS)
    if len(digits) in (2 * n for n in PSK_SIZES) and all(chr(b) in "0123456789abcdefABCDEF" for b in digits):
        return bytes.fromhex(digits.decode("ascii"))
    if isinstance(data, bytes | bytearray) and len(raw) in PSK_SIZES:
        return raw
    if file is None:
        raise PskcError(
            "The key must be 32, 48 or 64 hex digits (0-9 and A-F). Check it and open the key file again."
        )
    raise PskcError(
        "{file} does not hold a pre-shared key (32, 48 or 64 hex digits). "
        "Use the key file the vendor sent separately.",
        params={"file": file},
    )


def read_pskc(
    data: bytes, *, password: str | None = None, psk: bytes | None = None
) -> list[TokenDescription]:
    """Every key in a PSKC file, or an error; nothing is half-read."""
    container = _open(data)
    _unlock(container, password, psk)
    keys = list(container.keys)
    if not keys:
        raise PskcError("The key file holds no keys.")
    tokens: list[TokenDescription] = []
    try:
        for position, key in enumerate(keys, start=1):
            tokens.append(_describe(key, position))
    except Exception:
        for token in tokens:
            token.secret.wipe()
        raise
    return tokens
