"""A token as the token window's pages show it: a card header with its name, serial and state chip.

The list's cards (token_list.py), the PIN page and the passcode page share
:class:`TokenHeader`; the words come from token_pages.py. Made only after the
window's first paint (no icon is drawn before it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from softtoken.core.vault.vault import TokenStatus

from .labels import plain
from .style import Role, Space, Type, set_chip, set_tone, set_type
from .token_pages import Chip, level_text, serial_text, state_chip

if TYPE_CHECKING:
    from .states import Spinner

CHIP_ICON = 16
# The style sheet draws a card 1 px inside its own rectangle (room for its focus ring):
# what sits under a card starts this far in, on the card's border.
CARD_MARGIN = 1


def icon_label(name: str, size: int, role: Role | None = None, accessible: str = "") -> QLabel:
    from .icons import IconLabel

    return IconLabel(name, size, role=role, accessible=accessible)


def make_spinner(parent: QWidget | None = None) -> Spinner:
    """The design system's Spinner (start, stop, running; named "Working")."""
    from .states import Spinner

    return Spinner(parent)


class ChipLabel(QLabel):
    """The chip's words: on one line where there is room, wrapped where there is not.

    A word-wrapped QLabel asks for about half its text's width (two short lines);
    this one asks for the width that keeps it on one line, and wraps only when
    the layout gives it less.
    """

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().size(0, self.text()).width() + margins.left() + margins.right()
        one_line = self.heightForWidth(100_000)
        for _ in range(32):  # the style's padding is not in the margins: widen until it fits
            if self.heightForWidth(width) <= one_line:
                break
            width += 2
        return QSize(width, one_line)


class ChipRow(QWidget):
    """The state chip: its icon, then its words in the chip's outline."""

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(Space.XS)
        self._icons: dict[str, QLabel] = {}
        self._row = row
        self.chip = plain(ChipLabel())
        self.chip.setObjectName("stateChip")
        self.chip.setWordWrap(True)
        set_chip(self.chip, "ready")  # a chip from the start: polished with the chip's padding
        row.addWidget(self.chip)
        row.addStretch()
        self.kind = ""

    def show_chip(self, chip: Chip) -> None:
        self.kind = chip.kind
        for icon in self._icons.values():
            icon.hide()
        if chip.kind not in self._icons:
            role = {"ready": Role.SUCCESS, "waiting": Role.WARNING}.get(chip.kind, Role.DANGER)
            made = icon_label(chip.icon, CHIP_ICON, role, accessible=chip.spoken)
            self._icons[chip.kind] = made
            self._row.insertWidget(0, made, 0, Qt.AlignmentFlag.AlignVCenter)
        self._icons[chip.kind].show()
        set_chip(self.chip, chip.kind)  # first: the text's size is measured with the chip's padding
        self.chip.setText(chip.text)
        self.chip.setAccessibleName(chip.spoken)

    def text(self) -> str:
        return self.chip.text()


def caption(name: str) -> QLabel:
    """A muted secondary line (serial, hints)."""
    label = plain(QLabel())
    label.setObjectName(name)
    label.setWordWrap(True)
    set_type(label, Type.CAPTION)
    set_tone(label, Role.MUTED)
    return label


class TokenHeader(QWidget):
    """Issuer and token name, the serial (and where its key is), and the state chip."""

    def __init__(self, name_object: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.XS)
        self.issuer_label = caption("issuerLabel")
        layout.addWidget(self.issuer_label)
        self.name_label = plain(QLabel())
        self.name_label.setObjectName(name_object)
        self.name_label.setWordWrap(True)
        set_type(self.name_label, Type.HEADING)
        layout.addWidget(self.name_label)
        self.detail_label = caption("serialLabel")
        layout.addWidget(self.detail_label)
        self.chip_row = ChipRow()
        layout.addWidget(self.chip_row)

    def show_status(self, status: TokenStatus, now: float) -> None:
        self.show_name(status.name, status.issuer)
        self.detail_label.setText(f"{serial_text(status)} · {level_text(status)}")
        self.detail_label.show()
        self.chip_row.show_chip(state_chip(status, now))
        self.chip_row.show()

    def show_name(self, name: str, issuer: str = "") -> None:
        """Only the name (and issuer) are known: the rest is hidden."""
        self.name_label.setText(name)
        self.issuer_label.setText(issuer)
        self.issuer_label.setVisible(bool(issuer) and issuer != name)
        self.detail_label.hide()
        self.chip_row.hide()
