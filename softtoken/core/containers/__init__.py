"""privacyIDEA token containers: registering this workstation, synchronizing, moving (issue 15).

The link parser, the results and :func:`registration_status` are light; :class:`Workstation` (cryptography,
httpx) is imported on first use, so a front end's start-up does not load them.
"""

from typing import TYPE_CHECKING, Any

from .link import (
    ContainerLink,
    container_link_in_image,
    container_link_in_qr_texts,
    find_container_link,
    parse_container_link,
)
from .results import Delivery, Registration, RegistrationPreview, RemovedToken, RetireOutcome, SyncResult
from .status import is_registered, registration_status

if TYPE_CHECKING:
    from .workstation import Workstation

__all__ = [
    "ContainerLink",
    "Delivery",
    "Registration",
    "RegistrationPreview",
    "RemovedToken",
    "RetireOutcome",
    "SyncResult",
    "Workstation",
    "container_link_in_image",
    "container_link_in_qr_texts",
    "find_container_link",
    "is_registered",
    "parse_container_link",
    "registration_status",
]


def __getattr__(name: str) -> Any:
    if name == "Workstation":
        from .workstation import Workstation

        return Workstation
    raise AttributeError(name)
