"""The token window's list of tokens: one card per token, wrapped to the window's width.

Each :class:`TokenCard` shows the issuer and token name, the serial and the
state chip (token_card.py), and is one focus stop: Tab and the arrow keys move
between cards, Enter, Space or a click opens one. To a screen reader a card is
a button named "name, serial, state". The cards sit in a scroll area that
scrolls only up and down: long names and states wrap (1024×768, scale 2).
Under them, Open (the page's primary button) opens the card last focused: it
says, to the eye, that a card opens (the icon set has no chevron to draw on one).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from softtoken.core.vault.vault import TokenStatus

from .buttons import FocusRingButton
from .focus_speech import expose_as
from .labels import title
from .scroll_area import own_viewport
from .style import Space, make_card, set_role
from .text import tr
from .token_card import TokenHeader
from .token_pages import serial_text, spoken_card, state_chip

_OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_Select)


class TokenCard(QFrame):
    """One token in the list: a focusable card that opens the token."""

    activated = Signal(str)  # token_id
    step = Signal(int)  # an arrow key: -1 up, +1 down
    focused = Signal(str)  # token_id

    def __init__(self, status: TokenStatus, now: float) -> None:
        super().__init__()
        expose_as("TokenCard", "Button")
        self.setObjectName("tokenCard")
        self.token_id = status.token_id
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        make_card(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.L, Space.M, Space.L, Space.M)
        self.header = TokenHeader("cardName")
        self.header.show_status(status, now)
        layout.addWidget(self.header)
        self.name = status.name
        self.detail = f"{serial_text(status)} · {state_chip(status, now).text}"
        self.setAccessibleName(spoken_card(status, now))
        self.setToolTip(f"{status.name}\n{self.detail}")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _OPEN_KEYS and not event.isAutoRepeat():
            self.activated.emit(self.token_id)
        elif event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Left):
            self.step.emit(-1)
        elif event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Right):
            self.step.emit(1)
        else:
            super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.activated.emit(self.token_id)
        else:
            super().mouseReleaseEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit(self.token_id)
        scroll = self.parentWidget()
        while scroll is not None:  # the list, then the window's page (when the window is short)
            if isinstance(scroll, QScrollArea):
                scroll.ensureWidgetVisible(self, 0, Space.S)
            scroll = scroll.parentWidget()


class CardScroll(QScrollArea):
    """The cards' scroll area: it asks for the height of its cards at its width (QScrollArea
    keeps the size its widget had when first asked, before any card was added)."""

    def __init__(self) -> None:
        super().__init__()
        own_viewport(self)  # not Qt's: see scroll_area

    def sizeHint(self) -> QSize:
        inner = self.widget()
        hint = super().sizeHint()
        if inner is None:
            return hint
        width = self.viewport().width()
        height = inner.heightForWidth(width) if inner.hasHeightForWidth() else -1
        frame = 2 * self.frameWidth()
        return QSize(hint.width(), (height if height > 0 else inner.sizeHint().height()) + frame)


class TokenListPage(QWidget):
    chosen = Signal(str)  # token_id

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("listPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.M)
        layout.addStretch()  # on a tall window the list sits in the middle (a stretch above and below)
        self.title = title(tr("Choose a token"))
        self.title.setObjectName("listTitle")
        layout.addWidget(self.title)
        self.list = CardScroll()
        self.list.setObjectName("tokenList")
        self.list.setAccessibleName(tr("Your tokens"))
        self.list.setWidgetResizable(True)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cards take the focus, not the area
        inner = QWidget()
        inner.setObjectName("tokenCards")
        self._cards_layout = QVBoxLayout(inner)
        self._cards_layout.setContentsMargins(0, Space.XS, 0, Space.XS)  # the cards on the title's left edge
        self._cards_layout.setSpacing(Space.S)
        self._cards_layout.addStretch()
        self.list.setWidget(inner)
        # As tall as its cards (it scrolls when the window is shorter); the stretches take the rest.
        policy = self.list.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
        self.list.setSizePolicy(policy)
        layout.addWidget(self.list)
        self.open_button = FocusRingButton(tr("Open"))
        self.open_button.setObjectName("openTokenButton")
        self.open_button.setAccessibleDescription(tr("Open the token chosen in the list"))
        set_role(self.open_button, "primary")
        self.open_button.clicked.connect(self._open_current)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()
        self.cards: list[TokenCard] = []
        self.current = ""  # the token_id of the card last focused (Open opens it)

    def set_tokens(self, tokens: list[TokenStatus], now: float) -> None:
        for card in self.cards:
            self._cards_layout.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for status in tokens:
            card = TokenCard(status, now)
            card.activated.connect(self.chosen.emit)
            card.step.connect(self._step)  # a bound method: a lambda holding the page is a cycle
            card.focused.connect(self._set_current)
            self._cards_layout.insertWidget(len(self.cards), card)
            self.cards.append(card)
        self.list.updateGeometry()
        self.current = self.cards[0].token_id if self.cards else ""
        previous: QWidget = self
        for card in self.cards:  # Tab follows the list's order, then Open
            if previous is not self:
                QWidget.setTabOrder(previous, card)
            previous = card
        if previous is not self:
            QWidget.setTabOrder(previous, self.open_button)

    def focus_first(self) -> None:
        if self.cards:
            self.cards[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_current(self, token_id: str) -> None:
        self.current = token_id

    def _open_current(self) -> None:
        if self.current:
            self.chosen.emit(self.current)

    def _step(self, by: int) -> None:
        card = self.sender()
        if card not in self.cards:
            return
        index = self.cards.index(card) + by
        if 0 <= index < len(self.cards):
            self.cards[index].setFocus(Qt.FocusReason.TabFocusReason)

    def rows(self) -> list[tuple[str, str]]:
        """What each card says: (name, serial · state)."""
        return [(card.name, card.detail) for card in self.cards]
