"""The design system's measures: a spacing scale, corner radii and a type scale.

Every screen takes its gaps, radii and font sizes from here, never a number of
its own (tests/gui/test_design_system.py greps the pages for them). Sizes are
logical pixels and points: Qt scales them on high-DPI screens. The type scale
is relative to the desktop's own font, so a prescriber's larger system font
makes every size larger.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QWidget


class Space:
    """Gaps and margins, in logical pixels (a 4 px grid)."""

    XS = 4
    S = 8
    M = 12
    L = 16
    XL = 24
    XXL = 32


class Radius:
    """Corner radii, in logical pixels."""

    S = 4  # fields, buttons, chips' inner parts
    M = 8  # cards, dialogs' panels
    L = 12
    PILL = 999  # a chip: as round as its height allows


class Type(Enum):
    """The type scale: (points added to the desktop font, bold, monospace, scale factor)."""

    TITLE = (5, True, False, 1.0)  # a screen's one heading
    HEADING = (2, True, False, 1.0)  # a card's or section's name
    BODY = (0, False, False, 1.0)  # everything else
    STRONG = (0, True, False, 1.0)  # a value to read out (serial, token name on the Done page)
    CAPTION = (-1, False, False, 1.0)  # secondary lines: serial, state, hints
    PASSCODE = (0, True, True, 3.6)  # the passcode itself, large and grouped (36 pt on a 10 pt desktop)
    PASSCODE_SMALL = (0, True, True, 1.15)  # the next passcode near rollover


MIN_POINTS = 8.0


def font(kind: Type, base: QFont | None = None) -> QFont:
    """``base`` (default: the application font) set to ``kind``'s size and weight."""
    delta, bold, mono, scale = kind.value
    chosen = QFont(base) if base is not None else QFont()
    if mono:
        family = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
        chosen.setFamilies([family, "monospace"])
        chosen.setStyleHint(QFont.StyleHint.Monospace)
    size = chosen.pointSizeF() if chosen.pointSizeF() > 0 else 10.0
    chosen.setPointSizeF(max(MIN_POINTS, (size + delta) * scale))
    chosen.setBold(bold)
    return chosen


def set_type(widget: QWidget, kind: Type) -> None:
    """Give ``widget`` the type scale's ``kind`` (relative to the font it inherits)."""
    widget.setFont(font(kind, widget.font()))
