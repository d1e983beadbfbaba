"""Busy, empty and error states: the spinner costs nothing unless seen, and every state is said."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from softtoken.gui.states import Spinner, StateView


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
    view, other = StateView(), QWidget()
    stack.addWidget(view)
    stack.addWidget(other)
    stack.show()
    qtbot.waitExposed(stack)
    view.show_busy("Checking your PIN…")
    assert view.spinner.turning()
    stack.setCurrentWidget(other)
    assert view.spinner.running() and not view.spinner.turning()
    stack.setCurrentWidget(view)
    assert view.spinner.turning()


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


def test_busy_empty_and_error(qtbot: QtBot) -> None:
    view = StateView()
    qtbot.addWidget(view)
    view.resize(480, 320)
    view.show()
    qtbot.waitExposed(view)
    assert view.objectName() == "stateView"

    view.show_busy("Opening your tokens…")
    assert view.mode == "busy" and view.title_text() == "Opening your tokens…"
    assert view.spinner.isVisible() and view.spinner.turning()
    assert not view.action_button.isVisible() and not view.text_label.isVisible()
    assert said(view) == ("Opening your tokens…", "Opening your tokens…")

    with qtbot.waitSignal(view.action_clicked):
        view.show_empty("token", "No token on this workstation yet", "Activate one to start.", "Activate")
        assert view.mode == "empty" and not view.spinner.isVisible() and not view.spinner.running()
        assert view.icon is not None and view.icon.isVisible() and said(view.icon)[0]  # named
        assert view.text_label.isVisible() and view.text_label.text() == "Activate one to start."
        assert view.action_button.isVisible() and said(view.action_button)[0] == "Activate"
        assert said(view)[1] == "No token on this workstation yet Activate one to start."
        view.action_button.click()

    view.show_error("The vault cannot be read", "It is damaged.", "&Restore")
    qtbot.waitUntil(lambda: len(view.findChildren(QLabel, "stateIcon")) == 1)  # the old icon went
    assert view.mode == "error" and view.title_text() == "The vault cannot be read"
    assert view.icon is not None and said(view.icon)[0] == "Error"
    assert said(view.action_button)[0] == "Restore"  # its mnemonic is not said
    assert said(view)[1] == "The vault cannot be read It is damaged."
    assert not view.grab().toImage().isNull()

    view.show_busy("Checking your PIN…", "This takes a second.")
    assert view.icon is None and view.spinner.turning() and view.text_label.isVisible()
    assert not view.action_button.isVisible()
