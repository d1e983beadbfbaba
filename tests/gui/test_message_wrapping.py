"""Messages wrap between words, never after the hyphen of "e-mail" (PIN page, wizard, message boxes)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.gui import dialogs
from softtoken.gui.app import Controller
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, link, make_vault

BROKEN_WORD = re.compile(r"\w-$")


def _lines(text: str, font: QFont, width: int) -> list[str]:
    """How Qt lays ``text`` out in a word-wrapped label ``width`` pixels wide."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()].rstrip())
    layout.endLayout()
    return lines


def _assert_breaks_between_words(label: QLabel) -> None:
    shown = QLabel.text(label)  # what Qt paints (a subclass may give Python the message as written)
    assert label.wordWrap() and shown
    for width in range(120, 700, 3):
        lines = _lines(shown, label.font(), width)
        odd = [line for line in lines[:-1] if BROKEN_WORD.search(line)]
        assert not odd, f"a line ends inside a word at {width} px: {lines}"


def test_the_pin_page_message_breaks_between_words(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    vault.activate(description(), "EPCS", PIN, PIN)
    controller = Controller(vault, vault.policy, vault.clock)
    qtbot.addWidget(controller.window)
    controller.start()
    window = controller.window
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    message = window.pin_page.message
    said = "The audit log could not be written; tell your help desk by e-mail or by phone at once."
    message.show_text(said)  # any message the PIN page shows
    assert message.text() == said and message.accessibleDescription() == said  # read out as written
    _assert_breaks_between_words(message)


def test_the_wizards_problem_line_breaks_between_words(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    controller = Controller(vault, vault.policy, vault.clock)
    controller.start(link()[:30])  # a link cut short by the mail program
    wizard = controller.wizard
    assert wizard is not None
    qtbot.addWidget(wizard)

    def problem() -> QLabel | None:
        page = wizard.findChild(QWidget, "activatePage")
        return page.findChild(QLabel, "problemLabel") if page is not None else None

    qtbot.waitUntil(lambda: (label := problem()) is not None and label.isVisible())
    problem = problem()
    assert problem is not None
    assert "e-mail" in problem.text() and problem.accessibleDescription() == problem.text()
    _assert_breaks_between_words(problem)


def test_message_boxes_break_between_words(qtbot: QtBot) -> None:
    text = "The activation link is malformed. Copy it again from the issuer's e-mail, in the 6-digit form."
    box = dialogs.message_box("error", None, "softtoken", text, action="Ask your help desk for a new e-mail.")
    qtbot.addWidget(box)
    box.show()  # the box wraps its text when it is laid out
    qtbot.waitExposed(box)
    for name in ("messageText", "messageAction"):
        label = box.findChild(QLabel, name)
        assert label is not None and label.isVisible()
        _assert_breaks_between_words(label)
    assert box.accessibleDescription() == f"{text} Ask your help desk for a new e-mail."  # as written
    box = dialogs.message_box("warning", None, "softtoken", text)
    qtbot.addWidget(box)
    assert box.accessibleDescription() == text  # read out as written


def test_paths_links_and_file_names_keep_their_hyphens() -> None:
    """They may be copied from a selectable label, so they stay exactly as written."""
    from softtoken.gui.style import wrap_between_words

    for kept in ("/home/dr-jones/.local/share/softtoken", "otpauth://totp/a-b?secret=X", "my-key.pskc"):
        assert wrap_between_words(f"Open {kept} again.") == f"Open {kept} again."
    assert (
        wrap_between_words("the e-mail, a 4-digit PIN; --entry - x")
        == "the e\u2011mail, a 4\u2011digit PIN; --entry - x"
    )
