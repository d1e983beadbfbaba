"""The one place where exceptions become what the prescriber sees."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from softtoken.core import errors

from . import dialogs
from .text import tr

log = logging.getLogger(__name__)


def message_for(exc: BaseException) -> str:
    """One sentence for an inline label or a dialog; never a traceback, never a secret."""
    if isinstance(exc, errors.SoftTokenError):
        return core_message(exc)
    from softtoken.core.logsafe import log_bug

    log_bug(log, exc)
    return tr(
        "Something went wrong inside softtoken (a bug). Nothing was changed. "
        "Please tell your help desk what you were doing."
    )


def core_message(exc: errors.SoftTokenError) -> str:
    """A core message in the prescriber's language (see :func:`core_text`)."""
    return core_text(exc.template, exc.params, fallback=exc.message)


def core_text(template: str, params: Mapping[str, object], fallback: str | None = None) -> str:
    """A core sentence translated in the "core" context by its template (the message id).

    Names and numbers are filled in after translation, and :class:`~softtoken.core.errors.Words`
    parameters are translated first. A catalog line whose placeholders do not fit falls back
    to the English sentence.
    """
    translated = QCoreApplication.translate("core", template)
    if not params:
        return translated
    params = {key: _parameter(value) for key, value in params.items()}

    try:
        return translated.format(**params)
    except (KeyError, IndexError, ValueError):
        log.warning("catalog line for a core message has other placeholders")
        return fallback if fallback is not None else template.format(**params)


def _parameter(value: object) -> object:
    """A parameter as shown: words translated, another error's sentence in its own translation."""
    if isinstance(value, errors.Sentence):
        return core_text(value.template, value.params, fallback=str(value))
    if isinstance(value, errors.Words):
        return QCoreApplication.translate("core", value)
    return value


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


def action_for(exc: BaseException) -> str:
    """The thing to do, when the message itself does not say it (most of core's messages do)."""
    if isinstance(exc, errors.PolicyError):
        return tr("Only your administrator can change softtoken's policy: ask them.")
    return ""


def show_error(parent: QWidget | None, exc: BaseException, *, button: str = "") -> None:
    """The error box: a title for the kind of problem, the sentence, and what to do (``button``: "Close")."""
    dialogs.error(parent, title_for(exc), message_for(exc), action=action_for(exc), button=button)
