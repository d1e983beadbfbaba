"""Keyboard focus is visible on the PIN page, in light and dark palettes; "Forgot PIN?" looks like a link."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.gui.app import Controller
from softtoken.gui.style import contrast, dark_palette
from softtoken.gui.token_window import TokenWindow
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, qt_fonts: None) -> TokenWindow:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    vault.activate(description(), "EPCS", PIN, PIN)
    controller = Controller(vault, vault.policy, vault.clock)
    qtbot.addWidget(controller.window)
    controller.start()
    window = controller.window
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _pixels(image: QImage) -> list[list[QColor]]:
    return [[image.pixelColor(x, y) for x in range(image.width())] for y in range(image.height())]


def _assert_ring(button: QWidget, unfocused: QImage, focused: QImage, window_colour: QColor) -> None:
    """The focused button differs from the unfocused one all around its edge, in a colour that stands out."""
    old, new = _pixels(unfocused), _pixels(focused)
    w, h = focused.width(), focused.height()
    changed = {
        (x, y)
        for y in range(h)
        for x in range(w)
        if sum(abs(a - b) for a, b in zip(old[y][x].getRgb()[:3], new[y][x].getRgb()[:3], strict=True)) > 60
    }
    edge = 4
    sides = {
        "top": any(y < edge for _, y in changed),
        "bottom": any(y >= h - edge for _, y in changed),
        "left": any(x < edge for x, _ in changed),
        "right": any(x >= w - edge for x, _ in changed),
    }
    assert all(sides.values()), f"{button.objectName()}: no focus ring on {sides}"
    ring = [new[y][x] for x, y in changed if x < edge or y < edge or x >= w - edge or y >= h - edge]
    best = max(contrast(c, window_colour) for c in ring)
    assert best >= 3.0, f"{button.objectName()}: focus ring contrast {best:.1f}:1"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_tab_shows_where_the_focus_is_on_the_pin_page(qtbot: QtBot, window: TokenWindow, dark: bool) -> None:
    if dark:
        window.setPalette(dark_palette())
    page = window.pin_page
    window_colour = page.palette().color(QPalette.ColorRole.Window)
    buttons = [page.unlock_button, page.forgot_button]
    unfocused = {b.objectName(): b.grab().toImage() for b in buttons}
    page.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(page.pin_edit.hasFocus)
    qtbot.keyClick(page.pin_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(page.show_check.hasFocus)  # "Show PIN" first, right under the field
    for button in buttons:  # the keyboard's way: Tab from the PIN field, then on
        focused_before = QApplication.focusWidget()
        assert focused_before is not None
        qtbot.keyClick(focused_before, Qt.Key.Key_Tab)
        qtbot.waitUntil(button.hasFocus)
        _assert_ring(button, unfocused[button.objectName()], button.grab().toImage(), window_colour)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_forgot_pin_looks_like_a_link(window: TokenWindow, dark: bool) -> None:
    if dark:
        window.setPalette(dark_palette())
    button = window.pin_page.forgot_button
    assert button.isFlat() and button.font().underline()
    assert button.cursor().shape() == Qt.CursorShape.PointingHandCursor
    window_colour = button.palette().color(QPalette.ColorRole.Window)
    image = button.grab().toImage()
    text_colours = {
        image.pixelColor(x, y).rgb()
        for y in range(image.height())
        for x in range(image.width())
        if contrast(image.pixelColor(x, y), window_colour) > 2.0
    }
    assert text_colours, "the link text is not drawn"
    best = max(contrast(QColor.fromRgb(c), window_colour) for c in text_colours)
    assert best >= 4.5, f"link text contrast {best:.1f}:1"
    colours = [QColor.fromRgb(c) for c in text_colours]
    assert any(c.blue() > c.red() + 40 for c in colours), "the link text is not in a link colour"


def test_enter_on_forgot_pin_follows_it(qtbot: QtBot, window: TokenWindow) -> None:
    page = window.pin_page
    page.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(page.pin_edit, Qt.Key.Key_Tab)
    qtbot.keyClick(page.show_check, Qt.Key.Key_Tab)
    qtbot.keyClick(page.unlock_button, Qt.Key.Key_Tab)
    qtbot.waitUntil(page.forgot_button.hasFocus)
    with qtbot.waitSignal(page.forgot):
        qtbot.keyClick(page.forgot_button, Qt.Key.Key_Return)
