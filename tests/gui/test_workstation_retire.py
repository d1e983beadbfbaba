"""Removing a token for a new workstation (no rollover): a delivered one also ends the registration.

The rule is core's (Workstation.retire); the GUI runs it on the issuer's worker and
says what happened on the last page. The fake Workstation here; the real one against
the loopback issuer at the end (the issuer down: the note to call the help desk).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.containers import Workstation, is_registered, parse_container_link
from softtoken.core.vault.vault import Vault
from softtoken.gui import dialogs, workers
from softtoken.gui.app import Controller
from softtoken.gui.wizard.replacement import ReplacementWizard
from tests.fake_container_issuer import FakeContainerIssuer
from tests.gui.fake_workstation import ISSUER, FakeWorkstation
from tests.gui.workstation_helpers import _close_windows, started
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault

__all__ = ["_close_windows"]
DELIVERED = "TOTP0000C0DE"


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring) -> Vault:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    vault.activate(description(), "Mail token", PIN, PIN)  # activated by hand, from an e-mail link
    vault.activate(description(bytes(range(100, 120)), extra=f"&serial={DELIVERED}"), "ACME EPCS", PIN, PIN)
    return vault


def retire(qtbot: QtBot, controller: Controller, name: str) -> ReplacementWizard:
    """The replacement wizard's "Moving to a new workstation" without rollover, to its last page."""
    token = next(t for t in controller.window.tokens if t.name == name)
    controller.window.replace_requested.emit(token.token_id, "new-workstation")
    qtbot.waitUntil(lambda: isinstance(controller.wizard, ReplacementWizard))
    wizard = controller.wizard
    assert isinstance(wizard, ReplacementWizard)
    wizard.next()
    assert wizard.currentPage() is wizard.retire_page
    wizard.retire_page.understood.setChecked(True)
    dialogs.answer_next("question", 0)  # Remove
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.retired_page, timeout=10_000)
    return wizard


def test_a_delivered_token_removed_ends_the_registration(qtbot: QtBot, vault: Vault) -> None:
    fake = FakeWorkstation(vault, registered=True, rollover_allowed=False)
    fake.claimed.append((DELIVERED, "ACME EPCS"))
    controller = started(qtbot, vault, fake)
    service = controller.containers.service
    qtbot.waitUntil(lambda: service.status is not None and service.timer_active)
    wizard = retire(qtbot, controller, "ACME EPCS")
    assert [t.name for t in vault.status()] == ["Mail token"]
    assert [thread for call, thread in fake.calls if call == "retire"] != ["MainThread"]
    assert fake.count("retire") == 1 and not fake.registered
    assert service.status is None and not service.timer_active  # no more syncs
    page = wizard.retired_page
    assert page.registration.isVisible() and ISSUER in page.registration.text()
    assert "no longer registered" in page.registration.text() and not page.note.isVisible()
    qtbot.waitUntil(lambda: not workers.busy(), timeout=5000)


def test_a_token_activated_by_hand_leaves_the_registration(qtbot: QtBot, vault: Vault) -> None:
    fake = FakeWorkstation(vault, registered=True, rollover_allowed=False)
    fake.claimed.append((DELIVERED, "ACME EPCS"))
    controller = started(qtbot, vault, fake)
    service = controller.containers.service
    qtbot.waitUntil(lambda: service.status is not None)
    wizard = retire(qtbot, controller, "Mail token")
    assert [t.name for t in vault.status()] == ["ACME EPCS"] and fake.count("retire") == 1
    assert service.status is not None and service.timer_active and fake.registered
    assert not wizard.retired_page.registration.isVisible() and not wizard.retired_page.note.isVisible()
    qtbot.waitUntil(lambda: not workers.busy(), timeout=5000)


@pytest.fixture
def issuer() -> Iterator[FakeContainerIssuer]:
    with FakeContainerIssuer(now=time.time, issuer_name="ACME Health") as running:
        yield running


def test_the_real_workstation_with_the_issuer_down_says_to_call_the_help_desk(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, issuer: FakeContainerIssuer
) -> None:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(time.time()))
    issuer.rollover_allowed = False  # "Moving to a new workstation" is then removing the token
    issuer.add_token(DELIVERED, label="dr.jones")
    workstation = Workstation(vault)
    workstation.register(parse_container_link(issuer.registration_link()))
    workstation.sync()
    workstation.claim(DELIVERED, "ACME EPCS", PIN, PIN)
    issuer.stop()  # the issuer is down: the start's sync fails quietly, the retire cannot tell it
    controller = Controller(vault, vault.policy, vault.clock)
    from tests.gui import workstation_helpers

    workstation_helpers._controllers.append(controller)
    qtbot.addWidget(controller.window)
    controller.start()
    qtbot.waitUntil(lambda: controller.window.built and bool(controller.window.tokens))
    service = controller.containers.service
    qtbot.waitUntil(lambda: service.status is not None and service.last_error is not None, timeout=10_000)
    wizard = retire(qtbot, controller, "ACME EPCS")
    assert vault.status() == [] and not is_registered(vault)
    assert service.status is None and not service.timer_active
    note = wizard.retired_page.note
    assert note.isVisible() and issuer.serial in note.text() and "help desk" in note.text()
    assert "--reason lost" in note.text() and issuer.url in note.text()
    issuer.start()
    assert issuer.state == "registered"  # the issuer was not told: the note asks the help desk
    qtbot.waitUntil(lambda: not workers.busy(), timeout=10_000)
