"""Moving to a new workstation: with rollover the QR/link and "it has my tokens"; without, as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWizard
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.vault.vault import Vault
from softtoken.gui import dialogs
from softtoken.gui.app import Controller
from softtoken.gui.wizard.replacement import ReplacementWizard
from tests.gui.fake_workstation import NEW_LINK, FakeWorkstation
from tests.gui.workstation_helpers import _close_windows, started
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault

__all__ = ["_close_windows"]


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring) -> Vault:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    vault.activate(description(), "EPCS", PIN, PIN)
    return vault


def moving(qtbot: QtBot, controller: Controller) -> ReplacementWizard:
    controller.window.replace_requested.emit(controller.window.tokens[0].token_id, "new-workstation")
    qtbot.waitUntil(lambda: isinstance(controller.wizard, ReplacementWizard))
    wizard = controller.wizard
    assert isinstance(wizard, ReplacementWizard)
    return wizard


def test_with_rollover_the_old_workstation_shows_the_new_registration(qtbot: QtBot, vault: Vault) -> None:
    vault.activate(description(bytes(range(100, 120)), extra="&serial=TOTP0000C0DE"), "ACME EPCS", PIN, PIN)
    fake = FakeWorkstation(vault, registered=True)
    fake.claimed.append(("TOTP0000C0DE", "ACME EPCS"))  # delivered by the issuer: it moves
    controller = started(qtbot, vault, fake)
    qtbot.waitUntil(lambda: controller.containers.service.status is not None)
    wizard = moving(qtbot, controller)
    wizard.next()
    page = wizard.move_page
    assert page is not None and wizard.currentPage() is page
    qtbot.waitUntil(lambda: page.link == NEW_LINK, timeout=5000)
    assert page.link_box.toPlainText() == NEW_LINK
    qtbot.waitUntil(page.has_tokens.hasFocus)  # the one thing left to do here
    pixmap = page.qr_label.pixmap()
    assert pixmap is not None and not pixmap.isNull() and pixmap.width() >= 100
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert not commit.isEnabled()  # not before the new workstation has them
    page.has_tokens.setChecked(True)
    assert commit.isEnabled()
    dialogs.answer_next("question", 0)  # remove them here
    with qtbot.waitSignal(wizard.moved, timeout=5000):
        commit.click()
    assert fake.count("finish_move") == 1 and fake.count("rollover") == 1
    assert all(thread != "MainThread" for call, thread in fake.calls if call in ("rollover", "finish_move"))
    qtbot.waitUntil(lambda: wizard.currentPage().objectName() == "movedPage")
    assert controller.containers.service.status is None and not controller.containers.service.timer_active
    moved = wizard.currentPage()
    assert "delivered" in moved.title()
    # "ACME EPCS" came from the issuer and moved; "EPCS" was activated by hand here: it stays, named
    assert [t.name for t in vault.status()] == ["EPCS"]
    staying = moved.findChild(QLabel, "stayingText")
    assert staying is not None and staying.isVisible() and "ACME EPCS" not in staying.text()
    assert "Not moved: EPCS." in staying.text() and "by hand" in staying.text()
    assert "new activation" in staying.text()


def test_when_every_token_came_from_the_issuer_nothing_is_said_to_stay(qtbot: QtBot, tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "delivered", MemoryKeyring(), clock=FixedClock(59))
    vault.activate(description(extra="&serial=TOTP0000C0DE"), "ACME EPCS", PIN, PIN)
    fake = FakeWorkstation(vault, registered=True)
    fake.claimed.append(("TOTP0000C0DE", "ACME EPCS"))
    controller = started(qtbot, vault, fake)
    qtbot.waitUntil(lambda: controller.containers.service.status is not None)
    wizard = moving(qtbot, controller)
    wizard.next()
    page = wizard.move_page
    assert page is not None
    qtbot.waitUntil(lambda: bool(page.link), timeout=5000)
    page.has_tokens.setChecked(True)
    dialogs.answer_next("question", 0)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage().objectName() == "movedPage", timeout=5000)
    staying = wizard.currentPage().findChild(QLabel, "stayingText")
    assert staying is not None and not staying.isVisible() and vault.status() == []


def test_declining_the_last_question_keeps_the_tokens(qtbot: QtBot, vault: Vault) -> None:
    fake = FakeWorkstation(vault, registered=True)
    controller = started(qtbot, vault, fake)
    qtbot.waitUntil(lambda: controller.containers.service.status is not None)
    wizard = moving(qtbot, controller)
    wizard.next()
    page = wizard.move_page
    assert page is not None
    qtbot.waitUntil(lambda: bool(page.link), timeout=5000)
    page.has_tokens.setChecked(True)
    dialogs.answer_next("question", 1)  # Cancel
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert fake.count("finish_move") == 0 and wizard.currentPage() is page


@pytest.mark.parametrize("registered", [False, True])
def test_without_rollover_it_is_removing_the_token_and_calling_the_help_desk(
    qtbot: QtBot, vault: Vault, registered: bool
) -> None:
    fake = FakeWorkstation(vault, registered=registered, rollover_allowed=False)
    controller = started(qtbot, vault, fake)
    # read at start; when registered, again after the sync
    qtbot.waitUntil(lambda: fake.count("status") == (2 if registered else 1))
    wizard = moving(qtbot, controller)
    assert wizard.move_page is None
    wizard.next()
    assert wizard.currentPage() is wizard.retire_page
    assert fake.count("rollover") == 0


def test_the_registration_link_is_copied_like_a_passcode(qtbot: QtBot, vault: Vault) -> None:
    """Whoever registers with it first gets the tokens: out of clipboard history, cleared, and on close."""
    from PySide6.QtGui import QGuiApplication

    fake = FakeWorkstation(vault, registered=True)
    controller = started(qtbot, vault, fake)
    qtbot.waitUntil(lambda: controller.containers.service.status is not None)
    wizard = moving(qtbot, controller)
    wizard.next()
    page = wizard.move_page
    assert page is not None
    qtbot.waitUntil(lambda: page.link == NEW_LINK, timeout=5000)
    clipboard = QGuiApplication.clipboard()
    page.copy_button.click()
    assert clipboard.text() == NEW_LINK
    mime = clipboard.mimeData()
    assert mime is not None and mime.hasFormat("x-kde-passwordManagerHint")
    assert page.clipboard.timer.isActive()
    assert page.clipboard.timer.interval() == controller.policy.clipboard_clear_seconds * 1000
    page.clipboard.timer.timeout.emit()  # the delay ran out
    assert clipboard.text() == ""
    page.copy_button.click()
    assert clipboard.text() == NEW_LINK
    wizard.reject()  # closing the wizard clears it too
    assert clipboard.text() == ""
