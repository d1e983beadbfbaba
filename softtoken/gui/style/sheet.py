"""The one style sheet: buttons by weight, fields, cards, chips, tones and focus rings.

Widgets say what they are with a dynamic property (``set_role``, ``set_tone``,
``set_chip``, ``make_card``, ``set_invalid``); the sheet, made from the
application palette, says how that looks. :func:`install` sets it on the
application and makes it again whenever the application palette changes
(light, dark, high contrast, or the desktop's theme switched while running).

Focus rings are drawn here and only here: a 2 px ring in the accent colour
(4.5:1 on the window, more than WCAG 1.4.11's 3:1) on every button, field,
check box, radio button, list and focusable card. A filled button (primary,
danger) is ringed in the text colour instead: an accent ring on an accent fill
cannot be seen, and style sheets have no outline-offset to leave a gap (their
``outline`` is drawn around the contents, and a ``double`` border loses its
rounding). In high contrast, where primary and danger buttons are outlined in
their colour, a focused one fills with it instead (black on yellow). A
button's ring takes its transparent margin, so it shows outside the button's
edge. Every control keeps its outer size focused or not: the border grows by
what the margin or padding gives back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ..resources import find_resource
from .colors import (
    RING_CONTRAST,
    TEXT_CONTRAST,
    Role,
    contrast,
    flatten,
    mix,
    on_color,
    palette_color,
    palette_is_dark,
    palette_is_high_contrast,
    readable,
)
from .tokens import Radius, Space

BUTTON_ROLES = ("primary", "secondary", "danger")
CHIPS = ("ready", "waiting", "disabled", "problem")
TONES = tuple(role.value for role in Role)
CHIP_ROLES = {"ready": Role.SUCCESS, "waiting": Role.WARNING, "disabled": Role.DANGER, "problem": Role.DANGER}

# A button's icon is drawn BUTTON_ICON px square with BUTTON_ICON_GAP px of blank on its right:
# Qt puts a fixed 4 px between a button's icon and its text, which looks cramped (icons.icon()).
BUTTON_ICON, BUTTON_ICON_GAP = 16, Space.XS
RING = 2  # the focus ring's width, logical pixels
CONTROL_HEIGHT = 32  # buttons and one-line fields, logical pixels (Qt doubles it at scale 2)
_PAD_Y = 5  # a control's padding inside its 1 px border: 1 + 5 + 20 + 5 + 1 = 32
_PAD_X = Space.L - 1
_CONTENT_HEIGHT = CONTROL_HEIGHT - 2 * (1 + _PAD_Y)


def _hex(c: QColor) -> str:
    return c.name()


class Colours:
    """Every colour the sheet uses, worked out once from a palette (tests check their contrast)."""

    def __init__(self, palette: QPalette) -> None:
        black, white = QColor(0, 0, 0), QColor(255, 255, 255)
        self.window = palette.color(QPalette.ColorRole.Window)
        self.dark = palette_is_dark(palette)
        self.high_contrast = palette_is_high_contrast(palette)
        self.text = palette_color(palette, Role.TEXT)
        self.accent = palette_color(palette, Role.ACCENT)
        self.border = palette_color(palette, Role.BORDER)
        self.surface = palette_color(palette, Role.SURFACE)
        self.muted = palette_color(palette, Role.MUTED)
        self.field_text = readable(palette.color(QPalette.ColorRole.Text), self.surface, TEXT_CONTRAST)
        self.on_accent = on_color(
            self.accent, flatten(palette.color(QPalette.ColorRole.HighlightedText), self.accent)
        )
        self.danger = palette_color(palette, Role.DANGER)
        self.on_danger = on_color(self.danger, white)
        self.button = flatten(palette.color(QPalette.ColorRole.Button), self.window)
        self.button_text = readable(palette.color(QPalette.ColorRole.ButtonText), self.button, TEXT_CONTRAST)
        toward = white if self.dark else black
        self.button_hover = mix(self.button, self.accent, 0.12)
        self.button_pressed = mix(self.button, self.accent, 0.24)
        self.accent_hover = self._keeping(mix(self.accent, toward, 0.15), self.on_accent, self.accent)
        self.danger_hover = self._keeping(mix(self.danger, toward, 0.15), self.on_danger, self.danger)
        # A ring in the accent colour cannot be seen on an accent fill (and style sheets have no
        # outline-offset): a focused filled button is ringed in the text colour. High-contrast
        # themes outline their buttons instead of filling them, and keep the accent ring.
        self.filled_ring = self.text
        self.primary = (
            self.on_accent,
            self.accent,
            self.accent,
            self.accent_hover,
        )  # text, fill, border, hover
        self.danger_button = (self.on_danger, self.danger, self.danger, self.danger_hover)
        if self.high_contrast:
            self.filled_ring = self.accent
            self.primary = (self.accent, self.window, self.accent, self.button_hover)
            self.danger_button = (self.danger, self.window, self.danger, self.button_hover)
        # Disabled: clearly fainter than enabled text, still readable (3:1; WCAG asks nothing of it).
        self.disabled_text = readable(mix(self.text, self.window, 0.55), self.window, RING_CONTRAST)
        self.disabled_fill = mix(self.button, self.window, 0.5)
        self.disabled_border = mix(self.border, self.window, 0.5)
        # A progress bar's groove. In high contrast it is the window's black, outlined in white: a grey
        # groove would become the bar's palette window (the sheet's background does that), and the
        # countdown, which takes its colour from its own palette, would then be a dark yellow on grey.
        self.track = self.window if self.high_contrast else mix(self.window, self.text, 0.15)
        self.track_border = self.text if self.high_contrast else self.track
        # Check boxes and radio buttons: a base-coloured box outlined at 3:1 (Fusion's own outline is
        # the window a little darker: invisible in dark and high contrast); on, the accent filled,
        # with a tick or a dot in the colour that reads on the accent.
        self.indicator_fill = self.surface
        self.indicator_border = self.border
        self.indicator_mark = "black" if self.on_accent.lightness() < 128 else "white"
        # Scroll bars: a faint track, a handle in the border colour (3:1), darker under the pointer.
        self.scroll_track = self.window if self.high_contrast else mix(self.window, self.text, 0.06)
        self.scroll_handle = readable(self.border, self.scroll_track, RING_CONTRAST)
        self.scroll_hover = self.accent if self.high_contrast else mix(self.border, self.text, 0.4)
        self.link = readable(palette.color(QPalette.ColorRole.Link), self.window, TEXT_CONTRAST)
        self.tones = {
            role: palette_color(palette, role)
            for role in (Role.ACCENT, Role.SUCCESS, Role.WARNING, Role.DANGER, Role.MUTED, Role.TEXT)
        }
        self.chips: dict[str, tuple[QColor, QColor]] = {}
        for chip, role in CHIP_ROLES.items():
            ink = self.tones[role]
            fill = self.window if self.high_contrast else mix(self.window, ink, 0.12)
            self.chips[chip] = (readable(ink, fill, TEXT_CONTRAST), fill)

    @staticmethod
    def _keeping(fill: QColor, ink: QColor, fallback: QColor) -> QColor:
        """``fill`` if ``ink`` stays readable on it, else ``fallback``."""
        return fill if contrast(ink, fill) >= TEXT_CONTRAST else fallback


def sheet_for(palette: QPalette) -> str:
    """The application's style sheet for ``palette``."""
    c = Colours(palette)
    h = _hex
    # Every button keeps RING px of transparent margin around its border: focused, the ring
    # takes that margin and the border's pixel, so it shows outside the button's own edge.
    m = RING
    pad = f"{_PAD_Y}px {_PAD_X}px"
    pad_focused = f"{_PAD_Y + 1 + m - RING}px {_PAD_X + 1 + m - RING}px"
    p_text, p_fill, p_border, p_hover = c.primary
    d_text, d_fill, d_border, d_hover = c.danger_button
    tones = "\n".join(
        f'QLabel[tone="{role.value}"], QProgressBar[tone="{role.value}"] {{ color: {h(ink)}; }}'
        for role, ink in c.tones.items()
    )
    # High contrast: every bar in the accent's yellow, the one colour bars have there.
    bar_inks = {role: c.accent if c.high_contrast else ink for role, ink in c.tones.items()}
    bars = "\n".join(
        f'QProgressBar[tone="{role.value}"]::chunk {{ background: {h(ink)}; }}'
        for role, ink in bar_inks.items()
    )
    chips = "\n".join(
        f'QLabel[chip="{chip}"] {{ color: {h(ink)}; background: {h(fill)}; border: 1px solid {h(ink)};'
        f" border-radius: {Radius.M}px; padding: 1px {Space.S}px; }}"
        for chip, (ink, fill) in c.chips.items()
    )
    return f"""
QPushButton {{
    color: {h(c.button_text)};
    border: 1px solid {h(c.border)}; border-radius: {Radius.S}px; margin: {m}px;
    padding: {pad}; min-height: {_CONTENT_HEIGHT}px; min-width: {Space.XXL * 2}px;
    qproperty-iconSize: {BUTTON_ICON + BUTTON_ICON_GAP}px {BUTTON_ICON}px;
}}
QPushButton:!flat {{ background: {h(c.button)}; }}
QPushButton:!flat:hover {{ background: {h(c.button_hover)}; }}
QPushButton:!flat:pressed, QPushButton:!flat:checked {{ background: {h(c.button_pressed)}; }}
QPushButton:focus {{
    outline: none; margin: 0; border: {RING}px solid {h(c.accent)}; padding: {pad_focused};
}}
QPushButton:disabled {{ color: {h(c.disabled_text)}; border-color: {h(c.disabled_border)}; }}
QPushButton:!flat:disabled {{ background: {h(c.disabled_fill)}; }}
QPushButton[role="primary"] {{ color: {h(p_text)}; border-color: {h(p_border)}; }}
QPushButton[role="primary"]:!flat {{ background: {h(p_fill)}; }}
QPushButton[role="primary"]:!flat:hover {{ background: {h(p_hover)}; }}
QPushButton[role="danger"] {{ color: {h(d_text)}; border-color: {h(d_border)}; }}
QPushButton[role="danger"]:!flat {{ background: {h(d_fill)}; }}
QPushButton[role="danger"]:!flat:hover {{ background: {h(d_hover)}; }}
QPushButton[role="primary"]:focus, QPushButton[role="danger"]:focus {{ border-color: {h(c.filled_ring)}; }}
QPushButton[role="primary"]:disabled, QPushButton[role="danger"]:disabled {{
    color: {h(c.disabled_text)}; border-color: {h(c.disabled_border)};
}}
QPushButton[role="primary"]:!flat:disabled, QPushButton[role="danger"]:!flat:disabled {{
    background: {h(c.disabled_fill)};
}}
QPushButton[link="true"] {{
    color: {h(c.link)}; text-decoration: underline;
    border: {RING}px solid transparent; border-radius: {Radius.S}px; margin: 0;
    padding: {Space.XS - RING}px {Space.XS}px; min-width: 0; min-height: 0;
}}
QPushButton[link="true"]:hover {{ color: {h(c.accent)}; }}
QPushButton[link="true"]:focus {{ border-color: {h(c.accent)}; padding: {Space.XS - RING}px {Space.XS}px; }}
QPushButton[link="true"]:disabled {{ color: {h(c.disabled_text)}; border-color: transparent; }}
QLineEdit, QPlainTextEdit, QTextEdit {{
    color: {h(c.field_text)}; background: {h(c.surface)};
    border: 1px solid {h(c.border)}; border-radius: {Radius.S}px;
    selection-color: {h(c.on_accent)}; selection-background-color: {h(c.accent)};
}}
QLineEdit {{ padding: {_PAD_Y}px {Space.S - 1}px; min-height: {_CONTENT_HEIGHT}px; }}
QPlainTextEdit, QTextEdit {{ padding: {Space.XS - 1}px; }}
QLineEdit:focus {{ border: {RING}px solid {h(c.accent)}; padding: {_PAD_Y - 1}px {Space.S - RING}px; }}
QPlainTextEdit:focus, QTextEdit:focus {{
    border: {RING}px solid {h(c.accent)}; padding: {Space.XS - RING}px;
}}
QLineEdit[invalid="true"] {{ border-color: {h(c.danger)}; }}
QLineEdit[invalid="true"]:focus {{ border-color: {h(c.accent)}; }}
QLineEdit:disabled, QPlainTextEdit:disabled, QTextEdit:disabled {{
    color: {h(c.disabled_text)}; background: {h(c.disabled_fill)}; border-color: {h(c.disabled_border)};
}}
QLineEdit[readOnly="true"] {{ background: {h(c.window)}; }}
QComboBox {{
    color: {h(c.button_text)}; background: {h(c.button)};
    border: 1px solid {h(c.border)}; border-radius: {Radius.S}px;
    padding: {_PAD_Y - 1}px {Space.S - 1}px; min-height: {_CONTENT_HEIGHT}px;
}}
QComboBox:editable {{ color: {h(c.field_text)}; background: {h(c.surface)}; }}
QComboBox:focus {{ border: {RING}px solid {h(c.accent)}; padding: {_PAD_Y - RING}px {Space.S - RING}px; }}
QComboBox:disabled {{ color: {h(c.disabled_text)}; border-color: {h(c.disabled_border)}; }}
QComboBox QAbstractItemView {{
    color: {h(c.text)}; background: {h(c.surface)}; border: 1px solid {h(c.border)};
}}
QComboBox QLineEdit, QAbstractSpinBox QLineEdit {{
    border: none; padding: 0; min-height: 0; background: transparent;
}}
QCheckBox, QRadioButton {{
    spacing: {Space.S}px; border: {RING}px solid transparent; border-radius: {Radius.S}px;
    padding: {Space.XS - RING}px;
}}
QCheckBox:focus, QRadioButton:focus {{ outline: none; border-color: {h(c.accent)}; }}
QCheckBox:disabled, QRadioButton:disabled {{ color: {h(c.disabled_text)}; }}
QListView, QListWidget, QTreeView {{
    outline: none; background: {h(c.surface)}; border: 1px solid {h(c.border)};
    border-radius: {Radius.S}px; padding: 1px;
}}
QListView:focus, QListWidget:focus, QTreeView:focus {{ border: {RING}px solid {h(c.accent)}; padding: 0; }}
QListView::item, QListWidget::item {{ padding: {Space.XS}px {Space.S}px; }}
QListView::item:selected, QListWidget::item:selected {{ color: {h(c.on_accent)}; background: {h(c.accent)}; }}
QFrame[card="true"] {{
    background: {h(c.surface)}; border: 1px solid {h(c.border)}; border-radius: {Radius.M}px; margin: 1px;
}}
QFrame[card="true"]:focus {{ border: {RING}px solid {h(c.accent)}; margin: 0; }}
QProgressBar {{
    color: {h(c.text)}; background: {h(c.track)}; border: 1px solid {h(c.track_border)};
    border-radius: {Radius.S - 1}px;
    text-align: center; min-height: {Space.S - 2}px;
}}
QProgressBar::chunk {{ background: {h(c.accent)}; border-radius: {Radius.S - 1}px; }}
QToolTip {{
    color: {h(c.text)}; background: {h(c.surface)}; border: 1px solid {h(c.border)}; padding: {Space.XS}px;
}}
{_indicators(c)}
{_scroll_bars(c)}
{_high_contrast_focus(c) if c.high_contrast else ""}
{tones}
{bars}
{chips}
"""


