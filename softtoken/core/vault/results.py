"""What the vault answers: passcodes after an unlock, and a token's status before one.

Neither ever holds a seed or a PIN; a passcode's digits stay out of ``repr``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..audit import iso
from ..otp import TokenType

if TYPE_CHECKING:
    from ..clock import Clock
    from .keys import TokenEntry
    from .model import TokenRecord


@dataclass(frozen=True, eq=False)
class Passcode:
    """One passcode; the digits stay out of ``repr`` and logs."""

    code: str = field(repr=False)
    counter: int
    valid_from: float | None = None
    valid_until: float | None = None

    def grouped(self) -> str:
        """``123 456`` for six digits, ``1234 567`` for seven, ``1234 5678`` for eight."""
        split = 3 if len(self.code) == 6 else 4
        return f"{self.code[:split]} {self.code[split:]}"

    def spoken(self) -> str:
        """Digit by digit for screen readers: ``1 2 3, 4 5 6``."""
        head, tail = self.grouped().split(" ")
        return f"{' '.join(head)}, {' '.join(tail)}"


@dataclass(frozen=True, eq=False)
class Passcodes:
    """What one unlock yields: TOTP the current and next step, HOTP the next counter."""

    token_id: str
    token_name: str
    type: TokenType
    period: int
    codes: tuple[Passcode, ...]
    # Set when the audit record of this unlock could not be written (a full disk, say):
    # the passcode is still shown, and the problem is said beside it.
    audit_problem: str = ""

    def at(self, now: float) -> Passcode | None:
        if self.type is TokenType.HOTP:
            return self.codes[0]
        for code in self.codes:
            if (
                code.valid_from is not None
                and code.valid_until is not None
                and (code.valid_from <= now < code.valid_until)
            ):
                return code
        return None

    @property
    def expires(self) -> float | None:
        """When the last code expires (TOTP); the window locks again then."""
        return self.codes[-1].valid_until


@dataclass(frozen=True)
class TokenStatus:
    """Everything about a token that may be shown before unlock (never secrets)."""

    token_id: str
    name: str
    type: str
    algorithm: str
    digits: int
    period: int
    issuer: str
    account: str
    serial: str
    status: str  # "active" or "disabled"
    state: str  # "waiting for network sync", "ready", "disabled"
    sync_until: float
    failures: int
    attempts_left: int
    wait_seconds: int
    created: str
    last_used: float | None
    kdf: str
    pin_length: int
    protection: str = "software"  # "software" or "tpm" (protection.py)
    protection_note: str = ""  # why a token is not in the TPM, in words ("" when it is, or unknown)

    def summary(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "serial": self.serial,
            "issuer": self.issuer,
            "account": self.account,
            "type": self.type,
            "algorithm": self.algorithm,
            "digits": self.digits,
            "period": self.period,
            "state": self.state,
            "sync_until": iso(self.sync_until) if self.sync_until else None,
            "wrong_pins": self.failures,
            "attempts_left": self.attempts_left,
            "wait_seconds": self.wait_seconds,
            "created": self.created,
            "last_used": iso(self.last_used) if self.last_used else None,
            "kdf": self.kdf,
            "pin_length": self.pin_length,
            "protection": self.protection,
            "protection_note": self.protection_note,
        }


def status_of(token: TokenRecord, entry: TokenEntry | None, max_attempts: int, clock: Clock) -> TokenStatus:
    """A token's status from its file record and its keystore entry (which holds the count)."""
    from ..lifecycle import state_of
    from .lockout import remaining_wait

    # An active token without a keystore entry lost its key (a crash while disabling, a
    # reset keyring): it is disabled at its next use, and no try is left meanwhile.
    usable = token.state.status == "active" and entry is not None
    failures = entry.failures if entry is not None else token.state.disabled_failures
    wait = remaining_wait(entry, clock) if entry is not None else 0
    now = clock.now()
    state = state_of(token.state.status, token.state.sync_until, now).value
    from .protection import TPM, level_of, note_of

    h = token.header
    level = level_of(token)
    if level == TPM:
        kdf = f"TPM 2.0 HMAC key ({str(h['algorithm']).lower()}), PIN checked by the chip"
    else:
        params = token.kdf
        kdf = f"argon2id m={params.memory_kib} KiB t={params.iterations} p={params.parallelism}"
    return TokenStatus(
        token_id=token.token_id,
        name=token.name,
        type=h["type"],
        algorithm=h["algorithm"],
        digits=h["digits"],
        period=h["period"],
        issuer=h.get("issuer", ""),
        account=h.get("account", ""),
        serial=token.serial,
        status=token.state.status,
        state=state,
        sync_until=token.state.sync_until,
        failures=failures,
        attempts_left=max(max_attempts - failures, 0) if usable else 0,
        wait_seconds=wait,
        created=h.get("created", ""),
        last_used=token.state.last_used,
        kdf=kdf,
        pin_length=h["pin_length"],
        protection=level,
        protection_note=note_of(token),
    )
