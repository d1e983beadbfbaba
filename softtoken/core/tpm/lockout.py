"""The TPM's dictionary-attack (DA) lockout, read from its properties, and the words for it.

A TPM counts every failed authorization of an object without ``noDA`` (for all
programs of the computer, not per token). At ``max_tries`` it refuses every
such authorization, the right one included; one failure is forgotten every
``interval`` seconds (TPM 2.0 Part 1, "Dictionary Attack Protection"). The
TPM does not say when the next one is forgotten, so the wait is an upper bound.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ChipLockedOut


@dataclass(frozen=True)
class DaState:
    """TPM2_PT_LOCKOUT_COUNTER, _MAX_AUTH_FAIL, _LOCKOUT_INTERVAL, _LOCKOUT_RECOVERY, inLockout."""

    failures: int
    max_tries: int
    interval: int  # seconds for one failure to be forgotten (0: never, only a reset)
    recovery: int  # seconds after a failed lockout-hierarchy authorization
    in_lockout: bool

    @property
    def tries_left(self) -> int:
        return max(self.max_tries - self.failures, 0)

    def summary(self) -> dict[str, object]:
        return {
            "failures": self.failures,
            "max_tries": self.max_tries,
            "interval_seconds": self.interval,
            "in_lockout": self.in_lockout,
        }


def minutes_for(state: DaState) -> int:
    """At most how many minutes until the chip checks a PIN again (one failure forgotten)."""
    return max(1, -(-state.interval // 60))


def chip_locked_out(state: DaState) -> ChipLockedOut:
    """What a prescriber reads when the chip is pausing PIN checks."""
    if state.interval <= 0:
        return ChipLockedOut(
            "The computer's security chip is pausing PIN checks after repeated wrong PINs, until your "
            "IT department resets it; ask them.",
            0,
        )
    minutes = minutes_for(state)
    if minutes == 1:
        return ChipLockedOut(
            "The computer's security chip is pausing PIN checks after repeated wrong PINs; try again "
            "in about a minute.",
            state.interval,
        )
    return ChipLockedOut(
        "The computer's security chip is pausing PIN checks after repeated wrong PINs; try again "
        "in about {minutes} minutes.",
        state.interval,
        params={"minutes": minutes},
    )
