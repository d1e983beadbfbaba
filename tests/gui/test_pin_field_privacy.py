"""A masked PinField never holds a digit where Qt's accessibility reads it; pin() has the PIN.

Qt builds its accessibility events (AT-SPI ``text-changed``, what Orca speaks)
from the line edit's real text and the strings inserted into it, and answers
the AT-SPI text interface and the accessible value from it. So the test reads
all of those after every kind of edit: the widget's own text
(``QLineEdit.text``), every ``textChanged`` it sent, the accessible value and
the accessible text interface: masks only. The real events, from the real app,
are checked by the atspi tier (tests/atspi).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from softtoken.gui import i18n
from softtoken.gui.pin_field import MASK, PinField

DIGIT = re.compile(r"\d")


class Watched:
    """A PinField, and everything it ever said through Qt's text and accessibility paths."""

    def __init__(self, qtbot: QtBot, length: int = 4) -> None:
        self.field = PinField(length)
        qtbot.addWidget(self.field)
        self.field.show()
        self.field.setFocus()
        self.sent: list[str] = []
        self.descriptions: list[str] = []
        self.field.textChanged.connect(self._changed)

    def _changed(self, text: str) -> None:
        self.sent.append(text)
        self.descriptions.append(self.field.accessibleDescription())

    def exposed(self) -> list[str]:
        """What assistive technology can read now, and what it was sent."""
        field = self.field
        accessible = QAccessible.queryAccessibleInterface(field)
        assert accessible is not None
        text = accessible.textInterface()
        assert text is not None
        return [
            QLineEdit.text(field),  # the C++ text the events are made of, whatever Python overrides
            field.displayText(),
            accessible.text(QAccessible.Text.Value),
            text.text(0, text.characterCount()),
            *self.sent,
        ]

    def assert_masked(self, pin: str) -> None:
        assert self.field.pin() == pin
        assert QLineEdit.text(self.field) == MASK * len(pin)
        leaks = [t for t in self.exposed() if DIGIT.search(t)]
        assert leaks == [], f"digits where accessibility reads them: {leaks}"


@pytest.fixture
def watched(qtbot: QtBot) -> Watched:
    return Watched(qtbot)


@pytest.fixture
def clipboard() -> Iterator[object]:
    board = QGuiApplication.clipboard()
    yield board
    board.clear()


def test_typing_keeps_the_digits_and_shows_masks(qtbot: QtBot, watched: Watched) -> None:
    qtbot.keyClicks(watched.field, "8a6+4 2")
    watched.assert_masked("8642")
    assert len(watched.sent) == 4  # one change per digit, as before: one "•" inserted each time
    qtbot.keyClicks(watched.field, "9")  # full: refused
    watched.assert_masked("8642")
    qtbot.keyClick(watched.field, Qt.Key.Key_8, Qt.KeyboardModifier.AltModifier)  # never QLineEdit's insert
    qtbot.keyClick(watched.field, Qt.Key.Key_Backspace)
    qtbot.keyClick(watched.field, Qt.Key.Key_7, Qt.KeyboardModifier.KeypadModifier)
    watched.assert_masked("8647")


def test_the_progress_is_the_accessible_description(qtbot: QtBot, watched: Watched) -> None:
    field = watched.field
    assert field.accessibleDescription() == "4 digits."
    qtbot.keyClicks(field, "864")
    assert watched.descriptions == ["1 of 4 digits.", "2 of 4 digits.", "3 of 4 digits."]
    field.setAccessibleDescription("The two PINs do not match.")
    assert field.accessibleDescription() == "3 of 4 digits. The two PINs do not match."
    field.setAccessibleDescription("")
    field.clear()
    assert field.accessibleDescription() == "4 digits."
    field.set_length(6)
    assert field.accessibleDescription() == "6 digits."


def test_the_progress_is_said_in_spanish(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install_translator(app, "es")
    try:
        watched = Watched(qtbot)
        assert watched.field.accessibleDescription() == "4 dígitos."
        qtbot.keyClicks(watched.field, "864")
        assert watched.field.accessibleDescription() == "3 de 4 dígitos."
    finally:
        for translator in i18n._keep:
            app.removeTranslator(translator)
        i18n._keep.clear()


def test_backspace_delete_and_cursor_moves_edit_the_pin_where_the_cursor_is(
    qtbot: QtBot, watched: Watched
) -> None:
    field = watched.field
    qtbot.keyClicks(field, "8642")
    qtbot.keyClick(field, Qt.Key.Key_Left)
    qtbot.keyClick(field, Qt.Key.Key_Left)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)  # the 6
    watched.assert_masked("842")
    qtbot.keyClick(field, Qt.Key.Key_Delete)  # the 4
    watched.assert_masked("82")
    qtbot.keyClicks(field, "7")
    watched.assert_masked("872")
    qtbot.keyClick(field, Qt.Key.Key_Home)
    qtbot.keyClicks(field, "1")
    watched.assert_masked("1872")
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    watched.assert_masked("187")
    qtbot.keyClick(field, Qt.Key.Key_Left)
    qtbot.keyClick(field, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)  # to the start
    watched.assert_masked("7")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo: would bring back masks
    watched.assert_masked("7")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)  # at the start: nothing before the cursor
    watched.assert_masked("7")


