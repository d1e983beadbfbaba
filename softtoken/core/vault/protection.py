"""Protection levels: how a token's seed is kept, behind one interface the vault uses.

- ``software``: Argon2id(PIN) and the keystore's device key (``software.py``);
- ``tpm``: an HMAC key inside the computer's TPM, authorized by the PIN and the
  device key, rate-limited by the TPM (``tpmlevel.py``).

The level is chosen at activation from the policy's ``protection`` ("auto":
the TPM when one is usable and has the token's algorithm, else software,
with a note saying why; "tpm": refuse without one; "software") and stored in
the token's header, with the note. Unlocking is the same for both
(``unlocking.py``): :func:`begin` may refuse without counting a try (the
TPM's lockout, a key of another TPM), then the try is counted, then
``codes`` checks the PIN and yields (counter, passcode) pairs or None for a
wrong PIN, asking for the counters only once the PIN is stretched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from ..tpm.access import required_error
from ..tpm.errors import ChipUnavailable
from . import software, tpmlevel

if TYPE_CHECKING:
    from ..secret import Secret
    from ..token import TokenDescription
    from .keys import TokenEntry
    from .model import TokenRecord
    from .session import Session
    from .unlocking import EarlyStretch

SOFTWARE = software.NAME
TPM = tpmlevel.NAME
LEVELS = (SOFTWARE, TPM)

# Why a token is at the software level (the header's "protection_note"), said in status and on the card.
NOTES = {
    "policy": "the admin policy keeps tokens in software",
    "no-chip": "there was no usable TPM security chip when it was activated",
    "algorithm": "the TPM security chip cannot compute this token's algorithm",
}


# The counters to compute, asked for once the PIN is stretched: a TOTP step is read
# from the clock after Argon2, not before it (an unlock that ran across a step's end
# would otherwise show the next step's code as the first, and lock when it ends).
Counters = Callable[[], list[int]]


class Unlock(Protocol):
    rewrapped: bool

    def codes(
        self, pin: str, entry: TokenEntry, early: EarlyStretch | None, counters: Counters
    ) -> list[tuple[int, str]] | None: ...

    def close(self) -> None: ...


def level_of(token: TokenRecord) -> str:
    return str(token.header.get("protection", SOFTWARE))


def note_of(token: TokenRecord) -> str:
    return NOTES.get(str(token.header.get("protection_note", "")), "")


def begin(session: Session, token: TokenRecord) -> Unlock:
    """Start an unlock; a TPM token's refusals (lockout, another TPM, no TPM) come before any count."""
    if level_of(token) == TPM:
        return tpmlevel.TpmUnlock(session, token)
    return software.SoftwareUnlock(session, token)


def seal(
    session: Session, record: TokenRecord, level: str, pin: str, device_key: Secret, seed: Secret
) -> None:
    if level == TPM:
        tpmlevel.seal(session, record, pin, device_key, seed)
    else:
        record.header["protection"] = SOFTWARE
        software.seal(session, record, pin, device_key, seed)


def choose(session: Session, description: TokenDescription) -> tuple[str, str, str]:
    """(level, note code, the reason in words for the audit) for a new token under the policy."""
    wanted = session.policy.protection
    if wanted == SOFTWARE:
        return SOFTWARE, "policy", ""
    try:
        algorithms = session.chip().algorithms()
    except ChipUnavailable as exc:
        if wanted == TPM:
            raise required_error(exc) from None
        return SOFTWARE, "no-chip", exc.message
    if description.algorithm.value not in algorithms:
        problem = ChipUnavailable(
            "This computer's TPM security chip cannot compute {algorithm} passcodes; ask the issuer for "
            "a SHA1 or SHA256 token.",
            params={"algorithm": description.algorithm.value},
        )
        if wanted == TPM:
            raise required_error(problem)
        return SOFTWARE, "algorithm", problem.message
    return TPM, "", ""


def require_chip_for(session: Session, token: TokenRecord) -> None:
    """Moving software ``token`` into the TPM (``protect``): refuse what ``choose`` would not put there."""
    from ..errors import PolicyError

    if session.policy.protection == SOFTWARE:
        raise PolicyError(
            "The admin policy keeps tokens in software (protection = \"software\"), so token '{name}' "
            "stays there; ask your administrator.",
            params={"name": token.name},
        )
    algorithms = session.chip().algorithms()  # ChipUnavailable says why there is none
    algorithm = str(token.header["algorithm"])
    if algorithm not in algorithms:
        raise ChipUnavailable(
            "This computer's TPM security chip cannot compute {algorithm} passcodes, so token '{name}' "
            "stays in software.",
            params={"algorithm": algorithm, "name": token.name},
        )
