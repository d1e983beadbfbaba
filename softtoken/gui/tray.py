"""An optional tray icon (where the desktop has a tray): show the token window, lock, quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from .text import tr

if TYPE_CHECKING:
    from .token_window import TokenWindow


def add_tray_icon(window: TokenWindow) -> QSystemTrayIcon | None:
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    from .resources import app_icon

    tray = QSystemTrayIcon(app_icon(), window)
    tray.setToolTip(tr("softtoken"))
    menu = QMenu(window)
    menu.addAction(tr("Show softtoken"), window.show_front)
    menu.addAction(tr("&Lock"), window.lock)
    menu.addSeparator()
    menu.addAction(tr("&Quit"), window.quit_requested.emit)  # the app, as the menu's Quit
    tray.setContextMenu(menu)
    tray.activated.connect(lambda _reason: window.show_front())
    tray.show()
    return tray
