"""The replacement wizard's first step, opened through the real Controller: focus and the reasons offered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from softtoken.core.clock import FixedClock
from softtoken.core.errors import WrongPin
from softtoken.core.lifecycle import Reason
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from softtoken.gui import dialogs
from softtoken.gui.app import Controller
from softtoken.gui.wizard.replacement import ReplacementWizard
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, link, make_vault

NEW_LINK = link(bytes(range(90, 110)))
_controllers: list[Controller] = []


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring) -> Vault:
    vault = make_vault(
        tmp_path / "home", memory_keyring, clock=FixedClock(10**6), policy=Policy(max_attempts=5)
    )
    vault.activate(description(), "EPCS", PIN, PIN)
    return vault


@pytest.fixture(autouse=True)
def _close_wizards() -> Iterator[None]:
    yield
    for controller in _controllers:
        if controller.wizard is not None and isValid(controller.wizard):
            controller.wizard.done(0)
    _controllers.clear()


def started(qtbot: QtBot, vault: Vault) -> Controller:
    controller = Controller(vault, vault.policy, vault.clock)
    _controllers.append(controller)
    qtbot.addWidget(controller.window)
    controller.start()
    window = controller.window
    qtbot.waitUntil(lambda: window.built and window.current is not None)
    return controller


def opened(qtbot: QtBot, controller: Controller) -> ReplacementWizard:
    qtbot.waitUntil(lambda: isinstance(controller.wizard, ReplacementWizard))
    wizard = controller.wizard
    assert isinstance(wizard, ReplacementWizard)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard and wizard.focusWidget() is not None)
    return wizard


def focus_is_shown(wizard: ReplacementWizard) -> bool:
    """The style draws a focus frame only after keyboard focus changes in the window."""
    return wizard.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)


def offered(wizard: ReplacementWizard) -> list[Reason]:
    return [reason for reason, button in wizard.reason_page.buttons.items() if not button.isHidden()]


def test_from_the_menu_the_reasons_have_the_focus(qtbot: QtBot, vault: Vault) -> None:
    controller = started(qtbot, vault)
    window = controller.window
    window.replace_requested.emit(window.current.token_id if window.current else "", "")  # Token ▸ Replace
    wizard = opened(qtbot, controller)
    assert wizard.focusWidget() is wizard.reason_page.buttons[Reason.LOST] and focus_is_shown(wizard)
    assert wizard.reason_page.reason is None  # the prescriber says why
    assert Reason.LOCKED_OUT not in offered(wizard)  # this token is neither locked nor disabled
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Down)  # the arrows move, Space chooses
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Space)
    assert wizard.reason_page.reason is Reason.FORGOT_PIN


def test_from_a_link_the_new_token_reason_is_chosen_and_tab_goes_to_next(qtbot: QtBot, vault: Vault) -> None:
    controller = started(qtbot, vault)
    dialogs.answer_next("question", 0)  # "Replace my token…"
    controller.handle_message(f"OPEN {NEW_LINK}")
    wizard = opened(qtbot, controller)
    chosen = wizard.reason_page.buttons[Reason.NEW_TOKEN]
    assert wizard.reason_page.reason is Reason.NEW_TOKEN and wizard.focusWidget() is chosen
    assert focus_is_shown(wizard)
    qtbot.keyClick(chosen, Qt.Key.Key_Tab)
    assert wizard.focusWidget() is wizard.button(QWizard.WizardButton.NextButton)
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.activate_page
    qtbot.waitUntil(wizard.activate_page.isComplete)  # core's check of the link answers on the vault worker


def test_locked_out_is_offered_for_a_token_waiting_after_wrong_pins(qtbot: QtBot, vault: Vault) -> None:
    for _ in range(3):  # the third wrong PIN starts a wait
        with pytest.raises(WrongPin):
            vault.unlock(None, "1357")
    assert vault.status()[0].wait_seconds > 0
    controller = started(qtbot, vault)
    controller.window.pin_page.forgot_button.click()
    wizard = opened(qtbot, controller)
    assert Reason.LOCKED_OUT in offered(wizard)
    assert wizard.reason_page.reason is Reason.FORGOT_PIN  # what the prescriber clicked


def test_locked_out_is_offered_and_chosen_for_a_disabled_token(qtbot: QtBot, vault: Vault) -> None:
    for _ in range(5):
        with pytest.raises(WrongPin):
            vault.unlock(None, "1357")
        vault.clock.advance(3600)  # type: ignore[attr-defined]
    controller = started(qtbot, vault)
    window = controller.window
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.disabled_page)
    window.disabled_page.replace_button.click()
    wizard = opened(qtbot, controller)
    assert wizard.reason_page.reason is Reason.LOCKED_OUT and Reason.LOCKED_OUT in offered(wizard)
    assert wizard.focusWidget() is wizard.reason_page.buttons[Reason.LOCKED_OUT]
