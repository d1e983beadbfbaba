"""Several tokens: the one just added is the one opened, and the chooser's rows are readable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel, QWizard
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from softtoken.core.clock import FixedClock
from softtoken.core.vault.vault import Vault
from softtoken.gui.app import Controller
from softtoken.gui.token_window import TokenWindow
from softtoken.gui.wizard.activation import ActivationWizard
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, link, make_vault

pytestmark = pytest.mark.usefixtures("qt_fonts")

NEW_SEED = bytes(range(150, 170))
_controllers: list[Controller] = []


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring) -> Vault:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    vault.activate(description(extra="&serial=TOTP00004B18"), "EPCS", PIN, PIN)
    return vault


@pytest.fixture(autouse=True)
def _close_wizards() -> Iterator[None]:
    yield
    for controller in _controllers:
        if controller.wizard is not None and isValid(controller.wizard):
            controller.wizard.done(0)
    _controllers.clear()


def test_the_token_just_added_is_the_one_opened(qtbot: QtBot, vault: Vault) -> None:
    controller = Controller(vault, vault.policy, vault.clock)
    _controllers.append(controller)
    window = controller.window
    qtbot.addWidget(window)
    controller.start()
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    assert window.pin_page.name_label.text() == "EPCS"
    window.add_requested.emit()  # Token ▸ Add a token…
    qtbot.waitUntil(lambda: isinstance(controller.wizard, ActivationWizard))
    wizard = controller.wizard
    assert isinstance(wizard, ActivationWizard)
    wizard.activate_page.set_link(link(NEW_SEED, extra="&serial=TOTP0002"))
    qtbot.waitUntil(wizard.activate_page.isComplete, timeout=5000)
    wizard.next()
    wizard.name_page.name_edit.setText("Hospital")
    wizard.next()
    wizard.pin_page.pin_edit.setText(PIN)
    wizard.pin_page.confirm_edit.setText(PIN)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=5000)
    made = wizard.made
    assert made is not None
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pin_page and window.current is not None)
    assert window.current is not None and window.current.token_id == made.token_id
    assert window.pin_page.name_label.text() == "Hospital"


@pytest.mark.parametrize("size", [(420, 320), (1024, 768)])
def test_the_chooser_shows_cards_with_name_serial_and_state_without_scrolling_sideways(
    qtbot: QtBot, vault: Vault, size: tuple[int, int]
) -> None:
    vault.activate(
        description(NEW_SEED, extra="&serial=TOTP00004B19"),
        "Emergency department night shift",
        PIN,
        PIN,
    )
    window = TokenWindow(vault, vault.policy, vault.clock)
    qtbot.addWidget(window)
    window.resize(*size)  # 420: the window's smallest width
    window.show()
    window.reload()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page)
    page = window.list_page
    area = page.list
    assert page.title.text() == "Choose a token" and area.accessibleName() == "Your tokens"
    cards = page.cards
    qtbot.waitUntil(lambda: cards[1].height() > 0 and cards[0].hasFocus())  # the first card focused
    assert not area.horizontalScrollBar().isVisible()

    def inside() -> bool:  # the list's height follows its cards' in a later layout pass
        return all(c.x() >= 0 and c.geometry().right() < area.viewport().width() for c in cards)

    qtbot.waitUntil(inside)  # nothing off the side (a wait, not a sleep: it fails if it never fits)
    viewport = area.viewport().width()
    for card in cards:
        assert card.x() >= 0 and card.geometry().right() < viewport, card.geometry()
        for label in card.findChildren(QLabel):
            if label.isVisible() and label.text():
                # tall enough for its text as wrapped at its width: nothing is clipped
                wrapped = label.heightForWidth(label.width())
                assert label.height() >= wrapped or not label.wordWrap(), label.text()
                assert label.geometry().right() <= card.contentsRect().right(), label.text()
    (first, first_detail), (second, second_detail) = page.rows()
    assert (first, second) == ("EPCS", "Emergency department night shift")
    assert first_detail.startswith("Serial TOTP00004B18 · Waiting for network sync · until ")
    assert second_detail.startswith("Serial TOTP00004B19 · ")
    spoken = QAccessible.queryAccessibleInterface(cards[0])
    assert spoken.role() == QAccessible.Role.Button
    name = spoken.text(QAccessible.Text.Name)
    assert name.startswith("EPCS, Serial TOTP00004B18, Waiting for network sync until "), name


def test_cards_open_with_the_keyboard_and_the_mouse(qtbot: QtBot, vault: Vault) -> None:
    vault.activate(description(NEW_SEED, extra="&serial=TOTP00004B19"), "Hospital", PIN, PIN)
    window = TokenWindow(vault, vault.policy, vault.clock)
    qtbot.addWidget(window)
    window.show()
    window.reload()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page)
    first, second = window.list_page.cards
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert second.hasFocus()  # Tab goes from card to card
    qtbot.keyClick(second, Qt.Key.Key_Up)
    assert first.hasFocus()
    with qtbot.waitSignal(window.list_page.chosen) as chosen:
        qtbot.keyClick(first, Qt.Key.Key_Space)
    assert chosen.args == [first.token_id]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pin_page)
    assert window.pin_page.name_label.text() == "EPCS"
    window.show_list()
    qtbot.waitUntil(window.list_page.cards[0].hasFocus)
    card = window.list_page.cards[1]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pin_page)
    assert window.pin_page.name_label.text() == "Hospital"
