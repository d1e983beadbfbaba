"""The token window's list of tokens: each row the name, then its serial and state, wrapped to fit.

A plain QListWidget row is one unwrapped text: a long serial or state line
ran off to the right behind a horizontal scrollbar, or was clipped. Here a
delegate draws the name in bold and the serial · state line below it, both
word-wrapped to the list's width, and each row is as tall as its text
(1024×768, scale 2 and long names included). No horizontal scrolling.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from softtoken.core.vault.vault import TokenStatus

from .text import tr
from .token_pages import state_line

DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1  # the serial · state line
PADDING = 6  # around a row's text, and between its two lines
Index = QModelIndex | QPersistentModelIndex


def _wrap_flags(metrics: QFontMetrics, width: int, text: str) -> int:
    """Wrap at spaces; inside a word only when one word alone is wider than the row."""
    words = int(Qt.TextFlag.TextWordWrap)
    if metrics.boundingRect(QRect(0, 0, max(width, 1), 100_000), words, text).width() <= width:
        return words
    return words | int(Qt.TextFlag.TextWrapAnywhere)


def _wrapped(metrics: QFontMetrics, width: int, text: str) -> QRect:
    return metrics.boundingRect(QRect(0, 0, max(width, 1), 100_000), _wrap_flags(metrics, width, text), text)


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSize(font.pointSize() + 4)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class TokenRowDelegate(QStyledItemDelegate):
    """Paints a row as two wrapped lines: the name (bold), then serial · state."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        name_font = QFont(option.font)
        name_font.setBold(True)
        return name_font, QFont(option.font)

    def _text_width(self) -> int:
        return self._view.viewport().width() - 2 * PADDING

    def _layout(self, option: QStyleOptionViewItem, index: Index, left: int, top: int) -> tuple[QRect, QRect]:
        name_font, detail_font = self._fonts(option)
        width = self._text_width()
        name = _wrapped(QFontMetrics(name_font), width, str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        detail = _wrapped(QFontMetrics(detail_font), width, str(index.data(DETAIL_ROLE) or ""))
        name_rect = QRect(left + PADDING, top + PADDING, width, name.height())
        detail_rect = QRect(left + PADDING, name_rect.bottom() + 1 + PADDING // 2, width, detail.height())
        return name_rect, detail_rect

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        _name, detail_rect = self._layout(option, index, 0, 0)
        return QSize(self._view.viewport().width(), detail_rect.bottom() + 1 + PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        rect: QRect = option.rect
        text = option.text
        option.text = ""  # the style draws the background, selection and focus
        widget = option.widget
        style = widget.style() if widget is not None else self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        name_font, detail_font = self._fonts(option)
        name_rect, detail_rect = self._layout(option, index, rect.left(), rect.top())
        detail = str(index.data(DETAIL_ROLE) or "")
        painter.save()
        painter.setPen(palette.color(role))
        for font, box, line in ((name_font, name_rect, text), (detail_font, detail_rect, detail)):
            painter.setFont(font)
            painter.drawText(box, _wrap_flags(QFontMetrics(font), box.width(), line), line)
        painter.restore()


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
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-wrap when the window is resized
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setItemDelegate(TokenRowDelegate(self.list))
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
            detail = state_line(status, now)
            item = QListWidgetItem(status.name)  # plain text: the delegate draws it, never as markup
            item.setData(Qt.ItemDataRole.UserRole, status.token_id)
            item.setData(DETAIL_ROLE, detail)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{status.name}, {detail}")
            item.setToolTip(f"{status.name}\n{detail}")
            self.list.addItem(item)
        self.list.setCurrentRow(0)

    def rows(self) -> list[tuple[str, str]]:
        """What each row says: (name, serial · state)."""
        items = (self.list.item(row) for row in range(self.list.count()))
        return [(item.text(), str(item.data(DETAIL_ROLE))) for item in items]

    def _open_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