def _mark(name: str) -> str:
    """A check box's tick or a radio button's dot, as a style-sheet url (none if the file is missing).

    An SVG in resources/icons/ui/: Qt reads it only when a box is first drawn checked, and draws
    it at the screen's pixel ratio (sharp at scale 2)."""
    path = find_resource(f"icons/ui/{name}.svg")
    return f"image: url({path.as_posix()});" if path else ""


def _indicators(c: Colours) -> str:
    side = Space.L - 2  # Fusion's own size: 14 px inside a 1 px outline
    h = _hex
    return f"""
QCheckBox::indicator, QRadioButton::indicator {{
    width: {side}px; height: {side}px;
    border: 1px solid {h(c.indicator_border)}; background: {h(c.indicator_fill)};
}}
QCheckBox::indicator {{ border-radius: {Radius.S - 1}px; }}
QRadioButton::indicator {{ border-radius: {side // 2 + 1}px; }}
QCheckBox::indicator:hover, QRadioButton::indicator:hover {{ border-color: {h(c.accent)}; }}
QCheckBox::indicator:checked, QRadioButton::indicator:checked {{
    background: {h(c.accent)}; border-color: {h(c.accent)};
}}
QCheckBox::indicator:checked {{ {_mark("indicator-check-" + c.indicator_mark)} }}
QRadioButton::indicator:checked {{ {_mark("indicator-dot-" + c.indicator_mark)} }}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{
    border-color: {h(c.disabled_border)}; background: {h(c.disabled_fill)};
}}
"""


