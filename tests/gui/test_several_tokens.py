"""Several tokens: the one just added is the one opened, and the chooser's rows are readable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QWizard
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


def needed_height(font: QFont, width: int, text: str) -> int:
    return (
        QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text).height()
    )


@pytest.mark.parametrize("width", [420, 520])
def test_the_chooser_shows_name_serial_and_state_without_scrolling_sideways(
    qtbot: QtBot, vault: Vault, width: int
) -> None:
    vault.activate(description(NEW_SEED, extra="&serial=TOTP00004B19"), "Emergency dept night", PIN, PIN)
    window = TokenWindow(vault, vault.policy, vault.clock)
    qtbot.addWidget(window)
    window.resize(width, 320)  # 420: the window's smallest width
    window.show()
    window.reload()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page)
    page = window.list_page
    view = page.list
    qtbot.waitUntil(lambda: view.visualItemRect(view.item(1)).height() > 0)
    assert not view.horizontalScrollBar().isVisible()
    viewport = view.viewport().width()
    for row in range(view.count()):
        rect = view.visualItemRect(view.item(row))
        assert rect.left() >= 0 and rect.right() < viewport, (row, rect)  # nothing off to the side
    (first, first_detail), (second, second_detail) = page.rows()
    assert (first, second) == ("EPCS", "Emergency dept night")
    assert first_detail.startswith("Serial TOTP00004B18 · waiting for network sync until ")
    assert second_detail.startswith("Serial TOTP00004B19 · ")
    bold = QFont(view.font())
    bold.setBold(True)
    for row, (name, detail) in enumerate(page.rows()):
        rect = view.visualItemRect(view.item(row))
        text_width = viewport - 12
        # tall enough for both lines as wrapped at this width: nothing is clipped
        assert rect.height() >= needed_height(bold, text_width, name) + needed_height(
            view.font(), text_width, detail
        )
