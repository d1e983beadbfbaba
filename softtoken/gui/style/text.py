"""Message labels: plain text wrapped between words (never after the "e-" of "e-mail")."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel, QWidget

NO_BREAK_HYPHEN = "\u2011"
_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_KEEP_AS_TYPED = re.compile(r"[/\\=@]|\.\w")  # paths, links, addresses, file names: copied from labels


def wrap_between_words(text: str) -> str:
    """The text to show in a wrapped label: lines break between words, never after "e-" of "e-mail".

    Qt may break a line after any hyphen, which reads as odd hyphenation
    ("e-/mail", "4-/digit"). Hyphens inside words become non-breaking hyphens
    (the same glyph); words that are paths, links or file names keep theirs,
    since a prescriber may copy them from a selectable label.
    """

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        return token if _KEEP_AS_TYPED.search(token) else _WORD_HYPHEN.sub(NO_BREAK_HYPHEN, token)

    return re.sub(r"\S+", word, text)


class MessageText(QLabel):
    """The one kind of label that shows a message: plain text, wrapped between words, the full width.

    Used by the PIN page, the wizard pages' problem lines and the token
    window's notices; message boxes get :func:`wrap_between_words` too.
    ``text()`` is the message as given (and what screen readers get); the
    label paints it with no-break hyphens inside words.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSizePolicy

        super().__init__(parent)
        self._message = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def setText(self, text: str) -> None:
        self._message = text
        super().setText(wrap_between_words(text))
        self.setAccessibleDescription(text)

    def text(self) -> str:
        return self._message
