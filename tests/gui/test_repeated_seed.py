"""A repeated seed or serial is refused when the link is read, before a name or PIN is typed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard, QWizardPage
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from softtoken.core.clock import FixedClock
from softtoken.core.vault.vault import Vault
from softtoken.gui.app import Controller
from softtoken.gui.wizard.activate_page import ActivatePage
from softtoken.gui.wizard.activation import ActivationWizard
from softtoken.gui.wizard.replacement import ReplacementWizard
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, link, make_vault

NEW_SEED = bytes(range(150, 170))
_controllers: list[Controller] = []


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring) -> Vault:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    vault.activate(description(extra="&serial=S1"), "EPCS", PIN, PIN)
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
    return controller


def wizard_of(qtbot: QtBot, controller: Controller, kind: type[QWizard]) -> QWizard:
    qtbot.waitUntil(lambda: isinstance(controller.wizard, kind) and len(controller.wizard.pageIds()) > 1)
    wizard = controller.wizard
    assert isinstance(wizard, kind)
    return wizard


def answer(qtbot: QtBot, page: ActivatePage) -> str:
    """Wait for core's answer on the link just read: "" when it may be used, else the problem."""
    qtbot.waitUntil(lambda: page.isComplete() or page.problem_label.isVisible(), timeout=5000)
    return page.problem_label.text() if page.problem_label.isVisible() else ""


def next_enabled(wizard: QWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_adding_a_token_with_a_seed_already_here_is_refused_at_step_one(qtbot: QtBot, vault: Vault) -> None:
    controller = started(qtbot, vault)
    qtbot.waitUntil(lambda: controller.window.current is not None)
    controller.window.add_requested.emit()  # Token ▸ Add a token…
    wizard = wizard_of(qtbot, controller, ActivationWizard)
    page = wizard.activate_page
    page.set_link(link(extra="&serial=S9"))  # the same seed, another serial
    assert "repeats a seed already used" in answer(qtbot, page)
    assert not next_enabled(wizard) and page.tokens() == []  # wiped
    page.set_link(link(NEW_SEED, extra="&serial=S1"))  # a new seed, the same serial
    assert "already has serial S1" in answer(qtbot, page)
    page.set_link(link(NEW_SEED, extra="&serial=S2"))
    assert answer(qtbot, page) == "" and next_enabled(wizard)


def test_a_retired_seed_is_refused_at_step_one_after_a_restart(qtbot: QtBot, vault: Vault) -> None:
    vault.retire("EPCS")
    controller = started(qtbot, vault)
    wizard = wizard_of(qtbot, controller, ActivationWizard)  # no token left: the first-run wizard
    page = wizard.activate_page
    page.set_link(link())
    assert "replaced or removed on this workstation before" in answer(qtbot, page)
    assert wizard.currentPage() is page


def test_a_replacement_repeating_the_old_seed_is_refused_at_its_link_step(qtbot: QtBot, vault: Vault) -> None:
    controller = started(qtbot, vault)
    window = controller.window
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    window.pin_page.forgot_button.click()
    wizard = wizard_of(qtbot, controller, ReplacementWizard)
    assert isinstance(wizard, ReplacementWizard)
    wizard.next()
    current: QWizardPage = wizard.currentPage()
    assert current is wizard.activate_page
    wizard.activate_page.set_link(link())  # the very seed being replaced
    assert "repeats the seed of token 'EPCS'" in answer(qtbot, wizard.activate_page)
    assert not next_enabled(wizard)
    wizard.activate_page.set_link(link(NEW_SEED, extra="&serial=S1"))  # its own serial is fine
    assert answer(qtbot, wizard.activate_page) == "" and next_enabled(wizard)
