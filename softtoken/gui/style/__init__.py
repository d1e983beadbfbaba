"""softtoken's design system: measures (tokens.py), colours by meaning (colors.py), the style sheet
(sheet.py) and message labels (text.py). Pages use these names, never a size or colour of their own.

Icons are in :mod:`softtoken.gui.icons`.
"""

from .colors import (
    TEXT_ROLES,
    Role,
    color,
    contrast,
    contrast_palette,
    dark_palette,
    focus_color,
    is_dark,
    is_high_contrast,
    link_color,
    on_color,
    palette_color,
    problem_color,
    readable,
    use_dark_theme,
    use_theme,
)
from .sheet import RING, install, make_card, set_chip, set_invalid, set_role, set_tone, sheet_for, style_sheet
from .text import NO_BREAK_HYPHEN, MessageText, wrap_between_words
from .tokens import Radius, Space, Type, font, set_type

__all__ = [
    "NO_BREAK_HYPHEN",
    "RING",
    "TEXT_ROLES",
    "MessageText",
    "Radius",
    "Role",
    "Space",
    "Type",
    "color",
    "contrast",
    "contrast_palette",
    "dark_palette",
    "focus_color",
    "font",
    "install",
    "is_dark",
    "is_high_contrast",
    "link_color",
    "make_card",
    "on_color",
    "palette_color",
    "problem_color",
    "readable",
    "set_chip",
    "set_invalid",
    "set_role",
    "set_tone",
    "set_type",
    "sheet_for",
    "style_sheet",
    "use_dark_theme",
    "use_theme",
    "wrap_between_words",
]
