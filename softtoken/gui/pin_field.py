"""The one PIN entry field: digits only, and its text never leaves it.

Every PIN is typed into a :class:`PinField`: the token window's PIN page and
the wizard's new PIN, repeat PIN and Done page fields. With "Show PIN" ticked
a plain QLineEdit would put selected digits on the X11 primary selection (any
program can read it, clipboard managers keep it) and would copy, cut and drag
them. This field keeps no selection at all, so there is nothing to export,
and refuses copy and cut; pasting into it still works.

Its API is kept small (``set_length``, plus QLineEdit's ``text``, ``clear``
and ``setEchoMode`` for the show toggle) so that it can later keep the digits
to itself for screen readers.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

_NOT_OUT = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut)


class PinField(QLineEdit):
    """A PIN of ``length`` digits, hidden unless shown; never selected, copied, cut or dragged.

    With ``own_enter`` the field keeps Enter to itself and says so with ``entered``
    (the wizard's Done page: Enter there shows a passcode, it does not finish the wizard).
    """

    entered = Signal()

    def __init__(self, length: int = 4, parent: QWidget | None = None, *, own_enter: bool = False) -> None:
        super().__init__(parent)
        self._own_enter = own_enter
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setDragEnabled(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # its menu offers Copy and Cut
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.set_length(length)
        # A selection made by mouse or keyboard is dropped as it is made: QLineEdit exports it
        # to the primary selection only afterwards (on mouse release, after a key).
        self.selectionChanged.connect(self._drop_selection)

    def set_length(self, length: int) -> None:
        """Take at most ``length`` digits (not QIntValidator: it lets "+1" and "-0" through)."""
        self.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{length}}}"), self))
        self.setMaxLength(length)

    def _drop_selection(self) -> None:
        if self.hasSelectedText():
            self.deselect()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if any(event.matches(key) for key in _NOT_OUT):
            event.accept()  # swallowed here, so no window shortcut copies either
            return
        if self._own_enter and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # not passed on to the wizard's default button (Finish)
            self.entered.emit()
            return
        super().keyPressEvent(event)
