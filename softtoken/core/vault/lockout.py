"""Wrong PINs: how long to wait, and the sentences that say so (RFC 4226 7.3, NIST's cap of 10).

The wait after a wrong PIN is kept by two clocks (docs/vault-format.md): the
wall-clock time of the last try, and the computer's time since boot, which
the user cannot set. The longer of the two rules holds, never more than the
wait itself: setting the clock forward does not end a wait early (time since
boot still counts it), and setting it back neither shortens nor stretches it
(the wall clock is then ignored until a restart, when it is all there is).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..clock import Clock
from ..errors import TokenLockedOut, WrongPin

if TYPE_CHECKING:
    from .keys import TokenEntry

FREE_TRIES = 3
DELAYS = (5, 15, 30, 60, 120, 300, 600)


def wait_after(failures: int) -> int:
    """Seconds the user must wait before the next try, after ``failures`` wrong PINs in a row."""
    if failures < FREE_TRIES:
        return 0
    return DELAYS[min(failures - FREE_TRIES, len(DELAYS) - 1)]


def remaining_wait(entry: TokenEntry, clock: Clock) -> int:
    """Whole seconds still to wait before the next try (0: a try may be made now)."""
    wait = wait_after(entry.failures)
    if not wait or entry.tried_at is None:
        return 0
    same_boot = entry.tried_since_boot is not None and _same_boot(entry, clock)
    now = clock.now()
    # A wall clock set back cannot tell how much time passed: time since boot says (or, after
    # a restart, the whole wait stands).
    unknown = 0.0 if same_boot else float(wait)
    by_wall = entry.tried_at + wait - now if now >= entry.tried_at else unknown
    by_uptime = 0.0
    if same_boot and entry.tried_since_boot is not None:
        by_uptime = entry.tried_since_boot + wait - clock.since_boot()
    left = min(float(wait), max(by_wall, by_uptime))
    return max(int(left + 0.999), 0)


def _same_boot(entry: TokenEntry, clock: Clock) -> bool:
    """Whether the last try was made since this computer last started.

    Without a boot id (Windows, macOS), uptime that went down means a restart;
    uptime that grew past the stored value is taken as the same boot, which at
    worst keeps one wait that a restart would have ended.
    """
    boot = clock.boot_id()
    if boot and entry.tried_boot and boot != entry.tried_boot:
        return False
    return entry.tried_since_boot is not None and clock.since_boot() >= entry.tried_since_boot


def attempts_left_sentence(left: int) -> tuple[str, dict[str, object]]:
    """The one wording of "N attempts left" (template and parameters, for translation).

    The last attempt is singled out: the next wrong PIN disables the token for good.
    """
    if left == 1:
        return "1 attempt left: the next wrong PIN disables this token.", {}
    return "{left} attempts left before this token is disabled.", {"left": left}


def incorrect_pin_sentence(left: int) -> tuple[str, dict[str, object]]:
    """What a wrong PIN says first: "Incorrect PIN. N attempts left ..." (template and parameters)."""
    tail, params = attempts_left_sentence(left)
    return f"Incorrect PIN. {tail}", params


def try_again_sentence(seconds: int) -> tuple[str, dict[str, object]]:
    """The one wording of a wait, in minutes and seconds: "Try again in 9 min 58 s." (for translation)."""
    minutes, rest = divmod(max(seconds, 0), 60)
    if minutes and rest:
        return "Try again in {minutes} min {seconds} s.", {"minutes": minutes, "seconds": rest}
    if minutes:
        return "Try again in {minutes} min.", {"minutes": minutes}
    return "Try again in {seconds} s.", {"seconds": rest}


def wrong_pin_error(name: str, failures: int, limit: int, wait: int) -> WrongPin:
    """What a wrong PIN tells the prescriber: how many tries are left, and any wait."""
    left = max(limit - failures, 0)
    if left == 0:
        return WrongPin(
            "Incorrect PIN. Token '{name}' is now disabled after {failures} wrong PINs. "
            "Replace it to continue.",
            attempts_left=0,
            wait_seconds=0,
            disabled=True,
            params={"name": name, "failures": failures},
        )
    first, params = incorrect_pin_sentence(left)
    if wait:
        later, when = try_again_sentence(wait)
        return WrongPin(
            f"{first} {later}",
            attempts_left=left,
            wait_seconds=wait,
            disabled=False,
            params={**params, **when},
        )
    return WrongPin(first, attempts_left=left, wait_seconds=0, disabled=False, params=params)


def locked_out_error(wait: int, left: int) -> TokenLockedOut:
    """A try made during a wait: how long is left, and how many tries."""
    later, when = try_again_sentence(wait)
    tail, params = attempts_left_sentence(left)
    return TokenLockedOut(f"Too many wrong PINs. {later} {tail}", wait, params={**when, **params})
