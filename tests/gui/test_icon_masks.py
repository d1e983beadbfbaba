"""The icons are drawn from masks made of the SVGs (gui/icon_masks.py): the masks must be the SVGs
drawn now, and drawing an icon must not load QtSvg (its renderer holds ~2.5 MB for the session)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from softtoken.gui import icon_masks
from softtoken.gui.icons import NAMES
from tests.gui.fresh_process import PRINT_QTSVG_LOADED, output_lines


@pytest.mark.parametrize("name", NAMES)
def test_each_mask_is_its_svg_drawn_now(qapp: object, name: str) -> None:
    committed = QImage(str(icon_masks.SOURCE / f"{name}.png")).convertToFormat(QImage.Format.Format_ARGB32)
    fresh = icon_masks.render(name)
    assert committed.size() == fresh.size(), "run: python -m softtoken.gui.icon_masks"
    worst = max(
        abs(committed.pixelColor(x, y).alpha() - fresh.pixelColor(x, y).alpha())
        for y in range(0, fresh.height(), 3)
        for x in range(0, fresh.width(), 3)
    )
    assert worst <= 2, f"{name}.png is not {name}.svg any more: run python -m softtoken.gui.icon_masks"
    assert any(fresh.pixelColor(x, 64).alpha() for x in range(128)) or any(
        fresh.pixelColor(64, y).alpha() for y in range(128)
    ), f"{name} draws nothing"


def test_drawing_every_icon_does_not_load_qtsvg() -> None:
    code = (
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "app = QApplication([])\n"
        "from softtoken.gui import icons\n"
        "w = QWidget()\n"
        "sizes = [(s, r) for s in (16, 24, 48) for r in (1.0, 2.0)]\n"
        "drawn = [icons.pixmap(n, s, w, ratio=r) for n in icons.NAMES for s, r in sizes]\n"
        "assert all(not p.isNull() for p in drawn)\n"
    ) + PRINT_QTSVG_LOADED
    assert output_lines(code)[-1] == "False"