def test_paste_puts_digits_at_the_cursor_and_refuses_other_text(
    qtbot: QtBot, watched: Watched, clipboard: object
) -> None:
    field = watched.field
    board = QGuiApplication.clipboard()
    qtbot.keyClicks(field, "86")
    qtbot.keyClick(field, Qt.Key.Key_Home)
    board.setText("42\n")  # as copied from a note: the line end is not part of it
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    watched.assert_masked("4286")
    field.clear()
    board.setText("a note for the chart 12")
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    watched.assert_masked("")
    board.setText("123456")  # more than fits: the first four
    qtbot.keyClick(field, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    watched.assert_masked("1234")
    assert board.text() == "123456"  # the clipboard is the user's: left as it was


def test_clear_and_set_text_change_the_pin_and_say_so(qtbot: QtBot, watched: Watched) -> None:
    field = watched.field
    field.setText("8643")
    field.setText("8642")  # the same four masks: callers are still told the PIN changed
    assert watched.sent[-1] == MASK * 4 and len(watched.sent) == 2
    watched.assert_masked("8642")
    field.setText("12ab3456")  # digits only, as many as fit, as when typed
    watched.assert_masked("1234")
    field.clear()
    watched.assert_masked("")
    field.setText("8642")
    field.set_length(3)
    watched.assert_masked("864")


def test_an_edit_the_field_did_not_make_is_put_back(qtbot: QtBot, watched: Watched) -> None:
    """An assistive technology may edit a text through AT-SPI (EditableText): Qt does it itself."""
    field = watched.field
    qtbot.keyClicks(field, "864")
    accessible = QAccessible.queryAccessibleInterface(field)
    assert accessible is not None
    editable = accessible.editableTextInterface()
    assert editable is not None
    editable.insertText(1, "9")
    assert field.pin() == "864" and QLineEdit.text(field) == MASK * 3
    editable.deleteText(0, 1)
    assert field.pin() == "864" and QLineEdit.text(field) == MASK * 3
    QLineEdit.setText(field, "")  # emptied from outside: the PIN goes with it
    assert field.pin() == "" and field.accessibleDescription() == "4 digits."


def test_an_input_method_types_digits_and_its_preedit_is_not_shown(qtbot: QtBot, watched: Watched) -> None:
    field = watched.field
    composing = QInputMethodEvent("9", [])
    QApplication.sendEvent(field, composing)
    watched.assert_masked("")
    committed = QInputMethodEvent()
    committed.setCommitString("8a6")
    QApplication.sendEvent(field, committed)
    watched.assert_masked("86")


def test_show_pin_shows_the_digits_and_masking_again_hides_them(qtbot: QtBot, watched: Watched) -> None:
    """Shown, the digits are the widget's text, as the user asked (a screen reader reads them then)."""
    field = watched.field
    qtbot.keyClicks(field, "86")
    qtbot.keyClick(field, Qt.Key.Key_Left)
    field.setEchoMode(QLineEdit.EchoMode.Normal)
    assert field.is_shown() and QLineEdit.text(field) == "86" and field.pin() == "86"
    assert field.cursorPosition() == 1  # the cursor stays where it was
    qtbot.keyClicks(field, "4")
    assert QLineEdit.text(field) == field.pin() == "846"
    field.setEchoMode(QLineEdit.EchoMode.Password)
    assert field.cursorPosition() == 2
    watched.sent.clear()
    qtbot.keyClicks(field, "2")
    watched.assert_masked("8426")
    assert field.echoMode() == QLineEdit.EchoMode.Password  # Qt's role for it: password text


def test_no_drops_selection_or_context_menu(watched: Watched) -> None:
    field = watched.field
    assert not field.acceptDrops() and not field.dragEnabled()
    assert field.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    field.setText("8642")
    field.selectAll()
    assert not field.hasSelectedText()
