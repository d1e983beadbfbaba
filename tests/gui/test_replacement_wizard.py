"""The replacement wizard, keyboard only, for every reason; with a real vault."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QLabel, QWidget

from softtoken.core.containers import Workstation
from softtoken.core.lifecycle import Reason
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from softtoken.gui import dialogs, workers
from softtoken.gui.wizard.replacement import ReplacementWizard
from tests.gui.markup import labels_showing_markup
from tests.keyrings import MemoryKeyring
from tests.oracles import needs_oathtool, oathtool_totp
from tests.vaults import PIN, description, link

NEW_SEED = bytes(range(150, 170))
NEW_PIN = "5173"
POLICY = Policy(helpdesk_contact="ACME EPCS help desk, 555-0100")


_shown: list[ReplacementWizard] = []


def focused() -> QWidget:
    """The wizard's own focus widget: right even when another test window is the active one."""
    widget = _shown[-1].focusWidget() if _shown else QApplication.focusWidget()
    assert widget is not None
    return widget


def current(wizard: ReplacementWizard) -> str:
    page = wizard.currentPage()
    return page.objectName() if page is not None else ""


def open_wizard(qtbot: Any, vault: Vault, reason: Reason | None = None) -> ReplacementWizard:
    old = vault.status()[0]

    def replace(request: Any, why: Reason, reported: float | None) -> Any:
        return vault.replace(
            old.token_id,
            request.description,
            request.name,
            request.pin,
            request.confirm,
            reason=why,
            loss_reported_at=reported,
        )

    wizard = ReplacementWizard(
        token=old,
        policy=POLICY,
        clock=vault.clock,
        existing_names=[t.name for t in vault.status()],
        replace=replace,
        retire=lambda done, failed: workers.run_in_background(
            lambda: Workstation(vault).retire(old.token_id), done, failed
        ),
        reason=reason,
    )
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    _shown.append(wizard)
    qtbot.waitUntil(lambda: wizard.focusWidget() is not None)
    return wizard


@pytest.fixture
def old_vault(vault: Vault) -> Vault:
    vault.activate(description(extra="&serial=OLD1"), "EPCS", PIN, PIN)
    return vault


def _device_keys(keyring: MemoryKeyring) -> set[str]:
    return {user for (service, user) in keyring.entries if service == "softtoken" and "/" in user}


def _walk_to_done(qtbot: Any, wizard: ReplacementWizard) -> None:
    """From step 2, keyboard only: paste the new link, keep the old name, set a new PIN."""
    assert current(wizard) == "activatePage" and focused().objectName() == "linkEdit"
    qtbot.keyClicks(focused(), link(NEW_SEED, extra="&serial=NEW2"))
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert current(wizard) == "namePage"
    assert wizard.name_page.name_edit.text() == "EPCS"  # the old name by default
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert current(wizard) == "pinPage"
    qtbot.keyClicks(focused(), NEW_PIN)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), NEW_PIN)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: current(wizard) == "donePage", timeout=5000)


@needs_oathtool
@pytest.mark.parametrize("reason", [Reason.FORGOT_PIN, Reason.LOCKED_OUT, Reason.NEW_TOKEN])
def test_each_reason_replaces_by_keyboard(
    qtbot: Any, old_vault: Vault, memory_keyring: MemoryKeyring, reason: Reason
) -> None:
    old_keys = _device_keys(memory_keyring)
    wizard = open_wizard(qtbot, old_vault)
    assert current(wizard) == "reasonPage"
    assert wizard.reason_page.title() == "Why are you replacing this token?"
    assert wizard.reason_page.step == (1, 5)  # the rail's "1 Why" of five steps
    choice = wizard.reason_page.buttons[reason]
    choice.setFocus()  # as Tab or the arrow keys would
    qtbot.keyClick(choice, Qt.Key.Key_Space)
    assert wizard.reason_page.reason is reason
    assert wizard.reason_page.explanation.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    _walk_to_done(qtbot, wizard)
    page_text = " ".join(label.text() for label in wizard.done_page.findChildren(QLabel))
    assert "NEW2" in page_text and "no longer works" in page_text and "revoke" in page_text
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert wizard.result() == QDialog.DialogCode.Accepted
    (token,) = old_vault.status()
    assert (token.name, token.serial) == ("EPCS", "NEW2")
    assert old_vault.unlock(None, NEW_PIN).codes[0].code == oathtool_totp(NEW_SEED, 59)
    assert not old_keys & _device_keys(memory_keyring)
    replaced = [r for r in old_vault.audit.records() if r["event"] == "replaced"]
    assert replaced[0]["details"]["reason"] == reason.value


