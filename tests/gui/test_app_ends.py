"""The app always ends cleanly: no token left, Quit from any window, a closed window stays closed.

Every test goes through the real ``Controller`` with a real vault; ``quitting``
is the controller's signal that it ended the app (``QApplication.quit`` does
nothing outside ``exec``, so the tests watch the signal and the windows).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from softtoken.core.clock import FixedClock
from softtoken.core.lifecycle import Reason
from softtoken.core.vault.vault import Vault
from softtoken.gui import dialogs
from softtoken.gui.app import Controller
from softtoken.gui.wizard.activation import ActivationWizard
from softtoken.gui.wizard.replacement import ReplacementWizard
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring) -> Vault:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    vault.activate(description(), "EPCS", PIN, PIN)
    return vault


_controllers: list[Controller] = []


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
    return controller


def on_pin_page(qtbot: QtBot, controller: Controller) -> None:
    window = controller.window
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)


def the_wizard(qtbot: QtBot, controller: Controller, kind: type[QWizard]) -> QWizard:
    qtbot.waitUntil(lambda: isinstance(controller.wizard, kind) and controller.wizard.isVisible())
    wizard = controller.wizard
    assert isinstance(wizard, kind)
    qtbot.waitUntil(lambda: len(wizard.pageIds()) > 1)  # an activation wizard is whole after its first paint
    return wizard  # not qtbot.addWidget: the controller deletes the wizards it closes


def press_ctrl_q(qtbot: QtBot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def retire_the_only_token(qtbot: QtBot, controller: Controller) -> None:
    """Token ▸ Replace token… ▸ Moving to a new workstation ▸ Remove token ▸ Remove ▸ Finish."""
    window = controller.window
    assert window.current is not None
    window.replace_requested.emit(window.current.token_id, "")
    wizard = the_wizard(qtbot, controller, ReplacementWizard)
    assert isinstance(wizard, ReplacementWizard)
    wizard.reason_page.choose(Reason.NEW_WORKSTATION)
    wizard.next()
    wizard.retire_page.understood.setChecked(True)
    dialogs.answer_next("question", 0)  # "Remove token 'EPCS' from this workstation now?"
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.retired_page, timeout=5000)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)


def test_removing_the_last_token_leaves_a_first_run_whose_cancel_quits(qtbot: QtBot, vault: Vault) -> None:
    controller = started(qtbot, vault)
    on_pin_page(qtbot, controller)
    retire_the_only_token(qtbot, controller)
    wizard = the_wizard(qtbot, controller, ActivationWizard)  # as on a first run
    assert vault.status() == []
    assert not controller.window.isVisible()  # not left behind on "Opening your tokens…"
    with qtbot.waitSignal(controller.quitting, timeout=2000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    assert controller.wizard is None and not controller.window.isVisible()


def test_a_restart_with_no_token_left_opens_the_wizard_and_cancel_quits(qtbot: QtBot, vault: Vault) -> None:
    vault.retire("EPCS")
    controller = started(qtbot, vault)
    wizard = the_wizard(qtbot, controller, ActivationWizard)
    qtbot.waitUntil(lambda: not controller.window.isVisible())
    with qtbot.waitSignal(controller.quitting, timeout=2000):
        wizard.reject()  # Cancel, Esc or the title bar's close button
    qtbot.wait(50)  # nothing comes back on its own, not even a turn of the event loop later
    assert controller.wizard is None and not controller.window.isVisible()


def test_ctrl_q_quits_from_the_activation_wizard(qtbot: QtBot, vault: Vault) -> None:
    vault.retire("EPCS")
    controller = started(qtbot, vault)
    wizard = the_wizard(qtbot, controller, ActivationWizard)
    with qtbot.waitSignal(controller.quitting, timeout=2000):
        press_ctrl_q(qtbot, wizard)
    assert not wizard.isVisible() and not controller.window.isVisible()


def test_ctrl_q_quits_from_the_replacement_wizard_and_the_token_window(qtbot: QtBot, vault: Vault) -> None:
    controller = started(qtbot, vault)
    on_pin_page(qtbot, controller)
    controller.window.pin_page.forgot_button.click()
    wizard = the_wizard(qtbot, controller, ReplacementWizard)
    with qtbot.waitSignal(controller.quitting, timeout=2000):
        press_ctrl_q(qtbot, wizard)
    assert not wizard.isVisible() and not controller.window.isVisible()

    again = started(qtbot, vault)
    on_pin_page(qtbot, again)
    with qtbot.waitSignal(again.quitting, timeout=2000):
        press_ctrl_q(qtbot, again.window)
    assert not again.window.isVisible()


def test_a_token_window_closed_behind_a_wizard_does_not_come_back(qtbot: QtBot, vault: Vault) -> None:
    controller = started(qtbot, vault)
    on_pin_page(qtbot, controller)
    controller.window.pin_page.forgot_button.click()
    wizard = the_wizard(qtbot, controller, ReplacementWizard)
    controller.window.close()  # the prescriber closes the window behind the wizard
    with qtbot.waitSignal(controller.quitting, timeout=2000):
        wizard.reject()
    assert not controller.window.isVisible() and len(vault.status()) == 1


def test_a_cancelled_wizard_returns_to_the_token_window_left_open(qtbot: QtBot, vault: Vault) -> None:
    controller = started(qtbot, vault)
    on_pin_page(qtbot, controller)
    controller.window.add_requested.emit()  # Token ▸ Add a token…
    wizard = the_wizard(qtbot, controller, ActivationWizard)
    with qtbot.assertNotEmitted(controller.quitting):
        wizard.reject()
        on_pin_page(qtbot, controller)
    assert controller.window.isVisible() and controller.wizard is None


def test_no_quit_while_a_token_is_being_removed(qtbot: QtBot, vault: Vault) -> None:
    controller = started(qtbot, vault)
    on_pin_page(qtbot, controller)
    controller.window.pin_page.forgot_button.click()
    wizard = the_wizard(qtbot, controller, ReplacementWizard)
    assert isinstance(wizard, ReplacementWizard)
    wizard.retire_page._busy = True  # as while core removes the token
    with qtbot.assertNotEmitted(controller.quitting):
        controller.quit()
    assert wizard.isVisible()
    wizard.retire_page._busy = False
