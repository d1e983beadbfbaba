"""PIN rules (NIST SP 800-63B-4 3.2.10): length, digits only, not a common PIN, typed twice.

The PIN is never stored, logged or shown. It arrives as ``str`` from the
front ends (Qt and getpass give nothing else); core turns it into bytes only
to feed Argon2 (see SECURITY.md on what cannot be erased).
"""

from __future__ import annotations

import itertools
import re

from .errors import PinRejected
from .policy import Policy

# The most used four-digit PINs (published PIN-frequency studies), plus the
# patterns below that generate the rest of the blocklist for any length.
_COMMON = {
    "1234",
    "1111",
    "0000",
    "1212",
    "7777",
    "1004",
    "2000",
    "4444",
    "2222",
    "6969",
    "9999",
    "3333",
    "5555",
    "6666",
    "1122",
    "1313",
    "8888",
    "4321",
    "2001",
    "1010",
    "2580",
    "0852",
    "1470",
    "0741",
    "7410",
    "3690",
    "0963",
    "1379",
    "1357",
    "2468",
    "1230",
    "0123",
    "9876",
    "1984",
    "5683",
    "0007",
    "1225",
    "0101",
    "1998",
    "123123",
    "123456",
    "654321",
    "111222",
    "112233",
    "121212",
    "159753",
    "147258",
    "123321",
    "666666",
    "696969",
    "12345678",
    "87654321",
    "11223344",
    "12341234",
}


def _is_run(pin: str, step: int) -> bool:
    return all((int(b) - int(a)) % 10 == step % 10 for a, b in itertools.pairwise(pin))


def is_blocklisted(pin: str) -> bool:
    if pin in _COMMON:
        return True
    if len(set(pin)) == 1:
        return True  # 0000, 1111, …
    if _is_run(pin, 1) or _is_run(pin, -1):
        return True  # 1234, 4321, 7890, 9012 …
    for size in (1, 2, 3):  # 1212, 123123, 1122 (pairs), 12121212
        unit = pin[:size]
        if len(pin) % size == 0 and unit * (len(pin) // size) == pin:
            return True
    if len(pin) % 2 == 0 and all(pin[i] == pin[i + 1] for i in range(0, len(pin), 2)):
        return True  # 1122, 112233
    return bool(len(pin) == 4 and re.fullmatch(r"(19|20)\d\d", pin) and 1940 <= int(pin) <= 2035)


def check_new_pin(pin: str, confirm: str, policy: Policy) -> None:
    """Raise :class:`PinRejected` with the reason, or return if the PIN may be used."""
    length = policy.pin_length
    if not pin:
        raise PinRejected("Choose a {length}-digit PIN.", params={"length": length})
    if not pin.isascii() or not pin.isdigit():
        raise PinRejected(
            "The PIN must be {length} digits (0-9) and nothing else.", params={"length": length}
        )
    if len(pin) != length:
        raise PinRejected(
            "The PIN must be exactly {length} digits; this one has {typed}.",
            params={"length": length, "typed": len(pin)},
        )

    if is_blocklisted(pin):
        raise PinRejected(
            "That PIN is too easy to guess (a repeated, sequential, or very common PIN, or a "
            "year). Choose another."
        )
    if pin != confirm:
        raise PinRejected("The two PINs do not match. Type the same PIN twice.")


def check_pin_entry(pin: str, length: int) -> None:
    """For unlocking: the shape only (a blocklisted PIN is just a wrong PIN).

    ``length`` is the token's own PIN length (set when it was activated). Every
    front end calls this before it sends a PIN, and the vault again before it
    counts a try, so a mistyped length is never counted as a wrong PIN.
    """
    if not pin.isascii() or not pin.isdigit() or len(pin) != length:
        raise PinRejected("Enter your {length}-digit token PIN.", params={"length": length})