def _scroll_bars(c: Colours) -> str:
    """Thin, rounded and without arrow buttons; the handle at 3:1 on the window."""
    thick, inset = Space.M, Space.XS // 2
    h = _hex
    return f"""
QScrollBar:vertical {{ background: {h(c.scroll_track)}; width: {thick}px; margin: 0; border: none; }}
QScrollBar:horizontal {{ background: {h(c.scroll_track)}; height: {thick}px; margin: 0; border: none; }}
QScrollBar::handle {{
    background: {h(c.scroll_handle)}; border-radius: {thick // 2 - inset}px; margin: {inset}px;
}}
QScrollBar::handle:vertical {{ min-height: {Space.XXL}px; }}
QScrollBar::handle:horizontal {{ min-width: {Space.XXL}px; }}
QScrollBar::handle:hover, QScrollBar::handle:pressed {{ background: {h(c.scroll_hover)}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; background: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
"""


def _high_contrast_focus(c: Colours) -> str:
    """High contrast outlines its primary and danger buttons in their colour, so a thicker ring of
    the same yellow would hardly show: focused, they fill instead (black text on the colour)."""
    h = _hex
    return f"""
QPushButton[role="primary"]:!flat:focus, QPushButton[role="primary"]:!flat:focus:hover {{
    color: {h(c.on_accent)}; background: {h(c.accent)}; border-color: {h(c.text)};
}}
QPushButton[role="danger"]:!flat:focus, QPushButton[role="danger"]:!flat:focus:hover {{
    color: {h(c.on_danger)}; background: {h(c.danger)}; border-color: {h(c.text)};
}}
"""


