"""What the app asks when an activation link arrives and tokens already exist here.

The two questions of ``Controller.open_link``: whether the link replaces a
token or adds one, and which token it replaces when there are several. The
controller keeps the flow (which window opens next); these only ask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from .text import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from softtoken.core.vault.vault import TokenStatus


def replace_or_add(parent: QWidget | None) -> Literal["replace", "add"] | None:
    """A link arrived while this workstation has a token: replace it, add another, or neither."""
    from . import dialogs

    choice = dialogs.question(
        parent,
        tr("You already have a token"),
        tr(
            "An activation link arrived, and this workstation already has a token. If the help "
            "desk sent you a replacement, replace your token. Add it as another token only if "
            "you were told to have more than one."
        ),
        [tr("Replace my token…"), tr("Add another token"), tr("Cancel")],
        default=0,
    )
    return "replace" if choice == 0 else "add" if choice == 1 else None


def token_to_replace(
    parent: QWidget | None, tokens: list[TokenStatus], current: TokenStatus | None
) -> TokenStatus | None:
    """The token a new activation replaces: the only one, or the one picked (None: cancelled)."""
    if len(tokens) == 1:
        return tokens[0]
    from . import dialogs

    ids = [t.token_id for t in tokens]
    choice = dialogs.question(
        parent,
        tr("Replace token"),
        tr("Which token does the new activation replace?"),
        [t.name.replace("&", "&&") for t in tokens] + [tr("Cancel")],  # no mnemonic from a name
        default=ids.index(current.token_id) if current is not None and current.token_id in ids else 0,
    )
    return tokens[choice] if 0 <= choice < len(tokens) else None
