"""The parts of the token window made before its first paint: the loading state and the notice lines.

Start-up is measured to the first paint of "Opening your tokens…", so these
are plain labels: no icon, no timer, not even the ``Qt`` namespace
(~20 ms; tests/gui/test_startup.py). The spinner joins the loading
state, and an icon each notice line, only once the window is built
(:meth:`LoadingPage.add_spinner`, :meth:`NoticeLine.show_message`).
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .scroll_area import own_viewport
from .style import NO_BREAK_HYPHEN, Role, Space, Type, set_tone, set_type
from .text import tr

ICON = 16
WORD_JOINER = "\u2060"  # no line break here (and nothing drawn)
PAGE_WIDTH = 640  # the widest a page gets (logical px): a passcode card on a 1024 px screen stays a card


class LoadingPage(QWidget):
    """The designed busy state "Opening your tokens…" (the spinner comes after the first paint)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("loadingPage")
        layout = QVBoxLayout(self)
        layout.setSpacing(Space.M)
        layout.addStretch()
        self._row = QHBoxLayout()
        self._row.setSpacing(Space.M)
        self._row.addStretch()
        self.label = QLabel(tr("Opening your tokens…"))
        self.label.setObjectName("loadingText")
        set_type(self.label, Type.HEADING)
        self._row.addWidget(self.label)
        self._row.addStretch()
        layout.addLayout(self._row)
        layout.addStretch()
        self.spinner: Any = None

    def add_spinner(self) -> None:
        """After the first paint: the spinner beside the words (it runs only while this page is seen)."""
        if self.spinner is None:
            from .token_card import make_spinner

            self.spinner = make_spinner(self)
            self._row.insertWidget(1, self.spinner)
            self.spinner.start()

    def text(self) -> str:
        return self.label.text()


class NoticeText(QLabel):
    """A notice's words, wrapped at spaces only: a link in it ("https://pi.acme-health.example")
    is cut neither at its hyphen nor after its "/" (style.MessageText keeps a link's hyphens
    breakable, for labels a link is copied from; this one is not selectable, and it is made
    before the first paint, where MessageText's Qt namespace costs). ``text()`` and screen
    readers get the words as given.
    """

    def __init__(self) -> None:
        super().__init__()
        self._message = ""
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        self._message = text
        super().setText(re.sub(r"\S+", _unbroken, text))

    def text(self) -> str:
        return self._message


def _unbroken(match: re.Match[str]) -> str:
    """A word with no line break inside: no-break hyphens, and word joiners after "/" of a link."""
    word = re.sub(r"(?<=\w)-(?=\w)", NO_BREAK_HYPHEN, match.group(0))
    return word.replace("/", "/" + WORD_JOINER)


def in_column(layout: QBoxLayout, widget: QWidget) -> None:
    """Add ``widget`` to ``layout`` in the pages' column: at most PAGE_WIDTH wide, centred."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(0)
    row.addStretch()
    widget.setMaximumWidth(PAGE_WIDTH)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, widget.sizePolicy().verticalPolicy())
    row.addWidget(widget, 1)
    row.addStretch()
    layout.addLayout(row)


class NoticeLine(QWidget):
    """A line above the pages (the clock is off, a sync failed): an icon and words in a tone."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, Space.S)
        self._row.setSpacing(Space.S)
        self.label = NoticeText()
        self.label.setObjectName(f"{name}Text")
        self._row.addWidget(self.label, 1)
        self._icon: QWidget | None = None
        self.hide()

    def show_message(self, message: str, role: Role, icon: str) -> None:
        """``message`` ("" hides the line) with ``icon``, in ``role``'s colour."""
        from PySide6.QtCore import Qt

        self.label.setTextFormat(Qt.TextFormat.PlainText)  # shown as written, never as markup
        if self._icon is None and message:
            from .token_card import icon_label

            self._icon = icon_label(icon, ICON, role, accessible=tr("Warning"))
            self._row.insertWidget(0, self._icon, 0, Qt.AlignmentFlag.AlignTop)
        self.label.setText(message)
        self.label.setAccessibleName(message)
        set_tone(self.label, role)
        self.setVisible(bool(message))

    def text(self) -> str:
        return self.label.text()


def scroll_pages(stack: QStackedWidget) -> QScrollArea:
    """``stack`` in a scroll area that scrolls up and down only when the page shown needs it.

    At scale 2 on a 1024×768 screen (512×384 logical pixels) a page may not fit;
    it scrolls rather than squeezing its lines onto each other. Only the page
    shown counts (a QStackedWidget asks for its tallest page). On a wide window
    the page stays at most PAGE_WIDTH wide, centred; the area asks for the
    height of the page shown, so that on a tall window the notices and the page
    sit together in the middle (the token window puts a stretch above and below).
    """
    from PySide6.QtCore import QEvent, QObject, QSize, Qt

    class PageScroll(QScrollArea):
        def __init__(self) -> None:
            super().__init__()
            own_viewport(self)  # not Qt's: see scroll_area
            self.setObjectName("pageScroll")
            self.setFrameShape(QFrame.Shape.NoFrame)
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setWidgetResizable(False)
            self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.setWidget(stack)
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            self._needed = 0  # the page shown's height at the area's width
            stack.currentChanged.connect(self.fit)  # bound: a lambda holding self is a cycle
            for index in range(stack.count()):
                page = stack.widget(index)
                if page is not None:
                    page.installEventFilter(self)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.LayoutRequest and watched is stack.currentWidget():
                self.fit()
            return False

        def sizeHint(self) -> QSize:
            hint = super().sizeHint()
            return QSize(hint.width(), self._needed) if self._needed > 0 else hint

        def resizeEvent(self, event: Any) -> None:
            super().resizeEvent(event)
            self.fit()

        def fit(self, *_: object) -> None:
            page = stack.currentWidget()
            width = min(self.viewport().width(), PAGE_WIDTH)
            if page is None:
                return
            needed = page.heightForWidth(width) if page.hasHeightForWidth() else page.sizeHint().height()
            # The stack is never shorter than its minimum (the largest of its pages' minimums).
            needed = max(needed, page.minimumSizeHint().height(), stack.minimumSize().height())
            if needed != self._needed:
                self._needed = needed
                self.updateGeometry()
            stack.resize(width, max(needed, self.viewport().height()))
            self.setAlignment(self.alignment())  # placed again for its new size: centred, not where it was

    return PageScroll()
