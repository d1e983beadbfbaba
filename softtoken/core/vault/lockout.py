"""How long to wait after wrong PINs (RFC 4226 7.3's growing delay, NIST's cap of 10)."""

from __future__ import annotations

FREE_TRIES = 3
DELAYS = (5, 15, 30, 60, 120, 300, 600)


def wait_after(failures: int) -> int:
    """Seconds the user must wait before the next try, after ``failures`` wrong PINs in a row."""
    if failures < FREE_TRIES:
        return 0
    return DELAYS[min(failures - FREE_TRIES, len(DELAYS) - 1)]
