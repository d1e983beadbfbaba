"""The clock, injected everywhere time matters so tests can pin it.

Two kinds of time: the wall clock (``now``: what passcodes and records use)
and time since boot (``since_boot``), which the user cannot set. Lockout
waits are kept by both, so setting the clock forward does not end a wait
early (docs/vault-format.md, "Wrong PINs and lockout").
"""

from __future__ import annotations

import sys
import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds since the Unix epoch (UTC)."""
        ...

    def since_boot(self) -> float:
        """Seconds since this computer started, counting sleep; not settable by the user."""
        ...

    def boot_id(self) -> str:
        """Names this boot of the computer ("" where the system does not say)."""
        ...


def _read_boot_id() -> str:
    if not sys.platform.startswith("linux"):
        return ""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as handle:
            return handle.read(64).strip()
    except OSError:
        return ""


class SystemClock:
    _boot_id: str | None = None

    def now(self) -> float:
        return time.time()

    def since_boot(self) -> float:
        # CLOCK_BOOTTIME counts suspend (CLOCK_MONOTONIC does not on Linux); elsewhere
        # time.monotonic() is the system's uptime clock.
        boottime = getattr(time, "CLOCK_BOOTTIME", None)
        if boottime is not None:
            return time.clock_gettime(boottime)
        return time.monotonic()

    def boot_id(self) -> str:
        if SystemClock._boot_id is None:
            SystemClock._boot_id = _read_boot_id()
        return SystemClock._boot_id


class FixedClock:
    """A clock that stands still until moved; for tests and benchmarks.

    ``advance`` moves real time on (both clocks); ``set_wall`` is a user setting
    the wall clock, which time since boot does not see; ``reboot`` starts a new boot.
    """

    def __init__(self, at: float, since_boot: float | None = None, boot: str = "boot-1") -> None:
        self.at = float(at)
        # By default the computer started at the epoch: clocks made at different times of
        # one test then agree on how much time passed between them, on both clocks.
        self.boot = float(at if since_boot is None else since_boot)
        self.boot_name = boot

    def now(self) -> float:
        return self.at

    def since_boot(self) -> float:
        return self.boot

    def boot_id(self) -> str:
        return self.boot_name

    def advance(self, seconds: float) -> None:
        self.at += seconds
        self.boot += seconds

    def set_wall(self, at: float) -> None:
        self.at = float(at)

    def reboot(self, name: str, since_boot: float = 30.0) -> None:
        self.boot_name = name
        self.boot = float(since_boot)
