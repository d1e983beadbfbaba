"""Token > Move into the security chip: a software token's key into the computer's TPM (issue 14).

The PIN is asked in a PinField dialog (dialogs.pin); the move itself
(``Vault.protect``, TPM commands and Argon2id) runs on the vault's worker,
never on the GUI thread; the window then reads the tokens again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import dialogs, workers
from .errors import action_for, message_for
from .text import tr

if TYPE_CHECKING:
    from softtoken.core.vault.vault import TokenStatus

    from .token_window import TokenWindow


def title() -> str:
    return tr("Move into the security chip")


def protect_token(window: TokenWindow) -> None:
    status = window.current or (window.tokens[0] if len(window.tokens) == 1 else None)
    if status is None:
        dialogs.info(window, title(), tr("Choose a token first."))
        return
    if status.protection == "tpm":
        already = tr("Token '{name}' is already kept in this computer's TPM security chip.")
        dialogs.info(window, title(), already.format(name=status.name))
        return
    pin = dialogs.pin(
        window,
        title(),
        tr(
            "Type the PIN of token '{name}' to move its key into this computer's TPM security chip. "
            "The token and its passcodes stay the same."
        ).format(name=status.name),
        status.pin_length,
        confirm=tr("Move into the chip"),
        cancel=tr("Keep it in software"),
    )
    if pin is None:
        return
    token_id = status.token_id

    def moved(result: TokenStatus) -> None:
        dialogs.info(
            window,
            title(),
            tr("Token '{name}' is now kept in this computer's TPM security chip.").format(name=result.name),
        )
        window.reload(result.token_id)

    def refused(exc: BaseException) -> None:
        dialogs.error(window, title(), message_for(exc), action=action_for(exc))
        window.reload(token_id)

    workers.run_in_background(lambda: window.vault.protect(token_id, pin), moved, refused, owner=window)
