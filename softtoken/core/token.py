"""What an issuer hands over: one token's description, before it enters the vault."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .otp import Algorithm, TokenType, check_digits, check_period, check_seed
from .secret import Secret


@dataclass(frozen=True)
class TwoStepParams:
    """privacyIDEA's client-side-entropy activation (``2step_*`` link parameters).

    The link's secret is only the server part; the app adds ``client_size``
    random bytes and derives the real seed (see ``activation/twostep.py``).
    """

    client_size: int = 8
    output_size: int = 20
    difficulty: int = 10000


@dataclass(frozen=True)
class PinPolicyHint:
    """PIN rules a PSKC key file asks for (RFC 6030 PINPolicy); shown, and checked against ours."""

    min_length: int | None = None
    max_length: int | None = None
    max_failed_attempts: int | None = None


@dataclass(frozen=True, eq=False)
class TokenDescription:
    """Everything needed to make a token, as one parser or another read it.

    ``secret`` is kept out of ``repr``; :meth:`summary` is the only view of a
    token that leaves the core, and it never holds the seed.
    """

    type: TokenType
    secret: Secret = field(repr=False)
    algorithm: Algorithm = Algorithm.SHA1
    digits: int = 6
    period: int = 30
    counter: int = 0
    issuer: str = ""
    account: str = ""
    serial: str = ""
    source: str = "link"
    two_step: TwoStepParams | None = None
    pin_policy: PinPolicyHint | None = None

    @property
    def strength_bits(self) -> int:
        if self.two_step is not None:
            return min(self.secret.bits, self.two_step.output_size * 8)
        return self.secret.bits

    def check(self) -> None:
        """Raise a :class:`~softtoken.core.errors.ActivationError` unless softtoken can use it."""
        check_seed(self.secret, from_link=self.source == "link")
        check_digits(self.digits)
        if self.type is TokenType.TOTP:
            check_period(self.period)
        if self.two_step is not None:
            check_seed(Secret(bytes(self.two_step.output_size)))

    def suggested_name(self) -> str:
        """A default token name: issuer, account or serial, at most 32 characters."""
        for candidate in (self.issuer, self.account, self.serial):
            name = " ".join(candidate.split())
            if name:
                return name[:32].strip()
        return "My token"

    def with_secret(self, secret: Secret, **changes: Any) -> TokenDescription:
        return replace(self, secret=secret, **changes)

    def summary(self) -> dict[str, Any]:
        """Safe to print, log or read aloud: never the seed."""
        info: dict[str, Any] = {
            "type": self.type.value,
            "algorithm": self.algorithm.value,
            "digits": self.digits,
            "issuer": self.issuer,
            "account": self.account,
            "serial": self.serial,
            "seed_bits": self.strength_bits,
            "source": self.source,
        }
        if self.type is TokenType.TOTP:
            info["period"] = self.period
        else:
            info["counter"] = self.counter
        if self.two_step is not None:
            info["two_step"] = {
                "client_bytes": self.two_step.client_size,
                "key_bytes": self.two_step.output_size,
                "pbkdf2_rounds": self.two_step.difficulty,
            }
        if self.pin_policy is not None:
            info["pin_policy"] = {
                "min_length": self.pin_policy.min_length,
                "max_length": self.pin_policy.max_length,
                "max_failed_attempts": self.pin_policy.max_failed_attempts,
            }
        return info
