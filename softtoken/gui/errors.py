"""The one place where exceptions become what the prescriber sees."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from softtoken.core import errors

from . import dialogs
from .text import tr

log = logging.getLogger(__name__)


def message_for(exc: BaseException) -> str:
    """One sentence for an inline label or a dialog; never a traceback, never a secret."""
    if isinstance(exc, errors.SoftTokenError):
        # Core messages go through the "core" translation context: fixed sentences are
        # translated; sentences with names or numbers in them stay in English.
        return QCoreApplication.translate("core", exc.message)
    from softtoken.core.logsafe import log_bug

    log_bug(log, exc)
    return tr(
        "Something went wrong inside softtoken (a bug). Nothing was changed. "
        "Please tell your help desk what you were doing."
    )


def title_for(exc: BaseException) -> str:
    if isinstance(exc, errors.WrongPin):
        return tr("Incorrect PIN")
    if isinstance(exc, errors.TokenStateError):
        return tr("Token cannot be used")
    if isinstance(exc, errors.KeystoreError):
        return tr("Keystore problem")
    if isinstance(exc, errors.VaultError):
        return tr("Token vault problem")
    if isinstance(exc, errors.PolicyError):
        return tr("Policy problem")
    if isinstance(exc, errors.InputError):
        return tr("Cannot use this")
    return tr("softtoken")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    dialogs.error(parent, title_for(exc), message_for(exc))
