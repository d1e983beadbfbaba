"""Busy, empty and error states: the spinner costs nothing unless seen, and every state is said."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from softtoken.gui.states import Spinner


def said(widget: QWidget) -> tuple[str, str]:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None and interface.isValid()
    return interface.text(QAccessible.Text.Name), interface.text(QAccessible.Text.Description)


def test_the_spinner_turns_only_while_started_and_visible(qtbot: QtBot) -> None:
    spinner = Spinner()
    qtbot.addWidget(spinner)
    spinner.start()
    assert spinner.running() and not spinner.turning()  # started, but not shown: no timer
    spinner.show()
    qtbot.waitExposed(spinner)
    assert spinner.turning()
    spinner.hide()
    assert spinner.running() and not spinner.turning()
    spinner.show()
    assert spinner.turning()  # shown again: it goes on
    spinner.stop()
    assert not spinner.running() and not spinner.turning()
    spinner.hide()
    spinner.show()
    assert not spinner.turning()  # stopped stays stopped


def test_a_spinner_on_a_hidden_page_stops(qtbot: QtBot) -> None:
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    page, other = QWidget(), QWidget()
    spinner = Spinner(page)
    stack.addWidget(page)
    stack.addWidget(other)
    stack.show()
    qtbot.waitExposed(stack)
    spinner.start()
    assert spinner.turning()
    stack.setCurrentWidget(other)
    assert spinner.running() and not spinner.turning()
    stack.setCurrentWidget(page)
    assert spinner.turning()


def test_the_spinner_is_small_named_and_paints(qtbot: QtBot) -> None:
    spinner = Spinner()
    qtbot.addWidget(spinner)
    hint = spinner.sizeHint()
    assert 16 <= hint.width() <= 24 and hint.width() == hint.height()
    assert said(spinner)[0] == "Working"
    interface = QAccessible.queryAccessibleInterface(spinner)
    assert interface is not None
    assert interface.role() in (QAccessible.Role.ProgressBar, QAccessible.Role.Animation)
    spinner.resize(hint)
    assert not spinner.grab().toImage().isNull()
