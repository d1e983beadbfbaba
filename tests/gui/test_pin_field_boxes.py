"""The PIN field paints a box per digit, and painting changes none of its privacy."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from softtoken.gui.pin_field import MASK, PinField


def described(field: PinField) -> str:
    interface = QAccessible.queryAccessibleInterface(field)
    assert interface is not None
    return interface.text(QAccessible.Text.Description)


def painted(field: PinField) -> QImage:
    image = field.grab().toImage()
    assert not image.isNull() and image.width() > 0
    return image


def test_the_field_grows_with_the_pins_length(qtbot: QtBot) -> None:
    field = PinField(4)
    qtbot.addWidget(field)
    four = field.sizeHint()
    field.set_length(6)
    six = field.sizeHint()
    assert field.length() == 6
    assert six.width() > four.width() and six.height() == four.height()
    assert field.minimumSizeHint().width() == six.width()  # never squeezed below its boxes by a layout
    assert four.height() >= field.fontMetrics().height() + 16  # room round the digits


def test_the_boxes_show_progress_and_the_text_stays_masks(qtbot: QtBot) -> None:
    field = PinField(4)
    qtbot.addWidget(field)
    field.resize(field.sizeHint())
    field.show()
    qtbot.waitExposed(field)
    empty = painted(field)
    assert described(field) == "4 digits."
    field.setText("86")
    two = painted(field)
    assert two != empty  # the two typed boxes have their dots
    assert QLineEdit.text(field) == MASK * 2 and field.text() == MASK * 2
    assert described(field) == "2 of 4 digits."
    field.setEchoMode(QLineEdit.EchoMode.Normal)
    shown = painted(field)
    assert shown != two and field.text() == "86"  # the digits, as the prescriber asked
    field.setEchoMode(QLineEdit.EchoMode.Password)
    assert field.text() == MASK * 2 and painted(field) == two
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    assert painted(field) != two  # the next box is outlined while focused
    field.set_length(6)
    assert painted(field).width() > two.width() or field.sizeHint().width() > two.width()
    assert described(field) == "2 of 6 digits."


def test_a_click_puts_the_cursor_at_a_box_and_selects_nothing(qtbot: QtBot) -> None:
    field = PinField(4)
    qtbot.addWidget(field)
    field.resize(field.sizeHint())
    field.show()
    qtbot.waitExposed(field)
    field.setText("864")
    first = QPoint(4, field.height() // 2)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=first)
    assert field.cursorPosition() == 0
    qtbot.keyClick(field, "1")
    assert field.pin() == "1864"
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(field.width() - 2, field.height() // 2))
    assert field.cursorPosition() == 4 and not field.hasSelectedText()


def test_a_narrow_field_still_paints_every_box(qtbot: QtBot) -> None:
    field = PinField(8)
    qtbot.addWidget(field)
    field.setMaximumWidth(160)  # as a page may ask
    field.resize(160, field.sizeHint().height())
    field.setText("12345678")
    boxes = field._boxes()
    assert len(boxes) == 8 and boxes[-1].right() <= field.width()
    painted(field)
