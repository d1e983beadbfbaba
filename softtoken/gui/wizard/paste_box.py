"""Step 1's paste box: Enter makes a new line, Ctrl+Enter goes on, and a link once read is masked.

A link holds the token's seed. Once the box's text has been read (a paste, a
link handed over, or typing finished by leaving the box), the box shows the
links found with their secret replaced by dots; the tokens read are kept by the
page for activation and the link is never shown again. ``setPlainText`` clears
the undo history, so Ctrl+Z cannot bring it back either. Any edit of the masked
text replaces it whole: paste a new link, or Backspace to empty the box.

A pasted, dropped or handed-over text that holds a link never enters the
widget at all: the box keeps it privately (:meth:`PasteBox.read_text`) and
shows only the masked form, so no accessibility event (a screen reader's
"text inserted") ever carries the seed (issue 17). Only typing puts a link in
the widget character by character, as the keyboard already sent it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPlainTextEdit

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QFocusEvent, QKeyEvent

HIDDEN = "••••••••"  # the same length whatever the secret's
_SECRET_PARAMETERS = ("secret", "data")  # otpauth's seed; a Google Authenticator export's payload


def masked_link(link: str) -> str:
    """``link`` with the value of every secret-bearing parameter replaced by dots."""
    base, question, query = link.partition("?")
    if not question:
        return link
    query, hash_, fragment = query.partition("#")
    pieces = []
    for piece in query.split("&"):
        key, equals, value = piece.partition("=")
        secret = equals and value and key.strip().lower() in _SECRET_PARAMETERS
        pieces.append(f"{key}={HIDDEN}" if secret else piece)
    return f"{base}?{'&'.join(pieces)}{hash_}{fragment}"


def masked_text(text: str) -> str:
    """What the box shows once ``text`` was read: its links, one a line, secrets masked."""
    from softtoken.core.activation.links import find_activation_links

    try:
        links = find_activation_links(text)
    except Exception:  # noqa: BLE001 - read already (the tokens exist); show no part of the text
        links = []
    return "\n".join(masked_link(link) for link in links) or HIDDEN


def _has_link(text: str) -> bool:
    from softtoken.core.activation.links import find_activation_links

    try:
        return bool(find_activation_links(text))
    except Exception:  # noqa: BLE001 - a text the finder refuses is read (and refused) the usual way
        return False


class PasteBox(QPlainTextEdit):
    """The paste box: Enter makes a new line, Ctrl+Enter asks to go on, Tab leaves."""

    submitted = Signal()
    input_done = Signal()  # a paste or a drop, or the focus left: time to mask what was read

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[call-overload]
        self._mask: str | None = None
        self._held: str | None = None  # a pasted or handed-over text with a link, never in the widget
        self.typing = False  # the change being made comes from a key (the page reads it once typing pauses)

    def read_text(self) -> str:
        """What the prescriber gave: the held text while its mask is shown, else the widget's text."""
        if self._held is not None and self.masked:
            return self._held
        return self.toPlainText()

    def hold(self, text: str) -> None:
        """Take ``text`` without putting it in the widget when it holds a link (paste, hand-over)."""
        shown = masked_text(text) if _has_link(text) else None
        if shown is None:
            self._held = None
            self.setPlainText(text)
            return
        self.show_masked(shown)
        self._held = text
        self.textChanged.emit()  # the page reads it (read_text), as after any edit

    @property
    def masked(self) -> bool:
        """The box shows a masked link (the real one was read and is kept by the page)."""
        return self._mask is not None and self.toPlainText() == self._mask

    def show_masked(self, text: str) -> None:
        """Replace the box's text by ``text`` (already masked), without reading it again."""
        self.blockSignals(True)
        try:
            self.setPlainText(text)  # also empties the undo history, which held the link
        finally:
            self.blockSignals(False)
        self._mask = text
        cursor = self.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.setTextCursor(cursor)

    def clear_box(self) -> None:
        """Empty the box without reading it (the page already knows)."""
        self.blockSignals(True)
        try:
            self.clear()
        finally:
            self.blockSignals(False)
        self._mask = self._held = None

    def _replace_mask(self) -> None:
        """An edit of the masked text starts afresh: the page hears of the empty box first."""
        self._mask = self._held = None
        self.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.typing = True
        try:
            self._key(event)
        finally:
            self.typing = False

    def _key(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence

        key, modifiers = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and modifiers & Qt.KeyboardModifier.ControlModifier:
            event.accept()
            self.submitted.emit()
            return
        if self.masked:
            erase = key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) or event.matches(
                QKeySequence.StandardKey.Cut
            )
            typed = (
                bool(event.text())
                and event.text().isprintable()
                and not modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            )
            if erase:
                event.accept()
                self._replace_mask()
                return
            if typed:
                self._replace_mask()
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if self.masked:
            self._replace_mask()
        text = source.text() if source.hasText() else ""
        if not self.toPlainText() and _has_link(text):
            self.hold(text)  # the whole paste is the box's text: it never enters the widget
        else:
            super().insertFromMimeData(source)
        self.input_done.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.input_done.emit()
