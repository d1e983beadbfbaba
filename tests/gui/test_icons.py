"""The icon set: a file for every name, drawn sharp at 1x and 2x, in the theme's colours."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette, QPixmap
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from softtoken.gui import icons, style
from softtoken.gui.resources import find_resource
from softtoken.gui.style import Role, contrast, dark_palette


def _ink(image: QImage) -> set[int]:
    """The opaque colours an image is drawn in."""
    return {
        image.pixelColor(x, y).rgb()
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() == 255
    }


@pytest.fixture
def theme(qapp: QApplication) -> Iterator[QApplication]:
    assert isinstance(qapp, QApplication)
    yield qapp
    style.use_theme(qapp, "light")


@pytest.mark.parametrize("name", icons.NAMES)
def test_every_icon_has_its_file_and_draws_at_1x_and_2x(qapp: QApplication, name: str) -> None:
    path = find_resource(f"icons/ui/{name}.svg")
    assert path is not None and "currentColor" in path.read_text(encoding="utf-8")
    for ratio in (1.0, 2.0):
        drawn = icons.pixmap(name, 24, ratio=ratio)
        assert (drawn.width(), drawn.height()) == (round(24 * ratio), round(24 * ratio))
        assert drawn.devicePixelRatio() == ratio
        assert _ink(drawn.toImage()), f"{name} draws nothing at {ratio}x"


def test_the_icons_licence_ships_beside_them() -> None:
    licence = find_resource("icons/ui/LICENSE")
    assert licence is not None and "ISC License" in licence.read_text(encoding="utf-8")


def test_icons_are_drawn_in_the_themes_ink(qtbot: QtBot, theme: QApplication) -> None:
    light_label = icons.IconLabel("warning", 32)
    qtbot.addWidget(light_label)
    light_label.show()  # a label is drawn again when it is next painted
    qtbot.waitExposed(light_label)
    light = _ink(light_label.pixmap().toImage())
    style.use_theme(theme, "dark")
    qtbot.waitUntil(lambda: _ink(light_label.pixmap().toImage()) != light)  # redrawn by itself
    dark = _ink(light_label.pixmap().toImage())
    assert light and dark
    window = light_label.palette().color(QPalette.ColorRole.Window)
    assert max(contrast(QColor.fromRgb(c), window) for c in dark) >= 4.5


def test_a_role_tints_an_icon(qapp: QApplication) -> None:
    label = icons.IconLabel("ready", 24, Role.SUCCESS)
    plain = icons.IconLabel("ready", 24)
    assert _ink(label.pixmap().toImage()) != _ink(plain.pixmap().toImage())
    assert label.role is Role.SUCCESS and label.name == "ready"


def test_an_icon_label_is_named_for_screen_readers(qapp: QApplication) -> None:
    assert icons.IconLabel("warning", 16).accessibleName() == "Warning"
    assert icons.IconLabel("qr", 16, accessible="Scan a QR code").accessibleName() == "Scan a QR code"
    label = icons.IconLabel("waiting", 16)
    label.set_icon("ready", Role.SUCCESS)
    assert label.accessibleName() == "Ready" and label.name == "ready"


def test_an_icon_label_is_its_icons_size_and_sharp_on_a_2x_screen(qapp: QApplication) -> None:
    label = icons.IconLabel("lock", 24)
    assert (label.width(), label.height()) == (24, 24)
    assert label.pixmap().devicePixelRatio() == label.devicePixelRatioF()


def test_an_icon_label_is_drawn_again_when_its_colours_change(qtbot: QtBot, theme: QApplication) -> None:
    """A new palette (a theme, the style sheet again) repaints the label, which draws the icon
    again in the new colour; a repaint in the same colours draws nothing (the picture is kept)."""
    label = icons.IconLabel("lock", 24)
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    qtbot.waitUntil(lambda: not label.pixmap().isNull())
    light = _ink(label.pixmap().toImage())
    drawn = icons._drawn.cache_info()
    label.repaint()
    assert icons._drawn.cache_info() == drawn  # nothing changed: not drawn again
    theme.setPalette(dark_palette())
    qtbot.waitUntil(lambda: _ink(label.pixmap().toImage()) != light)


def test_drawn_icons_are_kept(qapp: QApplication) -> None:
    icons._drawn.cache_clear()
    icons.pixmap("copy", 16, ratio=1.0)
    icons.pixmap("copy", 16, ratio=1.0)
    assert icons._drawn.cache_info().hits == 1
    icons.pixmap("copy", 16, ratio=2.0)
    assert icons._drawn.cache_info().misses == 2


def test_a_buttons_qicon_holds_only_the_button_size(qapp: QApplication) -> None:
    """One size at 1x and 2x, unfocused and focused: every other size would be memory kept for nothing."""
    from PySide6.QtGui import QIcon

    from softtoken.gui.style.sheet import BUTTON_ICON, BUTTON_ICON_GAP

    made = icons.icon("copy")
    assert not made.isNull()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Active):
        wide, high = BUTTON_ICON + BUTTON_ICON_GAP, BUTTON_ICON
        sizes = {(s.width(), s.height()) for s in made.availableSizes(mode)}
        assert sizes == {(wide, high), (2 * wide, 2 * high)}


def test_an_unknown_icon_is_an_error(qapp: QApplication) -> None:
    with pytest.raises(ValueError, match="no icon named 'smile'"):
        icons.pixmap("smile", 16)
    with pytest.raises(ValueError, match="no icon named"):
        icons.IconLabel("smile", 16)
    with pytest.raises(ValueError, match="no icon named"):
        icons.icon("smile")


def test_the_dark_palette_draws_light_ink(qapp: QApplication) -> None:
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    widget.setPalette(dark_palette())
    ink = icons.ink(widget)
    assert ink == style.color(widget, Role.TEXT).name()


def test_an_icon_label_made_before_any_icon_was_drawn_draws_after_its_first_paint(qtbot: QtBot) -> None:
    """At start-up no icon was drawn yet: the label paints empty once, and draws in the next turn."""
    label = icons.IconLabel("info", 24)
    qtbot.addWidget(label)
    label._waiting = True  # as if made before any icon was drawn
    label.setPixmap(QPixmap())
    label.show()
    qtbot.waitUntil(lambda: not label.pixmap().isNull())
    assert not label._waiting


def test_qtsvg_is_not_loaded_by_importing_the_icons(tmp_path: Path) -> None:
    code = "import sys, softtoken.gui.icons; print('PySide6.QtSvg' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_a_qr_code_is_pure_black_and_white_at_every_scale(qapp: QApplication, ratio: float) -> None:
    """Drawn at the screen's pixel ratio, whole device pixels a module: never smoothed to grey."""
    from softtoken.gui.qr_image import qr_pixmap

    once = qr_pixmap("pia://container/SMPH0000D181?issuer=ACME", module=3, ratio=1.0)
    drawn = qr_pixmap("pia://container/SMPH0000D181?issuer=ACME", module=3, ratio=ratio)
    assert drawn.devicePixelRatio() == ratio
    assert drawn.deviceIndependentSize() == once.deviceIndependentSize()  # the same logical size
    assert drawn.width() == round(once.width() * ratio)
    image = drawn.toImage()
    colours = {image.pixel(x, y) & 0xFFFFFF for y in range(image.height()) for x in range(image.width())}
    assert colours == {0x000000, 0xFFFFFF}


def test_a_primary_buttons_icon_is_drawn_in_its_text_colour(qtbot: QtBot) -> None:
    """White on the blue fill, not the window's black text (the Copy button)."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QPushButton

    from softtoken.gui.style import set_role
    from softtoken.gui.style.sheet import Colours

    button = QPushButton("Copy")
    qtbot.addWidget(button)
    set_role(button, "primary")
    button.show()  # polished by the style sheet, which gives the button a palette of its own
    qtbot.waitExposed(button)
    made = icons.icon("copy", button).pixmap(48, 48, QIcon.Mode.Normal).toImage()
    inks = {
        made.pixelColor(x, y).name()
        for y in range(made.height())
        for x in range(made.width())
        if made.pixelColor(x, y).alpha() == 255
    }
    assert inks == {Colours(QApplication.palette()).on_accent.name()}
