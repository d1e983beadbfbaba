"""HOTP (RFC 4226) and TOTP (RFC 6238) through pyotp.

pyotp computes the HMAC and the dynamic truncation. We hand it the key as a
``bytearray`` (see :class:`_BufferHOTP`) so that no base32 string copy of the
seed is made, and we compute the TOTP time step with integer arithmetic so
that times past 2038 (and past 2^53 ms) are exact.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from .errors import UnsupportedTokenError, WeakSeedError, Words
from .secret import Secret

MIN_SEED_BITS = 128  # RFC 4226 section 4, requirement R6
SUPPORTED_DIGITS = (6, 7, 8)
MIN_PERIOD = 15
MAX_PERIOD = 120  # NIST SP 800-63B-4 3.1.4.1: the time step SHALL change at least every 2 minutes
MAX_COUNTER = 2**64 - 1  # RFC 4226: an 8-byte counter


class TokenType(StrEnum):
    TOTP = "totp"
    HOTP = "hotp"


class Algorithm(StrEnum):
    SHA1 = "SHA1"
    SHA256 = "SHA256"
    SHA512 = "SHA512"

    @property
    def digest(self) -> Any:
        import hashlib  # here: OpenSSL (~3 MB) is not needed until a passcode is made

        return {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}[self.value]

    @property
    def digest_size(self) -> int:
        return {"SHA1": 20, "SHA256": 32, "SHA512": 64}[self.value]


def parse_algorithm(name: str) -> Algorithm:
    """Accept ``SHA1``, ``sha-256``, ``HMAC-SHA512`` and the like."""
    cleaned = name.strip().upper().replace("-", "").replace("_", "")
    cleaned = cleaned.removeprefix("HMAC")
    try:
        return Algorithm(cleaned)
    except ValueError:
        shown = name.strip()[:20] or Words("(empty)")
        raise UnsupportedTokenError(
            "The token uses the {algorithm} algorithm; softtoken supports SHA1, SHA256 and SHA512. "
            "Ask the issuer for a new activation.",
            params={"algorithm": shown},
        ) from None


def check_seed(secret: Secret, from_link: bool = False) -> None:
    if secret.bits < 80 and from_link:  # far below any real issuer's seed: a cut link
        raise WeakSeedError(
            "The seed in the link is only {bits} bits: the link was probably cut short. "
            "Copy the whole link from the issuer's e-mail again.",
            params={"bits": secret.bits},
        )
    if secret.bits < MIN_SEED_BITS:
        raise WeakSeedError(
            "The seed is only {bits} bits; RFC 4226 requires at least {least} bits. "
            "Ask the issuer for a new activation with a stronger seed.",
            params={"bits": secret.bits, "least": MIN_SEED_BITS},
        )


def check_digits(digits: int) -> None:
    if digits not in SUPPORTED_DIGITS:
        raise UnsupportedTokenError(
            "The token asks for {digits}-digit passcodes; softtoken supports 6, 7 or 8 digits. "
            "Ask the issuer for a new activation.",
            params={"digits": digits},
        )


def check_period(period: int) -> None:
    if not MIN_PERIOD <= period <= MAX_PERIOD:
        raise UnsupportedTokenError(
            "The token changes its passcode every {period} seconds; softtoken supports "
            "{shortest} to {longest} seconds (NIST caps it at two minutes). "
            "Ask the issuer for a new activation.",
            params={"period": period, "shortest": MIN_PERIOD, "longest": MAX_PERIOD},
        )


_HOTP_CLASS: Any = None


def _buffer_hotp_class() -> Any:
    """pyotp's HOTP reading its key from our bytearray instead of a base32 string.

    Made on first use so that start-up does not import pyotp.
    """
    global _HOTP_CLASS  # noqa: PLW0603 - a lazily built class, made once
    if _HOTP_CLASS is None:
        import pyotp

        class BufferHOTP(pyotp.HOTP):
            def __init__(self, key: bytearray, digits: int, digest: Any) -> None:
                self._key = key
                super().__init__("", digits=digits, digest=digest)

            def byte_secret(self) -> bytes:
                return self._key  # type: ignore[return-value]  # hmac.new takes a bytearray

        _HOTP_CLASS = BufferHOTP
    return _HOTP_CLASS


def hotp(secret: Secret, counter: int, *, algorithm: Algorithm = Algorithm.SHA1, digits: int = 6) -> str:
    """The HOTP value for ``counter`` (RFC 4226 section 5.3)."""
    check_digits(digits)
    if not 0 <= counter <= MAX_COUNTER:
        raise UnsupportedTokenError("The token counter is out of range; replace the token.")
    if secret.wiped:
        raise ValueError("the secret was wiped before use")
    return str(_buffer_hotp_class()(secret.buffer, digits, algorithm.digest).generate_otp(counter))


def totp_step(unix_time: float, period: int = 30, t0: int = 0) -> int:
    """T = floor((now - T0) / X), RFC 6238 section 4.2; exact for any size of time."""
    check_period(period)
    if unix_time < t0:
        raise ValueError("time before T0")
    return (int(unix_time) - t0) // period


def totp(
    secret: Secret,
    unix_time: float,
    *,
    algorithm: Algorithm = Algorithm.SHA1,
    digits: int = 6,
    period: int = 30,
) -> str:
    """The TOTP value at ``unix_time`` (RFC 6238)."""
    return hotp(secret, totp_step(unix_time, period), algorithm=algorithm, digits=digits)


def seconds_left(unix_time: float, period: int = 30) -> float:
    """Seconds until the passcode at ``unix_time`` rolls over."""
    return period - (unix_time % period)
