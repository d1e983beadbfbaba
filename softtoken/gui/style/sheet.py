"""The one style sheet: primary and secondary buttons, cards, chips, tones and focus rings.

Widgets say what they are with a dynamic property (``set_role``, ``set_tone``,
``set_chip``, ``make_card``); the sheet, made from the application palette,
says how that looks. :func:`install` sets it on the application and makes it
again when the palette changes (light, dark, high contrast).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from .colors import Role, color
from .tokens import Radius, Space

if TYPE_CHECKING:
    from PySide6.QtGui import QColor

BUTTON_ROLES = ("primary", "secondary", "danger")
CHIPS = ("ready", "waiting", "disabled", "problem")
TONES = tuple(role.value for role in Role)


def _hex(c: QColor) -> str:
    return c.name()


def style_sheet(widget: QWidget) -> str:
    """The application's style sheet for ``widget``'s palette."""
    accent = _hex(color(widget, Role.ACCENT))
    border = _hex(color(widget, Role.BORDER))
    surface = _hex(color(widget, Role.SURFACE))
    on_accent = _hex(widget.palette().color(widget.palette().ColorRole.HighlightedText))
    tones = "\n".join(
        f'QLabel[tone="{role.value}"] {{ color: {_hex(color(widget, role))}; }}'
        for role in (Role.ACCENT, Role.SUCCESS, Role.WARNING, Role.DANGER, Role.MUTED)
    )
    chip_roles = {
        "ready": Role.SUCCESS,
        "waiting": Role.WARNING,
        "disabled": Role.DANGER,
        "problem": Role.DANGER,
    }
    chips = "\n".join(
        f'QLabel[chip="{chip}"] {{ color: {ink}; border: 1px solid {ink};'
        f" border-radius: {Radius.M}px; padding: 1px {Space.S}px; }}"
        for chip, ink in ((chip, _hex(color(widget, role))) for chip, role in chip_roles.items())
    )
    return f"""
QPushButton {{ padding: {Space.XS}px {Space.L}px; border-radius: {Radius.S}px; }}
QPushButton[role="primary"] {{ background: {accent}; color: {on_accent}; border: 1px solid {accent}; }}
QPushButton[role="primary"]:disabled {{ background: {border}; border-color: {border}; }}
QPushButton[role="secondary"] {{ border: 1px solid {border}; }}
QPushButton:focus {{ outline: none; border: 2px solid {accent}; }}
QPushButton[role="primary"]:focus {{ border: 2px solid {_hex(color(widget, Role.TEXT))}; }}
QLineEdit:focus, QPlainTextEdit:focus, QCheckBox:focus, QRadioButton:focus {{ outline: 2px solid {accent}; }}
QFrame[card="true"] {{ background: {surface}; border: 1px solid {border}; border-radius: {Radius.M}px; }}
QFrame[card="true"]:focus {{ border: 2px solid {accent}; }}
{tones}
{chips}
"""


def install(app: QApplication) -> None:
    """Set the style sheet on ``app`` (call again after changing its palette)."""
    probe = QWidget()
    app.setStyleSheet(style_sheet(probe))
    probe.deleteLater()


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_role(button: QWidget, role: str) -> None:
    """A button's weight: "primary" (one per screen, the thing to do), "secondary" or "danger"."""
    if role not in BUTTON_ROLES:
        raise ValueError(f"unknown button role {role!r}")
    button.setProperty("role", role)
    _repolish(button)


def set_tone(label: QWidget, role: Role | None) -> None:
    """A label's colour by meaning (None: the window's text)."""
    label.setProperty("tone", role.value if role is not None else "")
    _repolish(label)


def set_chip(label: QWidget, chip: str) -> None:
    """A state chip: "ready", "waiting", "disabled" or "problem"."""
    if chip not in CHIPS:
        raise ValueError(f"unknown chip {chip!r}")
    label.setProperty("chip", chip)
    _repolish(label)


def make_card(frame: QWidget) -> None:
    """A card: the surface colour, a border and rounded corners."""
    frame.setProperty("card", "true")
    _repolish(frame)
