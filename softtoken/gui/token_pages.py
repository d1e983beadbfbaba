"""The token window's list of tokens, and the line saying each token's serial and state.

The token window's pages are built right after its first paint (see
token_window.py), so that start-up pays only for an empty window: this list
(here), the PIN (pin_page.py), the passcode (code_page.py), and the disabled
token and unreadable vault (trouble_pages.py).
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from softtoken.core.vault.vault import TokenStatus

from .labels import title as _title
from .text import tr


def local_hhmm(ts: float) -> str:
    return QDateTime.fromSecsSinceEpoch(int(ts)).toString("HH:mm")


def state_line(status: TokenStatus, now: float) -> str:
    serial = tr("Serial {serial}").format(serial=status.serial) if status.serial else tr("No serial")
    if status.state == "disabled":
        state = tr("disabled")
    elif now < status.sync_until:
        state = tr("waiting for network sync until {time}").format(time=local_hhmm(status.sync_until))
    else:
        state = tr("ready")
    return f"{serial} · {state}"


class TokenListPage(QWidget):
    chosen = Signal(str)  # token_id

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("listPage")
        layout = QVBoxLayout(self)
        layout.addWidget(_title(tr("Choose a token")))
        self.list = QListWidget()
        self.list.setObjectName("tokenList")
        self.list.setAccessibleName(tr("Your tokens"))
        self.list.itemActivated.connect(lambda item: self.chosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        layout.addWidget(self.list)
        self.open_button = QPushButton(tr("Open"))
        self.open_button.setObjectName("openTokenButton")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open_current)
        layout.addWidget(self.open_button, alignment=Qt.AlignmentFlag.AlignRight)

    def set_tokens(self, tokens: list[TokenStatus], now: float) -> None:
        self.list.clear()
        for status in tokens:
            item = QListWidgetItem(f"{status.name}\n{state_line(status, now)}")
            item.setData(Qt.ItemDataRole.UserRole, status.token_id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{status.name}, {state_line(status, now)}")
            self.list.addItem(item)
        self.list.setCurrentRow(0)

    def _open_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