def style_sheet(widget: QWidget) -> str:
    """The application's style sheet for ``widget``'s palette."""
    return sheet_for(widget.palette())


class _PaletteFollower(QObject):
    """Makes the sheet again when the application palette changes.

    It listens to the application's ``paletteChanged`` signal rather than
    filtering its events: an event filter on the application sees every event
    of every object, and PySide6 then builds a Python type for each new kind
    of object it meets (docs/performance.md: up to 30 ms before the first paint).
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        app.paletteChanged.connect(self.follow)

    def follow(self, *_: object) -> None:
        _apply(self.app)


def _apply(app: QApplication) -> None:
    sheet = sheet_for(app.palette())
    if sheet != app.styleSheet():  # the same sheet again would restyle every widget for nothing
        app.setStyleSheet(sheet)


_followers: list[_PaletteFollower] = []


def install(app: QApplication) -> None:
    """Set the style sheet on ``app``, and again whenever its palette changes (once is enough)."""
    _apply(app)
    # Not app.findChild(): PySide6 would make a Python object of every child to compare (~10 ms).
    if not any(follower.app is app for follower in _followers):
        _followers.append(_PaletteFollower(app))


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
    """A label's (or a progress bar's) colour by meaning (None: the window's text)."""
    label.setProperty("tone", role.value if role is not None else "")
    _repolish(label)


def set_chip(label: QWidget, chip: str) -> None:
    """A state chip: "ready", "waiting", "disabled" or "problem"."""
    if chip not in CHIPS:
        raise ValueError(f"unknown chip {chip!r}")
    label.setProperty("chip", chip)
    _repolish(label)


def set_invalid(field: QWidget, invalid: bool) -> None:
    """A field whose value is refused: its outline in the danger colour (with a message under it)."""
    field.setProperty("invalid", "true" if invalid else "")
    _repolish(field)


def make_card(frame: QWidget) -> None:
    """A card: the surface colour, a border and rounded corners (a focus ring if it takes focus)."""
    frame.setProperty("card", "true")
    _repolish(frame)
