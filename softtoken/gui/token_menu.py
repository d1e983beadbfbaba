"""The token window's menu bar and its window-wide shortcuts (Copy, Escape), made once it is built."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar

from .text import tr

if TYPE_CHECKING:
    from .token_window import TokenWindow


def build_menu(window: TokenWindow) -> QMenuBar:
    """Token (add, replace, move into the chip, lock, quit) and Help (support card); the shortcuts."""
    menu_bar = QMenuBar(window)
    token_menu = menu_bar.addMenu(tr("&Token"))
    add = QAction(tr("&Add a token…"), window)
    add.triggered.connect(window.add_requested.emit)
    token_menu.addAction(add)
    replace = QAction(tr("&Replace token…"), window)
    replace.triggered.connect(lambda: window.replace_requested.emit(window._current_id(), ""))
    token_menu.addAction(replace)
    protect = QAction(tr("&Move into the security chip…"), window)
    protect.triggered.connect(window.protect_current)
    token_menu.addAction(protect)
    lock = QAction(tr("&Lock"), window)
    lock.setShortcut(QKeySequence("Ctrl+L"))
    lock.triggered.connect(window.lock)
    token_menu.addAction(lock)
    token_menu.addSeparator()
    quit_action = QAction(tr("&Quit"), window)
    quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # as wizard.common.QUIT_KEYS (Cmd+Q on macOS)
    quit_action.triggered.connect(window.quit_requested.emit)
    token_menu.addAction(quit_action)
    help_menu = menu_bar.addMenu(tr("&Help"))
    support = QAction(tr("&Support card…"), window)
    support.triggered.connect(window.support_requested.emit)
    help_menu.addAction(support)
    copy_shortcut = QAction(window)
    copy_shortcut.setShortcut(QKeySequence.StandardKey.Copy)
    copy_shortcut.triggered.connect(window.code_page.copy)
    window.addAction(copy_shortcut)
    escape = QAction(window)
    escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    escape.triggered.connect(window._escape)
    window.addAction(escape)
    return menu_bar