def test_lost_needs_the_loss_reported_and_records_when(qtbot: Any, old_vault: Vault) -> None:
    wizard = open_wizard(qtbot, old_vault)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # the first choice: lost or stolen
    assert wizard.reason_page.reason is Reason.LOST
    assert "one business day" in wizard.reason_page.explanation.text()
    assert "555-0100" in wizard.reason_page.helpdesk.text()
    assert not wizard.reason_page.isComplete()  # not before the loss is reported
    check = wizard.findChild(QCheckBox, "lossReportedCheck")
    assert check is not None and check.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is check
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert wizard.reason_page.isComplete()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    _walk_to_done(qtbot, wizard)
    record = next(r for r in old_vault.audit.records() if r["event"] == "replaced")
    assert record["details"]["reason"] == "lost" and record["details"]["loss_reported_at"]


def test_new_workstation_retires_after_two_confirmations(
    qtbot: Any, old_vault: Vault, memory_keyring: MemoryKeyring
) -> None:
    wizard = open_wizard(qtbot, old_vault, Reason.NEW_WORKSTATION)
    wizard.reason_page.buttons[Reason.NEW_WORKSTATION].setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert current(wizard) == "retirePage"
    assert not wizard.retire_page.isComplete()
    qtbot.keyClick(wizard.retire_page.understood, Qt.Key.Key_Space)  # first confirmation
    dialogs.answer_next("question", 1)  # second confirmation: Cancel
    wizard.next()
    assert current(wizard) == "retirePage" and old_vault.status()
    dialogs.answer_next("question", 0)  # second confirmation: Remove
    wizard.next()
    qtbot.waitUntil(lambda: current(wizard) == "retiredPage", timeout=5000)
    assert old_vault.status() == [] and not _device_keys(memory_keyring)
    assert old_vault.history()[0]["event"] == "retired"


def test_a_replacement_repeating_the_old_seed_is_refused(qtbot: Any, old_vault: Vault) -> None:
    wizard = open_wizard(qtbot, old_vault, Reason.NEW_TOKEN)
    wizard.next()
    wizard.activate_page.set_link(link())  # the very seed being replaced
    wizard.next()
    wizard.next()
    wizard.pin_page.pin_edit.setText(NEW_PIN)
    wizard.pin_page.confirm_edit.setText(NEW_PIN)
    wizard.next()
    qtbot.waitUntil(lambda: "repeats the seed" in wizard.pin_page.problem_label.text(), timeout=5000)
    assert current(wizard) == "pinPage"
    (token,) = old_vault.status()
    assert token.serial == "OLD1" and old_vault.unlock(None, PIN).codes


def test_replacing_a_disabled_token_presets_locked_out(qtbot: Any, vault: Vault) -> None:
    vault.policy = Policy(max_attempts=1)
    vault.activate(description(), "EPCS", PIN, PIN)
    from softtoken.core.errors import WrongPin

    with pytest.raises(WrongPin):
        vault.unlock(None, "1357")
    wizard = open_wizard(qtbot, vault, Reason.LOCKED_OUT)
    assert wizard.reason_page.reason is Reason.LOCKED_OUT and wizard.reason_page.isComplete()


def test_a_token_name_that_looks_like_markup_is_shown_as_typed(qtbot: Any, vault: Vault) -> None:
    name = "<b>EPCS</b><img src=x>"
    vault.activate(description(), name, PIN, PIN)
    wizard = open_wizard(qtbot, vault, Reason.NEW_WORKSTATION)
    assert any(name in label.text() for label in wizard.findChildren(QLabel))  # "Token: <b>EPCS…"
    assert labels_showing_markup(wizard) == []
    wizard.next()  # the retire page names the token too
    assert labels_showing_markup(wizard) == []


def test_message_boxes_show_their_text_as_typed(qtbot: Any) -> None:
    box = dialogs.message_box("question", None, "Retire", "Remove token '<b>EPCS</b>'?")
    qtbot.addWidget(box)
    assert box.text_label.textFormat() == Qt.TextFormat.PlainText
    assert box.title_label.textFormat() == Qt.TextFormat.PlainText
    assert box.text_label.text() == "Remove token '<b>EPCS</b>'?"
