"""Syncs after the first paint and on a timer; deliveries launch the naming wizard; failures stay quiet."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from softtoken.core.clock import FixedClock
from softtoken.core.containers.results import RemovedToken
from softtoken.core.errors import IssuerUnreachable
from softtoken.core.vault.vault import Vault
from softtoken.gui import dialogs
from softtoken.gui.errors import message_for
from softtoken.gui.wizard.activation import ActivationWizard
from softtoken.gui.wizard.delivery import DeliveryWizard
from tests.gui.fake_workstation import ISSUER, URL, FakeWorkstation, delivery
from tests.gui.workstation_helpers import _close_windows, controller_for, started
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault

__all__ = ["_close_windows"]
NEW_PIN = "5173"


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring) -> Vault:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    vault.activate(description(), "EPCS", PIN, PIN)
    return vault


def delivery_wizard(qtbot: QtBot, controller: object) -> DeliveryWizard:
    qtbot.waitUntil(lambda: isinstance(controller.wizard, DeliveryWizard), timeout=5000)  # type: ignore[attr-defined]
    wizard = controller.wizard  # type: ignore[attr-defined]
    assert isinstance(wizard, DeliveryWizard)
    return wizard


def test_an_unregistered_workstation_never_syncs_and_has_no_timer(qtbot: QtBot, vault: Vault) -> None:
    fake = FakeWorkstation(vault)
    controller = started(qtbot, vault, fake)
    qtbot.waitUntil(lambda: fake.count("status") == 1)
    assert not controller.containers.service.timer_active
    assert fake.count("sync") == 0


def test_the_first_sync_waits_for_the_first_paint_then_repeats_every_sync_minutes(
    qtbot: QtBot, vault: Vault
) -> None:
    fake = FakeWorkstation(vault, registered=True)
    controller = controller_for(vault, fake)
    qtbot.addWidget(controller.window)
    controller.start()
    assert fake.calls == []  # nothing before the window is on screen
    qtbot.waitUntil(lambda: fake.count("sync") == 1)
    service = controller.containers.service
    assert service.timer_active and service._timer.interval() == 15 * 60_000
    qtbot.waitUntil(lambda: not service.syncing)  # the first one answered
    with qtbot.waitSignal(service.synced, timeout=5000):
        service._timer.timeout.emit()  # the timer fires
    assert fake.count("sync") == 2


def test_a_delivered_token_launches_the_naming_step_then_the_pin_then_done(
    qtbot: QtBot, vault: Vault
) -> None:
    fake = FakeWorkstation(vault, registered=True, deliveries=[delivery(name="ACME EPCS night")])
    controller = started(qtbot, vault, fake)
    wizard = delivery_wizard(qtbot, controller)
    assert wizard.currentPage() is wizard.name_page
    assert wizard.name_page.name_edit.text() == "ACME EPCS night"  # the issuer's name, filled in
    qtbot.waitUntil(wizard.name_page.name_edit.hasFocus)  # ready to type over (it is selected)
    assert wizard.name_page.name_edit.selectedText() == "ACME EPCS night"
    assert ISSUER in wizard.arrival_note.text()
    wizard.name_page.name_edit.setText("Night shift")
    wizard.next()
    assert wizard.currentPage() is wizard.pin_page
    qtbot.waitUntil(wizard.pin_page.pin_edit.hasFocus)
    wizard.pin_page.pin_edit.setText(NEW_PIN)
    wizard.pin_page.confirm_edit.setText(NEW_PIN)
    with qtbot.waitSignal(wizard.activated, timeout=10_000):
        wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page)
    assert wizard.done_page.name_value.text() == "Night shift"
    assert fake.claimed == [("TOTP0000C0DE", "Night shift")]
    claims = [thread for call, thread in fake.calls if call == "claim"]
    assert claims and claims[0] != "MainThread"
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: {t.name for t in controller.window.tokens} == {"EPCS", "Night shift"})
    assert controller.window.current is not None and controller.window.current.name == "Night shift"


def test_a_replacement_delivery_names_the_token_it_replaces(qtbot: QtBot, vault: Vault) -> None:
    fake = FakeWorkstation(vault, registered=True, deliveries=[delivery(name="EPCS", replaces="EPCS")])
    controller = started(qtbot, vault, fake)
    wizard = delivery_wizard(qtbot, controller)
    assert "'EPCS'" in wizard.arrival_note.text()
    assert wizard.name_page.isComplete()  # the old token's name may be kept: it goes with this write
    note = wizard.done_page.findChild(type(wizard.arrival_note), "replacedNote")
    assert note is not None and "'EPCS'" in note.text()


def test_a_cancelled_delivery_waits_for_the_next_sync(qtbot: QtBot, vault: Vault) -> None:
    fake = FakeWorkstation(vault, registered=True, deliveries=[delivery()])
    controller = started(qtbot, vault, fake)
    wizard = delivery_wizard(qtbot, controller)
    wizard.reject()
    qtbot.waitUntil(lambda: controller.wizard is None)
    assert controller.window.isVisible() and fake.pending_now  # still waiting, in the vault
    controller.containers.service.sync_now()
    delivery_wizard(qtbot, controller)


def test_a_delivery_on_an_empty_first_step_takes_its_place(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    empty = make_vault(tmp_path / "empty", memory_keyring, clock=FixedClock(59))
    fake = FakeWorkstation(empty, registered=True, deliveries=[delivery()])
    controller = controller_for(empty, fake)
    controller.open_wizard(None)
    first = controller.wizard
    assert isinstance(first, ActivationWizard) and first.untouched
    controller.containers.service.status = fake.status()
    controller.containers.service.sync_now()
    wizard = delivery_wizard(qtbot, controller)
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: not isValid(first))  # closed and deleted


def test_a_failed_sync_is_a_quiet_line_and_the_tokens_still_work(qtbot: QtBot, vault: Vault) -> None:
    down = IssuerUnreachable(
        "The issuer at {url} cannot be reached; check the network and try again.", params={"url": URL}
    )
    fake = FakeWorkstation(vault, registered=True, fail_sync=down)
    controller = started(qtbot, vault, fake)
    window = controller.window
    qtbot.waitUntil(window.sync_line.isVisible)
    assert message_for(down) in window.sync_line.text()
    assert not any(kind == "info" for kind, _ in dialogs.shown)  # not a dialog
    window.pin_page.pin_edit.setText(PIN)
    window.pin_page.unlock_button.click()
    qtbot.waitUntil(lambda: window.code_page.codes is not None, timeout=5000)
    fake.fail_sync = None
    with qtbot.waitSignal(controller.containers.service.synced, timeout=5000):
        controller.containers.service.sync_now()
    assert not window.sync_line.isVisible()


def test_a_slow_issuer_never_holds_up_an_unlock(qtbot: QtBot, vault: Vault) -> None:
    gate = threading.Event()
    fake = FakeWorkstation(vault, registered=True, gate=gate)
    controller = started(qtbot, vault, fake)
    try:
        qtbot.waitUntil(lambda: fake.count("sync") == 1)  # it hangs on the issuer now
        window = controller.window
        window.pin_page.pin_edit.setText(PIN)
        window.pin_page.unlock_button.click()
        qtbot.waitUntil(lambda: window.code_page.codes is not None, timeout=5000)
        assert controller.containers.service.syncing
        controller.containers.service.sync_now()  # a second sync is not started meanwhile
        assert fake.count("sync") == 1
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not controller.containers.service.syncing)


def test_a_token_the_help_desk_removed_is_named_in_a_notice(qtbot: QtBot, vault: Vault) -> None:
    fake = FakeWorkstation(
        vault, registered=True, removed=[RemovedToken(name="Old EPCS", serial="TOTP0000AAAA")]
    )
    dialogs.answer_next("info", None)
    started(qtbot, vault, fake)
    qtbot.waitUntil(lambda: any("'Old EPCS'" in text for kind, text in dialogs.shown if kind == "info"))


def test_a_delivery_waits_while_a_passcode_is_on_screen(qtbot: QtBot, vault: Vault) -> None:
    fake = FakeWorkstation(vault, registered=True)
    controller = started(qtbot, vault, fake)
    window = controller.window
    window.pin_page.pin_edit.setText(PIN)
    window.pin_page.unlock_button.click()
    qtbot.waitUntil(lambda: window.unlocked, timeout=5000)
    qtbot.waitUntil(lambda: not controller.containers.service.syncing)
    fake.deliveries = [delivery()]
    with qtbot.waitSignal(controller.containers.service.deliveries, timeout=5000):
        controller.containers.service.sync_now()
    assert controller.wizard is None and window.unlocked  # the passcode stays, unlocked
    assert controller.containers._later.isActive()
    window.lock()  # done with it (or it expired)
    controller.containers._later.timeout.emit()
    delivery_wizard(qtbot, controller)
