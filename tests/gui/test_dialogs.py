"""The one styled dialog: icon by kind, title, sentence, action line, buttons named for what they do."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from softtoken.gui import dialogs
from softtoken.gui.pin_field import MASK, PinField
from tests.gui.test_a11y_wizards import answer_when_shown as when_shown


def said(widget: QWidget) -> tuple[str, str]:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None and interface.isValid()
    return interface.text(QAccessible.Text.Name), interface.text(QAccessible.Text.Description)


@pytest.fixture(autouse=True)
def no_answers() -> Iterator[None]:
    dialogs.reset()
    yield
    dialogs._answers.clear()


def roles(box: dialogs.MessageDialog) -> list[str]:
    return [str(button.property("role")) for button in box.buttons()]


def test_a_message_has_its_icon_title_text_action_and_a_named_button(qtbot: QtBot) -> None:
    seen: dict[str, object] = {}

    def read(box: dialogs.MessageDialog) -> None:
        icon = box.findChild(QLabel, "messageIcon")
        seen["icon"] = said(icon)[0] if icon is not None else ""
        seen["title"] = (box.windowTitle(), box.title_label.text())
        seen["text"] = box.text_label.text()
        seen["action"] = (box.action_label.isVisible(), box.action_label.text())
        seen["bold"] = box.action_label.font().bold() and box.title_label.font().bold()
        seen["description"] = said(box)[1]
        seen["buttons"] = [(said(b)[0], b.isDefault()) for b in box.buttons()]
        seen["roles"] = roles(box)
        seen["window icon"] = box.windowIcon().cacheKey() == QApplication.windowIcon().cacheKey()
        box.buttons()[0].click()

    when_shown(read)
    dialogs.error(None, "Incorrect PIN", "The PIN is not right.", action="Type it again.", button="Try again")
    assert seen == {
        "icon": "Error",
        "title": ("Incorrect PIN", "Incorrect PIN"),
        "text": "The PIN is not right.",
        "action": (True, "Type it again."),
        "bold": True,
        "description": "The PIN is not right. Type it again.",
        "buttons": [("Try again", True)],
        "roles": ["primary"],
        "window icon": True,
    }
    assert dialogs.shown == [("info", "The PIN is not right.")]  # the test seam's kind, as before


def test_info_has_a_close_button_and_no_empty_action_line(qtbot: QtBot, qapp: QApplication) -> None:
    picture = QPixmap(16, 16)
    picture.fill(Qt.GlobalColor.darkBlue)
    before = qapp.windowIcon()
    qapp.setWindowIcon(QIcon(picture))
    seen: list[object] = []

    def read(box: dialogs.MessageDialog) -> None:
        icon = box.findChild(QLabel, "messageIcon")
        seen.extend([said(icon)[0] if icon else "", said(box.buttons()[0])[0], box.action_label.isVisible()])
        seen.append(box.windowIcon().cacheKey() == qapp.windowIcon().cacheKey())
        qtbot.keyClick(box, Qt.Key.Key_Escape)  # Escape closes a message too

    try:
        when_shown(read)
        dialogs.info(None, "Moved", "Token 'EPCS' is now kept in this computer's TPM security chip.")
    finally:
        qapp.setWindowIcon(before)
    assert seen == ["Information", "Close", False, True]


def test_a_question_names_its_buttons_and_escape_is_the_safe_choice(qtbot: QtBot) -> None:
    seen: list[object] = []

    def escape(box: dialogs.MessageDialog) -> None:
        seen.append(roles(box))
        seen.append([said(b)[0] for b in box.buttons()])
        seen.append(box.focusWidget() is box.buttons()[1])
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    when_shown(escape)
    choice = dialogs.question(
        None, "Replace token", "Which one?", ["&Old", "New && shiny", "Cancel"], default=1
    )
    assert choice == 2
    assert seen == [["secondary", "primary", "secondary"], ["Old", "New & shiny", "Cancel"], True]

    when_shown(lambda box: box.buttons()[0].click())
    assert dialogs.question(None, "Replace token", "Which one?", ["Old", "New", "Cancel"]) == 0

    when_shown(lambda box: box.close())  # the window's close button: the cancel as well
    assert dialogs.question(None, "Replace token", "Which one?", ["Old", "Cancel", "New"], cancel=1) == 1


def test_a_danger_question_looks_it_and_says_what_to_do(qtbot: QtBot) -> None:
    seen: list[object] = []

    def read(box: dialogs.MessageDialog) -> None:
        icon = box.findChild(QLabel, "messageIcon")
        seen.extend([said(icon)[0] if icon else "", roles(box), box.action_label.text()])
        qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter: the default

    when_shown(read)
    choice = dialogs.question(
        None,
        "Remove the token",
        "Remove token 'EPCS' from this workstation now? This cannot be undone.",
        ["Remove", "Cancel"],
        default=1,
        kind="danger",
        action="Do this only once the new workstation shows it.",
    )
    assert choice == 1
    assert seen == ["Warning", ["danger", "primary"], "Do this only once the new workstation shows it."]
    with pytest.raises(ValueError, match="kind"):
        dialogs.question(None, "t", "x", ["A"], kind="info")


def test_a_notice_does_not_stop_the_app_and_goes_when_closed(qtbot: QtBot) -> None:
    dialogs.notice(None, "Token removed", "Your help desk removed these tokens.", button="Understood")
    (box,) = [w for w in QApplication.topLevelWidgets() if w.objectName() == "noticeBox" and w.isVisible()]
    assert isinstance(box, dialogs.MessageDialog) and not box.isModal()
    assert said(box.buttons()[0])[0] == "Understood" and roles(box) == ["primary"]
    box.buttons()[0].click()
    qtbot.waitUntil(lambda: dialogs._notices == [])
    assert not any(w.objectName() == "noticeBox" and w.isVisible() for w in QApplication.topLevelWidgets())


def test_the_pin_dialog_is_the_same_frame_with_a_pin_field(qtbot: QtBot) -> None:
    seen: list[object] = []

    def type_pin(box: dialogs.MessageDialog) -> None:
        assert isinstance(box, dialogs.PinDialog)
        field = box.findChild(PinField, "pinDialogField")
        assert field is not None
        icon = box.findChild(QLabel, "messageIcon")
        seen.extend([said(icon)[0] if icon else "", said(field)[0], [said(b)[0] for b in box.buttons()]])
        seen.append(roles(box))
        seen.append(box.focusWidget() is field)
        for digit in "8642":
            qtbot.keyClick(field, digit)
        seen.append(field.text())
        qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter in the field: the named primary button

    when_shown(type_pin)
    typed = dialogs.pin(None, "Move into the security chip", "Type the PIN.", 4, confirm="Move into the chip")
    assert typed == "8642"
    assert seen == [
        "PIN",
        "Token PIN",
        ["Move into the chip", "Cancel"],
        ["primary", "secondary"],
        True,
        MASK * 4,
    ]

    def cancel(box: dialogs.MessageDialog) -> None:
        field = box.findChild(PinField, "pinDialogField")
        assert field is not None
        qtbot.keyClick(field, "1")
        qtbot.keyClick(field, Qt.Key.Key_Escape)

    when_shown(cancel)
    assert dialogs.pin(None, "t", "Type the PIN.", 4, cancel="Keep it in software") is None


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        dialogs.MessageDialog("shout", None, "t", "x")


def test_an_error_box_says_what_to_do_when_errors_knows(qtbot: QtBot) -> None:
    from softtoken.core.errors import PolicyError
    from softtoken.gui import errors

    seen: list[object] = []

    def read(box: dialogs.MessageDialog) -> None:
        seen.extend([box.windowTitle(), box.action_label.isVisible(), said(box.buttons()[0])[0]])
        box.buttons()[0].click()

    when_shown(read)
    errors.show_error(
        None, PolicyError("{where}: '{key}' must be true or false.", params={"where": "p", "key": "k"})
    )
    assert seen == ["Policy problem", True, "Close"]
    when_shown(read)
    errors.show_error(None, RuntimeError("a bug"), button="Quit")
    assert seen[3:] == ["softtoken", False, "Quit"]  # the bug's sentence already says what to do
