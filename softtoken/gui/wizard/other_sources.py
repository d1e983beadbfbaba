"""Step 1's other sources: a QR image file, a QR code on the screen, a PSKC key file.

Each returns the tokens read and where they came from, or None when the
prescriber cancelled a file dialog or a password prompt (the page then stays
as it was); core's refusals are raised as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .common import translate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from softtoken.core.token import TokenDescription

Found = tuple[list["TokenDescription"], str]


class Cancelled(Exception):
    """The prescriber closed a password prompt: leave the page as it was."""


class RegistrationFound(Exception):
    """The QR code is a workstation registration (pia://container), not a token."""

    def __init__(self, link: object) -> None:
        super().__init__("a workstation registration")
        self.link = link


class Refused(Exception):
    """Something typed into a prompt is unusable; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def open_qr_image(parent: QWidget) -> Found | None:
    from .. import dialogs

    path = dialogs.open_file(
        parent,
        translate("ActivationWizard", "Open QR image"),
        translate("ActivationWizard", "Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;All files (*)"),
    )
    if not path:
        return None
    _registration_in_image(Path(path))
    return _load_file(parent, Path(path))


def _registration_in_image(path: Path) -> None:
    """Raise RegistrationFound when the picture's QR code is a pia://container registration."""
    from softtoken.core.activation.sources import read_file
    from softtoken.core.containers.link import container_link_in_image
    from softtoken.core.errors import SoftTokenError

    try:
        data = read_file(path)
    except SoftTokenError:
        return  # the token path reads it again and says what is wrong, in its words
    registration = container_link_in_image(data)
    if registration is not None:
        raise RegistrationFound(registration)


def open_key_file(parent: QWidget) -> Found | None:
    from .. import dialogs

    path = dialogs.open_file(
        parent,
        translate("ActivationWizard", "Open key file (PSKC)"),
        translate("ActivationWizard", "Key files (*.pskc *.pskcxml *.xml);;All files (*)"),
    )
    return _load_file(parent, Path(path)) if path else None


def scan_screen(_parent: QWidget) -> Found:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from softtoken.core.activation.sources import tokens_from_qr_texts
    from softtoken.core.containers.link import container_link_in_qr_texts

    from .. import qr_scan

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        texts = qr_scan.scan_screens()
        registration = container_link_in_qr_texts(texts)
        if registration is not None:
            raise RegistrationFound(registration)
        tokens = tokens_from_qr_texts(texts)
    finally:
        QGuiApplication.restoreOverrideCursor()
    return tokens, translate("ActivationWizard", "a QR code on the screen")


def _load_file(parent: QWidget, path: Path) -> Found | None:
    from softtoken.core.activation.sources import PskcSecrets, tokens_from_file

    secrets = PskcSecrets(password=lambda: _ask_password(parent), psk=lambda: _ask_psk(parent))
    try:
        return tokens_from_file(path, secrets), path.name
    except Cancelled:
        return None


def _ask_password(parent: QWidget) -> str:
    from .. import dialogs

    answer = dialogs.secret(
        parent,
        translate("ActivationWizard", "Key file password"),
        translate(
            "ActivationWizard",
            "This key file is protected by a password. Enter the password the vendor sent with it:",
        ),
    )
    if answer is None:
        raise Cancelled
    return answer


def _ask_psk(parent: QWidget) -> bytes:
    from .. import dialogs

    answer = dialogs.secret(
        parent,
        translate("ActivationWizard", "Key file key"),
        translate(
            "ActivationWizard",
            "This key file is locked with a key the vendor sent separately. "
            "Type its 32 hex digits (0-9 and A-F):",
        ),
    )
    if answer is None:
        raise Cancelled
    from softtoken.core.activation.pskc import parse_psk
    from softtoken.core.errors import PskcError

    from ..errors import core_message

    try:
        return parse_psk(answer)  # core's one rule, as in both consoles
    except PskcError as exc:
        raise Refused(core_message(exc)) from None
