"""What the activation (and replacement) wizards hand back: core does the writing."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..token import TokenDescription


@dataclass(frozen=True, eq=False)
class ActivationRequest:
    """A checked description, the chosen name and the new PIN typed twice.

    ``client_part`` is the two-step activation code to show the prescriber
    (already folded into ``description``'s seed), or "".
    """

    description: TokenDescription
    name: str
    pin: str = field(repr=False)
    confirm: str = field(repr=False)
    client_part: str = field(default="", repr=False)
