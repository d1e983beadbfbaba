"""What a prescriber can read on screen, and whether any of it is English.

:func:`visible_texts` gathers every text of the visible windows: labels, buttons, window
titles, wizard page titles, tooltips, accessible names and descriptions, placeholders,
read-only text boxes, list rows, combo-box items, table headers, menu items (the menu bar's
menus, whether open or not) and the widgets of any open dialog or message box.

:class:`EnglishFinder` says which of those texts hold English: a word of the app's own English
(every word of the catalog's English sources, less the words Spanish uses too, as "token" and
"PIN") or of Qt's own buttons and dialogs, once proper names, numbers, paths, links, serials
and setting names are taken out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from defusedxml import ElementTree as ET
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QProgressBar,
    QTabBar,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
    QWizard,
)

CATALOG = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "softtoken_es.ts"

# Words that are names, in any language: products, standards, the test's tokens and issuer.
PROPER_NAMES = {
    "softtoken", "pin", "pins", "totp", "hotp", "qr", "pskc", "epcs", "acme", "health", "otpauth",
    "google", "authenticator", "gnome", "keyring", "kwallet", "secret", "service", "windows",
    "macos", "linux", "sha", "rfc", "nist", "oath", "utc", "cst", "cdt", "python", "qt", "pyside",
    "argon", "argon2id", "kib", "mib", "ctrl", "tab", "toml", "json", "zip", "dir", "jones", "dr",
    "programdata", "png", "jpeg", "jpg", "gif", "bmp", "webp", "pskcxml", "xml", "id", "http",
    "https", "vault", "stv",
}  # fmt: skip

# Qt's own English on buttons and in its dialogs (the words, lower-case).
QT_WORDS = {
    "back", "next", "cancel", "finish", "commit", "help", "yes", "ok", "open", "save", "close",
    "apply", "reset", "discard", "abort", "retry", "ignore", "look", "file", "files", "type",
    "name", "size", "date", "modified", "directory", "folder", "detail", "list", "view", "parent",
    "create", "new", "forward", "recent", "places", "computer", "show", "hidden", "delete",
    "rename", "all", "undo", "redo", "cut", "copy", "paste", "select", "choose", "details",
    "hide", "sidebar", "kind", "continue", "done", "quit", "go",
}  # fmt: skip

_NOT_WORDS = [
    re.compile(r"\S+://\S*"),  # links (otpauth://…, https://…)
    re.compile(r"(?<!\w)[~/]\S*"),  # paths
    re.compile(r"\$\w+"),  # $SOFTTOKEN_HOME
    re.compile(r"--[\w-]+"),  # options
    re.compile(r"\S*\d\S*"),  # numbers, serials, versions, times, platform strings
    re.compile(r"\b\w+(?:[._]\w+)+\b"),  # dotted module names, snake_case setting names, dr.jones
    re.compile(r"\(\*[^)]*\)"),  # file filters' patterns
]
_WORD = re.compile(r"[^\W\d_]+")


def _catalog() -> tuple[set[str], set[str]]:
    root = ET.parse(CATALOG).getroot()
    english: set[str] = set()
    spanish: set[str] = set()
    for message in root.iter("message"):
        english |= words(message.findtext("source") or "")
        spanish |= words(message.findtext("translation") or "")
    return english, spanish


def words(text: str) -> set[str]:
    """The lower-case words of ``text`` (no mnemonic ampersands, no placeholders)."""
    text = re.sub(r"\{\w+\}", " ", text.replace("&", ""))
    return {w.lower() for w in _WORD.findall(text) if len(w) > 1}


class EnglishFinder:
    def __init__(self, names: Iterable[str] = ()) -> None:
        english, self.spanish = _catalog()
        self.allowed = PROPER_NAMES | {w for name in names for w in words(name)}
        self.english = (english | QT_WORDS) - self.spanish - self.allowed

    def plain(self, text: str) -> str:
        """``text`` without what is never a word of a language (links, paths, numbers, names)."""
        text = text.replace("&", "")
        for pattern in _NOT_WORDS:
            text = pattern.sub(" ", text)
        return text

    def english_words(self, text: str) -> list[str]:
        return sorted({w for w in words(self.plain(text)) if w in self.english})

    def left_over(self, text: str) -> list[str]:
        """The words of ``text`` that are neither names nor used by the Spanish catalog."""
        return sorted(w for w in words(self.plain(text)) if w not in self.allowed and w not in self.spanish)


# --------------------------------------------------------------------------- gathering


def _add(found: set[str], *texts: object) -> None:
    for text in texts:
        if isinstance(text, str) and text.strip():
            found.add(text.strip())


def _view_texts(found: set[str], view: QAbstractItemView) -> None:
    """A list's rows (name, detail, tooltip, what a screen reader says); a table's or tree's headers.

    A file dialog's rows are the disk's file names, not words of the app: only its headers.
    (The token window's list is cards: their labels, tooltips and names are read as widgets.)
    """
    if isinstance(view, QListWidget):
        for row in range(view.count()):
            item = view.item(row)
            _add(found, item.text(), item.toolTip(), item.data(Qt.ItemDataRole.AccessibleTextRole))
        return
    header = (
        view.header()
        if isinstance(view, QTreeView)
        else view.horizontalHeader()
        if isinstance(view, QTableView)
        else None
    )
    model = view.model()
    if header is not None and model is not None:
        for section in range(header.count()):
            _add(found, model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))


def _menu_texts(found: set[str], menu: QMenu | QMenuBar) -> None:
    for action in menu.actions():
        _add(
            found,
            action.text(),
            action.toolTip() if action.toolTip() != action.text().replace("&", "") else "",
        )
        if action.menu() is not None:
            _add(found, action.menu().title())
            _menu_texts(found, action.menu())


def _edit_texts(widget: QLineEdit | QPlainTextEdit | QTextEdit) -> list[str]:
    """A field's placeholder, and its text when the app wrote it (read-only), not the prescriber."""
    texts = [widget.placeholderText()]
    if widget.isReadOnly():
        texts += (
            widget.text().splitlines() if isinstance(widget, QLineEdit) else widget.toPlainText().splitlines()
        )
    return texts


def _own_texts(widget: QWidget) -> list[str]:
    """The texts a widget of this kind shows itself."""
    if isinstance(widget, QLabel | QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        return _edit_texts(widget)
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QComboBox):
        return [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QProgressBar) and widget.isTextVisible():
        return [widget.text()]
    return []


def widget_texts(widget: QWidget, found: set[str]) -> None:
    _add(found, widget.toolTip(), widget.accessibleName(), widget.accessibleDescription(), widget.whatsThis())
    if widget.isWindow():
        _add(found, widget.windowTitle())
    _add(found, *_own_texts(widget))
    if isinstance(widget, QMenuBar):
        _menu_texts(found, widget)
    elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
        _view_texts(found, widget)
    elif isinstance(widget, QWizard) and widget.currentPage() is not None:
        _add(found, widget.currentPage().title(), widget.currentPage().subTitle())
    for action in widget.actions():
        _add(found, action.text(), action.toolTip() if action.text() else "")


def windows() -> list[QWidget]:
    """The top-level widgets there are now (to leave out, later, those other tests left open)."""
    # Only the visible ones: a hidden dialog may be deleted by Qt later, and a new dialog made at its
    # address would then come back as the same Python object and be taken for one left open.
    return [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]


def visible_texts(ignore: list[QWidget] = ()) -> set[str]:  # type: ignore[assignment]
    """Every text of every visible window (but those in ``ignore``), its visible widgets and menus."""
    found: set[str] = set()
    for top in QApplication.topLevelWidgets():
        if not top.isVisible() or isinstance(top, QMenu) or any(top is old for old in ignore):
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            if widget.isVisible() or isinstance(widget, QMenuBar):
                widget_texts(widget, found)
    return found
