"""A pia://container link, from any source, opens the confirmation naming the issuer, then registers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.errors import AlreadyRegistered, IssuerUnreachable
from softtoken.core.vault.vault import Vault
from softtoken.gui import dialogs
from softtoken.gui.app import Controller
from softtoken.gui.errors import message_for
from softtoken.gui.register_dialog import RegisterDialog
from softtoken.gui.wizard.activation import ActivationWizard
from tests.gui.fake_workstation import ISSUER, URL, FakeWorkstation, registration_link
from tests.gui.workstation_helpers import _close_windows, controller_for, started
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault

__all__ = ["_close_windows"]  # the fixture closes what each test opened


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring) -> Vault:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(1_764_165_910))
    vault.activate(description(), "EPCS", PIN, PIN)
    return vault


def dialog_of(qtbot: QtBot, controller: Controller) -> RegisterDialog:
    qtbot.waitUntil(lambda: controller.containers.register_dialog is not None)
    dialog = controller.containers.register_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_a_handed_over_link_asks_to_confirm_the_issuer_and_registers(qtbot: QtBot, vault: Vault) -> None:
    fake = FakeWorkstation(vault)
    controller = started(qtbot, vault, fake)
    assert not controller.containers.service.timer_active  # not registered: no polling
    controller.handle_message(f"OPEN {registration_link()}")  # a second `softtoken LINK`
    dialog = dialog_of(qtbot, controller)
    assert dialog.issuer_value.text() == ISSUER and dialog.url_value.text() == URL
    assert ISSUER in dialog.question.text()
    assert dialog.passphrase_edit is None  # the link does not ask for one
    qtbot.waitUntil(dialog.register_button.hasFocus)  # Enter or Space registers; Tab reaches Cancel
    assert fake.count("register") == 0  # nothing sent before the prescriber says yes
    with qtbot.waitSignal(controller.containers.service.registered, timeout=5000):
        dialog.register_button.click()
    assert dialog.registration is not None and ISSUER in dialog.question.text()
    assert not dialog.register_button.isVisible() and dialog.cancel_button.hasFocus()
    service = controller.containers.service
    assert service.timer_active and service._timer.interval() == vault.policy.sync_minutes * 60_000
    qtbot.waitUntil(lambda: fake.count("sync") == 1)  # at once: tokens may be waiting
    # every call to the issuer ran off the GUI thread, on the issuer's worker
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    assert gui is not None and all(thread != "MainThread" for _, thread in fake.calls)


def test_a_link_pasted_into_the_wizard_registers_instead_of_failing_as_a_token(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    vault = make_vault(tmp_path / "new", memory_keyring, clock=FixedClock(1_764_165_910))
    fake = FakeWorkstation(vault)
    controller = controller_for(vault, fake)
    controller.start()  # a first run: the activation wizard
    wizard = controller.wizard
    assert isinstance(wizard, ActivationWizard)
    qtbot.addWidget(wizard)
    wizard.complete_setup()
    page = wizard.activate_page
    page.link_edit.setPlainText(f"Dear Dr Jones,\n\nregister here:\n{registration_link()}\n\nACME")
    dialog = dialog_of(qtbot, controller)
    assert dialog.url_value.text() == URL
    assert page.link_edit.toPlainText() == ""  # the box does not keep it
    assert not page.problem_label.isVisible() and ISSUER in page.summary_label.text()
    assert not page.isComplete()  # not a token: Next stays off
    with qtbot.waitSignal(controller.containers.service.registered, timeout=5000):
        dialog.register_button.click()
    assert "now registered with ACME Health" in page.summary_label.text()


def test_the_passphrase_the_link_asks_for_is_asked_and_sent(qtbot: QtBot, vault: Vault) -> None:
    fake = FakeWorkstation(vault)
    controller = started(qtbot, vault, fake)
    controller.open_link(registration_link(passphrase="Your employee number"))
    dialog = dialog_of(qtbot, controller)
    assert dialog.passphrase_edit is not None
    qtbot.waitUntil(dialog.passphrase_edit.hasFocus)  # typed first
    assert dialog.findChild(type(dialog.question), "passphrasePrompt").text() == "Your employee number"  # type: ignore[union-attr]
    assert not dialog.register_button.isEnabled()
    dialog.passphrase_edit.setText("40213")
    assert dialog.register_button.isEnabled()
    with qtbot.waitSignal(controller.containers.service.registered, timeout=5000):
        dialog.register_button.click()
    assert fake.passphrases == ["40213"] and dialog.passphrase_edit.text() == ""
    assert not dialog.passphrase_edit.isVisible()  # nothing left to type


def test_an_unreachable_issuer_is_said_in_the_dialog_and_can_be_retried(qtbot: QtBot, vault: Vault) -> None:
    unreachable = IssuerUnreachable(
        "The issuer at {url} cannot be reached; check the network and try again.", params={"url": URL}
    )
    fake = FakeWorkstation(vault, fail_register=unreachable)
    controller = started(qtbot, vault, fake)
    controller.open_link(registration_link())
    dialog = dialog_of(qtbot, controller)
    with qtbot.waitSignal(controller.containers.service.register_failed, timeout=5000):
        dialog.register_button.click()
    assert dialog.problem.isVisible() and dialog.problem.text() == message_for(unreachable)
    assert dialog.register_button.isEnabled() and dialog.registration is None
    assert not controller.containers.service.timer_active
    fake.fail_register = None
    with qtbot.waitSignal(controller.containers.service.registered, timeout=5000):
        dialog.register_button.click()
    assert not dialog.problem.isVisible()


def test_a_refused_link_is_said_before_any_confirmation(qtbot: QtBot, vault: Vault) -> None:
    refusal = AlreadyRegistered(
        "This workstation is already registered with {issuer}.", params={"issuer": ISSUER}
    )
    fake = FakeWorkstation(vault, fail_preview=refusal)
    controller = started(qtbot, vault, fake)
    dialogs.answer_next("info", None)
    controller.open_link(registration_link())
    qtbot.waitUntil(lambda: any(text == message_for(refusal) for kind, text in dialogs.shown))
    assert controller.containers.register_dialog is None and fake.count("register") == 0


def test_a_qr_image_of_the_registration_opens_the_confirmation(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    import qrcode

    picture = tmp_path / "register.png"
    qrcode.make(registration_link()).save(picture)
    vault = make_vault(tmp_path / "new", memory_keyring, clock=FixedClock(1_764_165_910))
    controller = controller_for(vault, FakeWorkstation(vault))
    controller.start()
    wizard = controller.wizard
    assert isinstance(wizard, ActivationWizard)
    qtbot.addWidget(wizard)
    wizard.complete_setup()
    dialogs.answer_next("file", str(picture))
    wizard.activate_page.open_image_button.click()
    dialog = dialog_of(qtbot, controller)
    assert dialog.issuer_value.text() == ISSUER


@pytest.mark.parametrize("first_run", [True, False])
def test_a_link_given_at_start_opens_the_confirmation(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, first_run: bool
) -> None:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(1_764_165_910))
    if not first_run:
        vault.activate(description(), "EPCS", PIN, PIN)
    controller = controller_for(vault, FakeWorkstation(vault))
    if not first_run:
        qtbot.addWidget(controller.window)
    controller.start(registration_link())  # `softtoken pia://container/…` (the URL handler)
    dialog = dialog_of(qtbot, controller)
    assert dialog.url_value.text() == URL


def test_a_broken_registration_link_is_said_inline_in_step_one(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    vault = make_vault(tmp_path / "new", memory_keyring, clock=FixedClock(1_764_165_910))
    fake = FakeWorkstation(vault)
    controller = controller_for(vault, fake)
    controller.start()
    wizard = controller.wizard
    assert isinstance(wizard, ActivationWizard)
    qtbot.addWidget(wizard)
    wizard.complete_setup()
    cut = registration_link().split("&url=")[0]  # the mail cut it short
    wizard.activate_page.set_link(cut)
    page = wizard.activate_page
    assert page.problem_label.isVisible() and "registration link" in page.problem_label.text()
    assert controller.containers.register_dialog is None and fake.calls == []


def test_a_broken_registration_link_handed_over_is_said_in_a_message(qtbot: QtBot, vault: Vault) -> None:
    fake = FakeWorkstation(vault)
    controller = started(qtbot, vault, fake)
    dialogs.answer_next("info", None)
    controller.handle_message(f"OPEN {registration_link().split('&url=')[0]}")
    assert any("registration link" in text for kind, text in dialogs.shown if kind == "info")
    assert controller.containers.register_dialog is None and fake.count("preview") == 0


def test_the_confirmation_never_waits_behind_a_slow_sync(qtbot: QtBot, vault: Vault) -> None:
    import threading

    gate = threading.Event()
    fake = FakeWorkstation(vault, registered=True, gate=gate)
    controller = started(qtbot, vault, fake)
    try:
        qtbot.waitUntil(lambda: fake.count("sync") == 1)  # hanging on the issuer
        controller.open_link(registration_link())
        dialog = dialog_of(qtbot, controller)  # previewed meanwhile, on the vault's worker
        assert controller.containers.service.syncing and dialog.issuer_value.text() == ISSUER
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not controller.containers.service.syncing)
