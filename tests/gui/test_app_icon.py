"""The app icon is on every window: the first-run wizard, the token window, the support card."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.policy import Policy
from softtoken.gui.app import Controller
from tests.gui.fresh_process import PRINT_QTSVG_LOADED, output_lines
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault


def _windows_without_icon() -> list[str]:
    return [
        type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowIcon().isNull()
    ]


def test_the_first_run_wizard_carries_the_app_icon_after_its_first_paint(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    qapp.setWindowIcon(QIcon())  # as at start: set only once the first window has painted
    controller = Controller(
        lambda: make_vault(tmp_path / "home", memory_keyring), Policy(), FixedClock(59), tmp_path / "home"
    )
    controller.start()
    wizard = controller.wizard
    assert wizard is not None
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: not qapp.windowIcon().isNull())
    assert wizard.isVisible() and _windows_without_icon() == []


def test_the_token_window_and_the_support_card_carry_the_app_icon(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    qapp.setWindowIcon(QIcon())
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    vault.activate(description(), "EPCS", PIN, PIN)
    controller = Controller(vault, vault.policy, vault.clock)
    qtbot.addWidget(controller.window)
    controller.start()
    qtbot.waitUntil(lambda: controller.window.built and not qapp.windowIcon().isNull())
    controller.support()
    qtbot.addWidget(controller.support_dialog)
    qtbot.waitExposed(controller.support_dialog)
    assert _windows_without_icon() == []


def test_the_app_icon_is_drawn_without_qtsvg() -> None:
    """QtSvg and its icon engine stay unloaded: the icon comes from its PNG sizes (~1.2 MB less)."""
    code = (
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "from softtoken.gui.resources import APP_ICON_SIZES, app_icon\n"
        "app = QApplication([])\n"
        "icon = app_icon()\n"
        "app.setWindowIcon(icon)\n"
        "window = QWidget(); window.show(); app.processEvents()\n"
        "assert not icon.pixmap(32, 32).isNull()\n"
        "print(sorted(size.width() for size in icon.availableSizes()) == list(APP_ICON_SIZES))\n"
    ) + PRINT_QTSVG_LOADED
    assert output_lines(code)[-2:] == ["True", "False"]  # every PNG size; no QtSvg
