"""The real wiring: core's Workstation against the fake issuer on 127.0.0.1 (the real protocol).

A first run: the registration link pasted into step 1, confirmed, registered; the sync
brings the token the help desk put in the container; the delivery wizard names it and
sets its PIN; its passcode is the issuer's. Then the issuer goes down: a quiet line,
and the token still works.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.gui import workers
from softtoken.gui.app import Controller
from softtoken.gui.wizard.activation import ActivationWizard
from softtoken.gui.wizard.delivery import DeliveryWizard
from tests.fake_container_issuer import FakeContainerIssuer
from tests.gui.workstation_helpers import _close_windows
from tests.keyrings import MemoryKeyring
from tests.vaults import make_vault

__all__ = ["_close_windows"]
NOW = time.time()
PIN = "5173"


@pytest.fixture
def issuer() -> Iterator[FakeContainerIssuer]:
    with FakeContainerIssuer(now=lambda: NOW, issuer_name="ACME Health") as running:
        yield running


def test_register_from_the_paste_box_then_the_delivered_token_is_named_and_works(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, issuer: FakeContainerIssuer
) -> None:
    issuer.add_token("TOTP0000C0DE", label="dr.jones")
    clock = FixedClock(NOW)
    vault = make_vault(tmp_path / "home", memory_keyring, clock=clock)
    controller = Controller(vault, vault.policy, clock)
    from tests.gui import workstation_helpers

    workstation_helpers._controllers.append(controller)
    controller.start()  # a first run: step 1 of the activation wizard
    first = controller.wizard
    assert isinstance(first, ActivationWizard)
    first.complete_setup()
    first.activate_page.link_edit.setPlainText(issuer.registration_link())
    qtbot.waitUntil(lambda: controller.containers.register_dialog is not None, timeout=5000)
    dialog = controller.containers.register_dialog
    assert dialog is not None
    assert dialog.issuer_value.text() == "ACME Health" and dialog.url_value.text() == issuer.url
    assert issuer.calls == []  # nothing was sent before the prescriber said yes
    with qtbot.waitSignal(controller.containers.service.registered, timeout=10_000):
        dialog.register_button.click()
    dialog.cancel_button.click()  # "Close"
    # the sync that follows at once brings the token; the empty step 1 gives way to it
    qtbot.waitUntil(lambda: isinstance(controller.wizard, DeliveryWizard), timeout=10_000)
    wizard = controller.wizard
    assert isinstance(wizard, DeliveryWizard)
    assert wizard.delivery.serial == "TOTP0000C0DE" and wizard.currentPage() is wizard.name_page
    assert wizard.name_page.name_edit.text() == wizard.delivery.suggested_name != ""
    wizard.name_page.name_edit.setText("ACME EPCS")
    wizard.next()
    wizard.pin_page.pin_edit.setText(PIN)
    wizard.pin_page.confirm_edit.setText(PIN)
    with qtbot.waitSignal(wizard.activated, timeout=10_000) as made:
        wizard.next()
    token = made.args[0]
    assert token.name == "ACME EPCS" and token.serial == "TOTP0000C0DE"
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page)
    codes = vault.unlock(token.token_id, PIN).at(NOW)
    assert codes is not None and codes.code == issuer.passcode("TOTP0000C0DE", NOW)  # the issuer's secret
    wizard.button(QWizard.WizardButton.FinishButton).click()
    window = controller.window
    qtbot.waitUntil(lambda: [t.name for t in window.tokens] == ["ACME EPCS"], timeout=5000)

    issuer.stop()  # the issuer is down
    with qtbot.waitSignal(controller.containers.service.sync_failed, timeout=30_000):
        controller.containers.service.sync_now()
    assert window.sync_line.isVisible() and window.sync_line.text()
    assert vault.unlock(token.token_id, PIN).at(NOW) is not None  # the token works offline
    qtbot.waitUntil(lambda: not workers.busy(), timeout=10_000)


def test_an_issuer_off_the_admins_list_is_refused_before_anything_is_sent(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, issuer: FakeContainerIssuer
) -> None:
    from softtoken.core.policy import Policy
    from softtoken.gui import dialogs

    clock = FixedClock(NOW)
    policy = Policy(issuer_urls=("https://pi.acme-health.example",))
    vault = make_vault(tmp_path / "home", memory_keyring, clock=clock, policy=policy)
    controller = Controller(vault, policy, clock)
    from tests.gui import workstation_helpers

    workstation_helpers._controllers.append(controller)
    dialogs.answer_next("info", None)
    controller.open_link(issuer.registration_link())
    qtbot.waitUntil(lambda: any(kind == "info" for kind, _ in dialogs.shown), timeout=5000)
    (text,) = [text for kind, text in dialogs.shown if kind == "info"]
    assert issuer.url in text and "https://pi.acme-health.example" in text  # which, and what is allowed
    assert controller.containers.register_dialog is None and issuer.calls == []
    qtbot.waitUntil(lambda: not workers.busy(), timeout=5000)
