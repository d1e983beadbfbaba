"""Every screen of a registered workstation, walked in English and in Spanish: no English left.

The registration's confirmation and its answer, a delivered replacement's three
steps, the notice of a token the help desk removed, the quiet line of a failed
sync, and moving to a new workstation (its QR page, the last question, Done).
The Workstation is the test double (tests/gui/fake_workstation.py): the words
are the GUI's and core's own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.containers.results import RemovedToken
from softtoken.core.errors import IssuerUnreachable
from softtoken.core.policy import Policy
from softtoken.gui.app import Controller
from softtoken.gui.wizard.delivery import DeliveryWizard
from softtoken.gui.wizard.replacement import ReplacementWizard
from tests.gui.fake_workstation import ISSUER, URL, FakeWorkstation, delivery, registration_link
from tests.gui.screen_text import EnglishFinder
from tests.gui.test_spanish_everywhere import Walk, click, in_language
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault

__all__ = ["in_language"]  # the fixture
NEW_PIN = "5173"


def container_screens(walk: Walk) -> None:
    home = walk.tmp / "home"
    clock = FixedClock(1_764_165_910)
    vault = make_vault(home, walk.keyring, clock=clock)
    vault.activate(description(), "ACME EPCS", PIN, PIN)
    vault.activate(description(bytes(range(60, 80))), "EPCS 2", PIN, PIN)
    fake = FakeWorkstation(vault)
    controller = Controller(vault, Policy(), clock, home=home, make_workstation=lambda: fake)
    walk.controllers.append(controller)
    controller.start()
    window = controller.window
    walk.until(lambda: window.built and len(window.tokens) == 2)
    service = controller.containers.service

    controller.open_link(registration_link())
    walk.until(lambda: controller.containers.register_dialog is not None)
    dialog = controller.containers.register_dialog
    assert dialog is not None
    walk.until(dialog.isVisible)
    walk.see("register: confirm")
    fake.deliveries = [delivery(name="ACME EPCS", replaces="ACME EPCS")]
    dialog.register_button.click()
    walk.until(lambda: dialog.registration is not None)
    walk.see("register: registered")
    dialog.cancel_button.click()

    wizard = None

    def delivered() -> bool:
        nonlocal wizard
        wizard = controller.wizard if isinstance(controller.wizard, DeliveryWizard) else None
        return wizard is not None and wizard.isVisible()

    walk.until(delivered)
    assert isinstance(wizard, DeliveryWizard)
    walk.see("delivery: name")
    wizard.next()
    wizard.pin_page.pin_edit.setText("1234")  # too easy: said in words
    wizard.pin_page.confirm_edit.setText("1234")
    walk.see("delivery: pin")
    wizard.pin_page.pin_edit.setText(NEW_PIN)
    wizard.pin_page.confirm_edit.setText(NEW_PIN)
    wizard.next()
    walk.until(lambda: wizard.currentPage() is wizard.done_page)
    walk.see("delivery: done")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    walk.until(lambda: controller.wizard is None and window.isVisible())

    fake.removed = [RemovedToken(name="EPCS 2", serial="TOTP0000AAAA")]
    service.sync_now()
    walk.until(
        lambda: any(w.objectName() == "noticeBox" and w.isVisible() for w in QApplication.topLevelWidgets())
    )
    walk.see("sync: token removed")
    for box in QApplication.topLevelWidgets():
        if box.objectName() == "noticeBox" and box.isVisible():
            box.close()

    fake.fail_sync = IssuerUnreachable(
        "The issuer {url} did not answer in time. Your tokens keep working; softtoken tries again later.",
        params={"url": URL},
    )
    service.sync_now()
    walk.until(window.sync_line.isVisible)
    walk.see("sync: failed")

    window.replace_requested.emit(window.tokens[0].token_id, "new-workstation")
    walk.until(lambda: isinstance(controller.wizard, ReplacementWizard))
    move = controller.wizard
    assert isinstance(move, ReplacementWizard) and move.move_page is not None
    walk.see("move: reason")
    move.next()
    page = move.move_page
    walk.until(lambda: bool(page.link))
    walk.see("move: new workstation's registration")
    page.has_tokens.setChecked(True)
    walk.modal("move: last question", move.button(QWizard.WizardButton.CommitButton).click, click(0))
    walk.until(lambda: move.currentPage().objectName() == "movedPage")
    walk.see("move: done")
    move.button(QWizard.WizardButton.FinishButton).click()


def run(qtbot: QtBot, tmp: Path, language: str) -> dict[str, set[str]]:
    tmp.mkdir()
    walk = Walk(qtbot, tmp, MemoryKeyring(), language)
    try:
        container_screens(walk)
    finally:
        walk.close()
    return walk.screens


def test_every_container_screen_in_spanish_has_no_english(
    qtbot: QtBot, tmp_path: Path, in_language: Callable[[str], None]
) -> None:
    in_language("en")
    english = run(qtbot, tmp_path / "en", "en")
    in_language("es")
    spanish = run(qtbot, tmp_path / "es", "es")
    assert set(spanish) == set(english)
    finder = EnglishFinder(names=["ACME EPCS", "EPCS 2", ISSUER])
    seen_in_english = {text for texts in english.values() for text in texts}
    found = [
        f"{screen}: {text!r}"
        for screen, texts in spanish.items()
        for text in sorted(texts)
        if finder.english_words(text) or (text in seen_in_english and finder.left_over(text))
    ]
    assert sum(len(texts) for texts in spanish.values()) > 40
    assert not found, f"{len(found)} English texts on Spanish screens:\n" + "\n".join(found)
