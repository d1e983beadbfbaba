"""The one PIN entry field: digits only, and its digits never leave it.

Every PIN is typed into a :class:`PinField`: the token window's PIN page, the
wizard's new PIN, repeat PIN and Done page fields, and the "Move into the
security chip" dialog.

**Screen readers.** Qt's accessibility reads a line edit's real text, even in
password mode: its AT-SPI ``text-changed`` events carried each typed digit
("8", "6", "4", "2"), a cleared field sent the whole PIN, and Orca spoke them
and kept them in its debug log (the Qt bug KeePassXC #1920/#5389 describe).
So this field keeps the digits to itself (:meth:`pin`) and the QLineEdit only
ever holds one mask character per digit: ``text()``, every accessibility
event, the AT-SPI text interface and the accessible value carry masks, never a
digit. Every edit goes through the field's own code (typing, paste, Backspace,
Delete, clear, input methods, middle-click); any other change of the text (an
assistive technology editing it, Qt's undo) is put back. The accessible
description says the progress instead: "3 of 4 digits.", then what the
caller describes (a problem with the PIN). The key presses themselves still
reach AT-SPI keystroke listeners (Qt's bridge passes every key on, and any X11
client can see keys): not this field's to hide. The masked field keeps Qt's
"password text" role, a screen reader's cue not to echo them (for Orca still
to be confirmed by a walk with Orca itself).

**Shown.** With "Show PIN" ticked (``setEchoMode(Normal)``) the digits are the
widget's text, as the prescriber asked: a screen reader then reads them like
any visible text, and the events while shown, and when the field is masked
again, carry them. Masked is the default, and what every privacy test checks.

**Selection.** A plain QLineEdit would put selected digits on the X11 primary
selection (any program can read it, clipboard managers keep it) and would copy,
cut and drag them. This field keeps no selection at all, refuses copy and cut,
drags and drops; pasting digits into it still works.

**Boxes.** The field paints one box per digit of the policy's length (a
rounded box each, the one the next digit goes into outlined in the accent
colour while the field has the focus), a dot in each box typed (the digit
itself when shown). It paints them instead of QLineEdit's text and caret: the
masks are never drawn twice and no caret runs over the boxes. A click puts the
cursor at the box clicked (at most after the last digit), never a selection.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QClipboard,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPaintEvent,
)
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QWidget

MASK = "\u2022"  # what the widget holds for each digit (drawn as the style's password character)
DIGITS = frozenset("0123456789")  # not str.isdigit: that takes "²" and other scripts' digits

_Key = QKeySequence.StandardKey
_NOT_OUT = (_Key.Copy, _Key.Cut, _Key.Undo, _Key.Redo)  # undo would bring back masks the PIN lost
_TO_START = (_Key.DeleteStartOfWord,)
_TO_END = (_Key.DeleteEndOfWord, _Key.DeleteEndOfLine)
_ALL = (_Key.DeleteCompleteLine,)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_EDGE = 1  # logical pixels around the boxes, so a 2 px focus outline is never cut


def _digits_of(text: str) -> str:
    return "".join(c for c in text if c in DIGITS)


class PinField(QLineEdit):
    """A PIN of ``length`` digits, masked unless shown; never selected, copied, cut or dragged.

    :meth:`pin` is the PIN typed; ``text()`` is masks (shown: the digits).
    ``setText`` and ``clear`` set the PIN; ``setAccessibleDescription`` sets
    what is said after the progress. With ``own_enter`` the field keeps Enter
    to itself and says so with ``entered`` (the wizard's Done page: Enter there
    shows a passcode, it does not finish the wizard).
    """

    entered = Signal()

    def __init__(self, length: int = 4, parent: QWidget | None = None, *, own_enter: bool = False) -> None:
        super().__init__(parent)
        self._digits = ""
        self._length = length
        self._editing = False
        self._description = ""
        self._own_enter = own_enter
        QLineEdit.setEchoMode(self, QLineEdit.EchoMode.Password)
        self.setDragEnabled(False)
        self.setAcceptDrops(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # its menu offers Copy, Cut, Undo
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        # Connected first, so it runs before the callers' slots: a change not made here is put back.
        self.textChanged.connect(self._put_back)
        # A selection made by mouse or keyboard is dropped as it is made: QLineEdit exports it
        # to the primary selection only afterwards (on mouse release, after a key).
        self.selectionChanged.connect(self._drop_selection)
        # Bound methods, not lambdas: a lambda holding the field is a reference cycle, and a
        # window freed by a garbage collection crashed Qt (the screenshot walk, gc in settle()).
        self.cursorPositionChanged.connect(self._repaint)  # the outlined box follows
        self.textChanged.connect(self._repaint)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # as wide as its boxes
        self.set_length(length)

    # ------------------------------------------------------------------ the PIN

    def pin(self) -> str:
        """The digits typed (the widget itself holds only masks unless shown)."""
        return self._digits

    def set_length(self, length: int) -> None:
        """Take at most ``length`` digits; a longer PIN typed so far is cut to it."""
        self._length = length
        if len(self._digits) > length:  # first: a shorter maximum would cut the masks behind its back
            self._replace(self._digits[:length], length)
        self.setMaxLength(length)
        self.describe()
        self.updateGeometry()
        self.update()

    def _repaint(self, *_: object) -> None:
        self.update()

    def length(self) -> int:
        """How many digits the PIN has (the boxes painted)."""
        return self._length

    def setText(self, text: str | None, /) -> None:
        """Set the PIN to the digits of ``text`` (at most the length), the cursor at its end."""
        digits = _digits_of(text or "")[: self._length]
        self._replace(digits, len(digits))

    def clear(self) -> None:
        if self._digits or QLineEdit.text(self):
            with self._own_edit():
                self._digits = ""
                self.describe()
                super().clear()
        self.describe()

    def insert(self, text: str) -> None:
        """Its digits at the cursor, as many as fit (non-digits are left out)."""
        self._insert(_digits_of(text))

    def backspace(self) -> None:
        self._erase(self.cursorPosition() - 1, self.cursorPosition())

    def del_(self) -> None:
        self._erase(self.cursorPosition(), self.cursorPosition() + 1)

    # ------------------------------------------------------------------ shown or masked

    def setEchoMode(self, mode: QLineEdit.EchoMode) -> None:
        """Normal shows the digits (the user chose to); any other mode masks them."""
        cursor = self.cursorPosition()
        super().setEchoMode(mode)
        self._replace(self._digits, cursor)
        self.update()

    def is_shown(self) -> bool:
        return self.echoMode() == QLineEdit.EchoMode.Normal

    def _display(self, digits: str) -> str:
        return digits if self.is_shown() else MASK * len(digits)

    # ------------------------------------------------------------------ what a screen reader is told

    def setAccessibleDescription(self, description: str) -> None:
        """``description`` is said after the progress ("3 of 4 digits. <description>")."""
        self._description = description
        self.describe()

    def describe(self) -> None:
        """Say the progress ("3 of 4 digits."), then the caller's description (subclasses add notes)."""
        n, length = len(self._digits), self._length
        if n:
            progress = QCoreApplication.translate("PinField", "{n} of {length} digits.").format(
                n=n, length=length
            )
        else:
            progress = QCoreApplication.translate("PinField", "{length} digits.").format(length=length)
        described = f"{progress} {self._description}".strip()
        if described != self.accessibleDescription():
            super().setAccessibleDescription(described)

    # ------------------------------------------------------------------ edits, all made here

    @contextmanager
    def _own_edit(self) -> Iterator[None]:
        outer, self._editing = self._editing, True
        try:
            yield
        finally:
            self._editing = outer

    def _insert(self, digits: str) -> None:
        digits = digits[: self._length - len(self._digits)]
        if not digits:
            return
        at = self.cursorPosition()
        with self._own_edit():
            self._digits = self._digits[:at] + digits + self._digits[at:]
            self.describe()
            super().insert(self._display(digits))  # one insert event: masks, when masked

    def _erase(self, start: int, end: int) -> None:
        start, end = max(0, start), min(len(self._digits), end)
        if start >= end:
            return
        with self._own_edit():
            self._digits = self._digits[:start] + self._digits[end:]
            self.describe()
            if end - start == 1:  # one delete event, as QLineEdit sends for a key
                self.setCursorPosition(end)
                super().backspace()
            else:
                QLineEdit.setText(self, self._display(self._digits))
                self.setCursorPosition(start)

    def _replace(self, digits: str, cursor: int) -> None:
        changed, display = digits != self._digits, self._display(digits)
        with self._own_edit():
            self._digits = digits
            self.describe()
            if changed and display == QLineEdit.text(self):  # "8643" to "8642": the same masks
                self.textChanged.emit(display)  # the callers still learn that the PIN changed
            QLineEdit.setText(self, display)
            self.setCursorPosition(min(cursor, len(digits)))

    def _put_back(self, text: str) -> None:
        """A change this field did not make (an assistive technology's edit, Qt's undo): undone."""
        if self._editing or text == self._display(self._digits):
            return
        if not text:  # emptied (an assistive technology cleared it): the PIN goes too
            self._digits = ""
            self.describe()
            return
        self._replace(self._digits, self.cursorPosition())

    def _drop_selection(self) -> None:
        if self.hasSelectedText():
            self.deselect()

    def _paste(self, mode: QClipboard.Mode = QClipboard.Mode.Clipboard) -> None:
        """Digits pasted at the cursor, as many as fit; text that is not just digits is refused."""
        wanted = "".join(QGuiApplication.clipboard().text(mode).split())  # a copied "8642\n" is fine
        if wanted and set(wanted) <= DIGITS:
            self._insert(wanted)

    # ------------------------------------------------------------------ Qt's input paths

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if any(event.matches(key) for key in _NOT_OUT):
            event.accept()  # swallowed here, so no window shortcut copies either
            return
        if event.matches(_Key.Paste):
            self._paste()
        elif self._own_enter and event.key() in _ENTER:
            self.entered.emit()  # not passed on to the wizard's default button (Finish)
        elif event.key() == Qt.Key.Key_Backspace or event.matches(_Key.Backspace):
            at = self.cursorPosition()
            control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            self._erase(0 if control else at - 1, at)
        elif event.key() == Qt.Key.Key_Delete or event.matches(_Key.Delete):
            at = self.cursorPosition()
            control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            self._erase(at, len(self._digits) if control else at + 1)
        elif any(event.matches(key) for key in _TO_START):
            self._erase(0, self.cursorPosition())
        elif any(event.matches(key) for key in _TO_END):
            self._erase(self.cursorPosition(), len(self._digits))
        elif any(event.matches(key) for key in _ALL):
            self.clear()
        elif event.text() and event.text().isprintable():
            # Never QLineEdit's: it would insert the character itself (Alt+8 too), digit and all.
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                event.ignore()  # a shortcut for someone else
                return
            self._insert(_digits_of(event.text()))  # anything else is refused, as before
        else:
            super().keyPressEvent(event)  # moves, Enter, Escape, Tab: no text changes
            return
        event.accept()

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """An input method's committed digits are typed; its preedit is never shown (no masks for it)."""
        self._insert(_digits_of(event.commitString()))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click puts the cursor before or after the box clicked (never past the digits), no selection."""
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        if not self.hasFocus():
            self.setFocus(Qt.FocusReason.MouseFocusReason)
        x = event.position().x()
        at = sum(1 for box in self._boxes() if x > box.center().x())  # before or after the box's digit
        self.setCursorPosition(min(at, len(self._digits)))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        event.accept()  # a drag selects nothing

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()  # nor does a double click

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:  # X11's paste of the primary selection
            if QGuiApplication.clipboard().supportsSelection():
                self._paste(QClipboard.Mode.Selection)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # ------------------------------------------------------------------ the boxes

    def _box_size(self) -> QSize:
        from .style import Space

        high = self.fontMetrics().height() + 2 * Space.S  # comfortable at any scale: from the font
        return QSize(round(high * 0.85), high)

    def sizeHint(self) -> QSize:
        from .style import Space

        box = self._box_size()
        n = max(1, self._length)
        return QSize(n * box.width() + (n - 1) * Space.S + 2 * _EDGE, box.height() + 2 * _EDGE)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _boxes(self) -> list[QRectF]:
        """One rectangle a digit, left to right, shrunk to fit when the field is narrower than asked."""
        from .style import Space

        n = max(1, self._length)
        ideal = self._box_size()
        gap = float(Space.S)
        room = self.width() - 2 * _EDGE
        wide = min(float(ideal.width()), max(4.0, (room - (n - 1) * gap) / n))
        high = min(float(ideal.height()), float(self.height() - 2 * _EDGE))
        top = (self.height() - high) / 2
        return [QRectF(_EDGE + i * (wide + gap), top, wide, high) for i in range(n)]

    def paintEvent(self, event: QPaintEvent) -> None:
        """The boxes, instead of QLineEdit's frame, text and caret (never the masks twice)."""
        from PySide6.QtGui import QPainter, QPalette, QPen

        from .style import Radius, Role, Type, color, font

        enabled = self.isEnabled()
        palette = self.palette()
        group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
        fill = palette.color(group, QPalette.ColorRole.Base)
        if self.isReadOnly():
            fill = palette.color(group, QPalette.ColorRole.Window)
        ink = palette.color(group, QPalette.ColorRole.Text)
        border, accent = color(self, Role.BORDER), color(self, Role.ACCENT)
        active = min(self.cursorPosition(), self._length - 1) if self.hasFocus() and enabled else -1
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font(Type.HEADING, self.font()))
        for index, box in enumerate(self._boxes()):
            focused = index == active
            width = 2.0 if focused else 1.0
            painter.setPen(QPen(accent if focused else border, width))
            painter.setBrush(fill)
            painter.drawRoundedRect(
                box.adjusted(width / 2, width / 2, -width / 2, -width / 2), Radius.S, Radius.S
            )
            if index >= len(self._digits):
                continue
            if self.is_shown():
                painter.setPen(ink)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self._digits[index])
            else:
                radius = max(2.5, min(box.width(), box.height()) / 7)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(ink)
                painter.drawEllipse(box.center(), radius, radius)
        painter.end()
