"""A link handed over (``softtoken LINK`` again) while replacing arrives in the wizard, or is offered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from softtoken.core.clock import FixedClock
from softtoken.core.lifecycle import Reason
from softtoken.core.vault.vault import Vault
from softtoken.gui import dialogs
from softtoken.gui.app import Controller
from softtoken.gui.wizard.replacement import ReplacementWizard
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, link, make_vault

FIRST = bytes(range(150, 170))
SECOND = bytes(range(90, 110))
OTHER_SEED = bytes(range(60, 80))
NEW_PIN = "5173"
_controllers: list[Controller] = []


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring) -> Vault:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
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
    qtbot.waitUntil(lambda: controller.window.built and bool(controller.window.tokens))
    return controller


def replacing(qtbot: QtBot, controller: Controller) -> ReplacementWizard:
    qtbot.waitUntil(lambda: isinstance(controller.wizard, ReplacementWizard))
    wizard = controller.wizard
    assert isinstance(wizard, ReplacementWizard)
    return wizard


def seed_read(qtbot: QtBot, wizard: ReplacementWizard) -> bytes:
    qtbot.waitUntil(wizard.activate_page.isComplete, timeout=5000)
    token = wizard.activate_page.selected()
    assert token is not None
    return bytes(token.secret.buffer)


def hand_over(controller: Controller, seed: bytes) -> None:
    controller.handle_message(f"OPEN {link(seed)}")  # what a second `softtoken LINK` sends


def test_on_the_first_step_the_link_goes_to_the_link_step(qtbot: QtBot, vault: Vault) -> None:
    controller = started(qtbot, vault)
    controller.window.pin_page.forgot_button.click()
    wizard = replacing(qtbot, controller)
    assert wizard.currentPage() is wizard.reason_page
    hand_over(controller, FIRST)
    assert wizard.currentPage() is wizard.activate_page  # the reason was chosen: on to the link
    assert seed_read(qtbot, wizard) == FIRST and wizard.reason_page.reason is Reason.FORGOT_PIN


def test_on_the_pin_step_a_second_link_replaces_the_first(qtbot: QtBot, vault: Vault) -> None:
    controller = started(qtbot, vault)
    dialogs.answer_next("question", 0)  # "Replace my token…"
    hand_over(controller, FIRST)
    wizard = replacing(qtbot, controller)
    wizard.next()
    assert seed_read(qtbot, wizard) == FIRST
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.pin_page
    hand_over(controller, SECOND)
    assert wizard.currentPage() is wizard.activate_page and seed_read(qtbot, wizard) == SECOND


def test_on_the_way_to_removing_the_token_a_link_means_a_new_token(qtbot: QtBot, vault: Vault) -> None:
    controller = started(qtbot, vault)
    controller.window.replace_requested.emit(controller.window.tokens[0].token_id, "new-workstation")
    wizard = replacing(qtbot, controller)
    wizard.next()
    assert wizard.currentPage() is wizard.retire_page
    hand_over(controller, FIRST)
    assert wizard.reason_page.reason is Reason.NEW_TOKEN
    assert wizard.currentPage() is wizard.activate_page and seed_read(qtbot, wizard) == FIRST
    assert vault.status()  # nothing removed


def test_a_link_arriving_after_the_replacement_is_offered_once_the_wizard_closes(
    qtbot: QtBot, vault: Vault
) -> None:
    controller = started(qtbot, vault)
    controller.window.pin_page.forgot_button.click()
    wizard = replacing(qtbot, controller)
    wizard.next()
    wizard.activate_page.set_link(link(FIRST))
    seed_read(qtbot, wizard)
    wizard.next()
    wizard.next()
    wizard.pin_page.pin_edit.setText(NEW_PIN)
    wizard.pin_page.confirm_edit.setText(NEW_PIN)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=5000)
    hand_over(controller, SECOND)  # too late for this wizard
    assert not any(kind == "question" for kind, _ in dialogs.shown)
    dialogs.answer_next("question", 2)  # offered now: Cancel
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: any("already has a token" in text for kind, text in dialogs.shown))
    assert controller.window.isVisible()


def test_with_two_tokens_replace_asks_which_and_keeps_the_link(qtbot: QtBot, vault: Vault) -> None:
    vault.activate(description(OTHER_SEED), "Hospital", PIN, PIN)
    controller = started(qtbot, vault)
    dialogs.answer_next("question", 0)  # "Replace my token…"
    dialogs.answer_next("question", 1)  # which one: Hospital
    hand_over(controller, FIRST)
    wizard = replacing(qtbot, controller)
    assert wizard.old.name == "Hospital"
    assert any("Which token" in text for kind, text in dialogs.shown)
    assert wizard.reason_page.reason is Reason.NEW_TOKEN
    wizard.next()
    assert seed_read(qtbot, wizard) == FIRST


def test_with_two_tokens_the_menu_asks_which_token_to_replace(qtbot: QtBot, vault: Vault) -> None:
    vault.activate(description(OTHER_SEED), "Hospital", PIN, PIN)
    controller = started(qtbot, vault)
    window = controller.window
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page)
    dialogs.answer_next("question", 0)  # EPCS
    window.replace_requested.emit("", "")  # Token ▸ Replace token… from the list
    wizard = replacing(qtbot, controller)
    assert wizard.old.name == "EPCS"
