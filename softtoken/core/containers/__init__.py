"""privacyIDEA token containers: registering this workstation, synchronizing, moving (issue 15)."""

from .link import (
    ContainerLink,
    container_link_in_image,
    container_link_in_qr_texts,
    find_container_link,
    parse_container_link,
)
from .results import Delivery, Registration, RegistrationPreview, RemovedToken, SyncResult
from .workstation import Workstation

__all__ = [
    "ContainerLink",
    "Delivery",
    "Registration",
    "RegistrationPreview",
    "RemovedToken",
    "SyncResult",
    "Workstation",
    "container_link_in_image",
    "container_link_in_qr_texts",
    "find_container_link",
    "parse_container_link",
]
