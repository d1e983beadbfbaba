"""What a screen reader is told in the wizards, the message boxes and the support card (issue 17).

Orca 43 speaks a focused object's name and description when the focus arrives, a
description change on the focused object, and alerts; it ignores changes on labels
that do not have the focus. So each outcome is asserted on the focused widget: its
accessible name and description, as Qt hands them to AT-SPI (QAccessible).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QWidget, QWizard
from pytestqt.qtbot import QtBot

from softtoken.core.errors import WrongPin
from softtoken.core.lifecycle import Reason
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from softtoken.gui import dialogs, i18n
from softtoken.gui.wizard.activation import ActivationWizard
from tests.gui.test_activation_wizard import child, open_wizard, paste, vault_commit
from tests.gui.test_replacement_wizard import open_wizard as open_replacement
from tests.vaults import PIN, description, link

pytestmark = pytest.mark.usefixtures("qt_fonts")

WRONG = "1357"


def said(widget: QWidget) -> tuple[str, str]:
    """(name, description) as Qt's accessibility gives them to a screen reader."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None and interface.isValid()
    return interface.text(QAccessible.Text.Name), interface.text(QAccessible.Text.Description)


def focus_of(wizard: QWidget) -> QWidget:
    widget = wizard.focusWidget()
    assert widget is not None
    return widget


def focus_in(qtbot: QtBot, window: QWidget, widget: QWidget) -> None:
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is widget)


@pytest.fixture
def wizard(qtbot: QtBot, vault: Vault) -> Iterator[ActivationWizard]:
    """An activation wizard that makes the token in the vault and shows its passcodes."""
    made = ActivationWizard(
        policy=vault.policy,
        existing_names=[],
        commit=vault_commit(vault),
        clock=vault.clock,
        unlock=vault.unlock,
    )
    qtbot.addWidget(made)
    made.show()
    made.activateWindow()
    qtbot.waitExposed(made)
    qtbot.waitUntil(lambda: len(made.pageIds()) == 4)
    yield made
    made.done(0)


SERIAL = "TOTP0001"


def to_name_page(qtbot: QtBot, wizard: ActivationWizard) -> None:
    paste(wizard, link(extra=f"&serial={SERIAL}"))
    qtbot.waitUntil(wizard.activate_page.isComplete)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.focusWidget() is wizard.name_page.name_edit)


def to_pin_page(qtbot: QtBot, wizard: ActivationWizard) -> None:
    to_name_page(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.focusWidget() is wizard.pin_page.pin_edit)


def to_done_page(qtbot: QtBot, wizard: ActivationWizard) -> None:
    to_pin_page(qtbot, wizard)
    qtbot.keyClicks(wizard.pin_page.pin_edit, PIN)
    wizard.pin_page.confirm_edit.setFocus()
    qtbot.keyClicks(wizard.pin_page.confirm_edit, PIN)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10000)


# --------------------------------------------------------------------------- pages announced


def test_step_2_says_its_page_on_the_name_field(qtbot: QtBot, wizard: ActivationWizard) -> None:
    to_name_page(qtbot, wizard)
    field = focus_of(wizard)
    name, words = said(field)
    assert name == "Token name"
    assert words.startswith("Step 2 of 4. Name your token. Enter a name and click the Activate button.")
    assert "The name tells your tokens apart" in words
    qtbot.keyClicks(field, "x")  # typing a fine name changes nothing a screen reader would say again
    assert said(field)[1] == words
    field.clear()  # a problem is said where the focus is, and the help once it is gone
    assert "name" in said(field)[1].lower() and said(field)[1] != words
    qtbot.keyClicks(field, "Clinic")
    assert said(field)[1].startswith("At most")  # the short help, once the problem is gone


def test_step_3_says_its_page_and_the_easy_pin_advice_until_a_digit_is_typed(
    qtbot: QtBot, wizard: ActivationWizard
) -> None:
    to_pin_page(qtbot, wizard)
    field = focus_of(wizard)
    name, words = said(field)
    assert name == "New token PIN"
    assert words.startswith("4 digits. Step 3 of 4. Set your token PIN.")
    assert "Avoid easy PINs such as 1234 or your birth year." in words
    qtbot.keyClicks(field, PIN[0])
    assert said(field)[1] == "1 of 4 digits."  # the page is not said again at every digit
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert said(field)[1] == "4 digits."


def test_the_mismatch_is_said_on_the_field_typed_again(qtbot: QtBot, wizard: ActivationWizard) -> None:
    to_pin_page(qtbot, wizard)
    page = wizard.pin_page
    qtbot.keyClicks(page.pin_edit, PIN)
    focus_in(qtbot, wizard, page.confirm_edit)
    qtbot.keyClicks(page.confirm_edit, PIN[:3] + "9")
    assert "do not match" in said(page.confirm_edit)[1]
    assert "match" not in said(page.pin_edit)[1]
    qtbot.keyClick(page.confirm_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(page.confirm_edit, PIN[3])
    assert said(page.confirm_edit)[1] == "4 of 4 digits."

    # A problem with the PIN itself is the first field's.
    page.confirm_edit.clear()
    page.pin_edit.clear()
    focus_in(qtbot, wizard, page.pin_edit)
    qtbot.keyClicks(page.pin_edit, "1234")
    assert "too easy" in said(page.pin_edit)[1] and "easy" not in said(page.confirm_edit)[1]


# --------------------------------------------------------------------------- the Done page


def test_the_done_page_says_itself_and_its_values_on_finish(qtbot: QtBot, wizard: ActivationWizard) -> None:
    to_done_page(qtbot, wizard)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.waitUntil(lambda: wizard.focusWidget() is finish)
    status = wizard.status
    assert status is not None and status.serial == SERIAL
    name, words = said(finish)
    assert name == "Finish"
    # the heading (set up, not ready: the network sync) and the one next thing to do
    assert words.startswith(
        "Step 4 of 4. Your token is set up. Next: the next time you e-prescribe, open softtoken"
    )
    assert f"Token name: {status.name}." in words and f"Serial number: {status.serial}." in words
    assert "enter your new PIN here" in words  # how to show a passcode for the issuer's page
    # The value labels say what they are and their value (not "Token name" alone).
    assert said(wizard.done_page.name_value)[0] == f"Token name: {status.name}"
    assert said(wizard.done_page.serial_value)[0] == f"Serial number: {status.serial}"


def test_show_a_passcode_keeps_the_focus_off_finish_and_focuses_the_passcode(
    qtbot: QtBot, wizard: ActivationWizard
) -> None:
    to_done_page(qtbot, wizard)
    proof = wizard.done_page.proof
    focus_in(qtbot, wizard, proof.pin_edit)
    qtbot.keyClicks(proof.pin_edit, PIN)
    focus_in(qtbot, wizard, proof.button)
    focused: list[QWidget] = []
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def went(_old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:
            focused.append(new)

    app.focusChanged.connect(went)
    try:
        qtbot.keyClick(proof.button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: bool(proof.code), timeout=10000)
        qtbot.waitUntil(lambda: wizard.focusWidget() is proof.code_label)
    finally:
        app.focusChanged.disconnect(went)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish not in focused, [w.objectName() for w in focused]
    name, _ = said(proof.code_label)  # said digit by digit, as in the token window
    assert name.startswith("Passcode ") and name[9:].replace(" ", "").replace(",", "") == proof.code.replace(
        " ", ""
    )


def test_a_wrong_pin_on_the_done_page_is_said_by_its_field_and_counts(
    qtbot: QtBot, wizard: ActivationWizard, vault: Vault
) -> None:
    to_done_page(qtbot, wizard)
    proof = wizard.done_page.proof
    focus_in(qtbot, wizard, proof.pin_edit)
    qtbot.keyClicks(proof.pin_edit, WRONG)
    qtbot.keyClick(proof.pin_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(proof.message.isVisible, timeout=10000)
    assert wizard.focusWidget() is proof.pin_edit
    words = said(proof.pin_edit)[1]
    assert words.startswith("4 digits. Incorrect PIN.") and "attempts left" in words
    assert vault.status()[0].failures == 1  # it counts, as before
    qtbot.keyClicks(proof.pin_edit, PIN[0])
    assert said(proof.pin_edit)[1] == "1 of 4 digits."  # said once, not at every digit


# --------------------------------------------------------------------------- the replacement wizard


def test_the_replacement_from_a_locked_token_focuses_its_reason_in_a_named_group(
    qtbot: QtBot, vault: Vault
) -> None:
    vault.policy = Policy(max_attempts=1)
    vault.activate(description(), "EPCS", PIN, PIN)
    with pytest.raises(WrongPin):
        vault.unlock(None, WRONG)
    wizard = open_replacement(qtbot, vault, Reason.LOCKED_OUT)
    locked = wizard.reason_page.buttons[Reason.LOCKED_OUT]
    qtbot.waitUntil(lambda: wizard.focusWidget() is locked)
    assert locked.isChecked()
    group = locked.parentWidget()
    assert group is not None
    assert said(group)[0] == "Step 1 of 5. Why are you replacing this token? Token: EPCS."
    wizard.done(0)


# --------------------------------------------------------------------------- message boxes


def answer_when_shown(answer: Callable[[dialogs.MessageDialog], None]) -> None:
    """Once the modal box is up (a condition polled by the event loop, no fixed wait), ``answer`` it."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, dialogs.MessageDialog) and box.isVisible():
            answer(box)
        else:
            QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)


@pytest.mark.parametrize(
    ("title", "buttons"),
    [
        ("You already have a token", ["Replace my token…", "Add another token", "Cancel"]),
        ("Remove the token", ["Remove", "Cancel"]),
    ],
)
def test_escape_closes_a_question_with_its_safe_choice(qtbot: QtBot, title: str, buttons: list[str]) -> None:
    seen: list[str] = []

    def escape(box: dialogs.MessageDialog) -> None:
        icon = box.findChild(QLabel, "messageIcon")
        seen.append(said(icon)[0] if icon is not None else "")
        seen.extend(said(button)[0] for button in box.buttons())  # every button named
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        if box.isVisible():  # Escape did nothing: end the box, or the test would wait for ever
            seen.append("still open after Escape")
            box.buttons()[0].click()

    answer_when_shown(escape)
    assert dialogs.question(None, title, "Go on?", buttons, default=0) == len(buttons) - 1
    assert seen == ["Question", *buttons]  # the icon is named, not an unnamed image


def test_the_wizard_header_logo_is_named(qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot)
    unnamed = [
        label
        for label in wizard.findChildren(QLabel)
        if label.isVisible() and not label.text() and not said(label)[0]
    ]
    assert unnamed == []
    wizard.done(0)


# --------------------------------------------------------------------------- the link box


def test_typing_in_the_link_box_says_one_problem_when_typing_pauses(qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot)
    box = child(wizard, QPlainTextEdit, "linkEdit")
    focus_in(qtbot, wizard, box)
    help_words = said(box)[1]
    problem = wizard.activate_page.problem_label
    descriptions = set()
    for character in "Thanks for the call":
        qtbot.keyClick(box, character)
        descriptions.add(said(box)[1])
        assert not problem.isVisible()  # not at each character
    assert descriptions == {help_words}
    qtbot.waitUntil(problem.isVisible)  # once typing paused
    assert said(box)[1] == problem.text() and "No activation link" in problem.text()


def test_ctrl_enter_or_leaving_the_box_says_the_problem_at_once(qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot)
    box = child(wizard, QPlainTextEdit, "linkEdit")
    focus_in(qtbot, wizard, box)
    problem = wizard.activate_page.problem_label
    qtbot.keyClicks(box, "Thanks")
    assert not problem.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert problem.isVisible() and said(box)[1] == problem.text()
    wizard.done(0)


def test_a_typed_link_still_enables_next_as_it_is_completed(qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot)
    box = child(wizard, QPlainTextEdit, "linkEdit")
    focus_in(qtbot, wizard, box)
    qtbot.keyClicks(box, link())
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert not wizard.activate_page.problem_label.isVisible()
    wizard.done(0)


# --------------------------------------------------------------------------- the support card


def test_the_support_card_is_read_with_the_arrow_keys(qtbot: QtBot, vault: Vault) -> None:
    from softtoken.gui.support import SupportDialog

    vault.activate(description(), "EPCS", PIN, PIN)
    dialog = SupportDialog(vault, vault.policy, vault.clock)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.card))
    text = dialog.text
    assert text.isReadOnly()
    assert text.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert text.focusPolicy() & Qt.FocusPolicy.TabFocus
    focus_in(qtbot, dialog, text)
    before = text.textCursor().position()
    qtbot.keyClick(text, Qt.Key.Key_Down)
    assert text.textCursor().position() > before  # a caret moves: a screen reader reads the line
    card = text.toPlainText()
    qtbot.keyClick(text, Qt.Key.Key_A)
    assert text.toPlainText() == card  # still read-only
    dialog.close()


# --------------------------------------------------------------------------- in Spanish


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    assert i18n.install_translator(qapp, "es") is not None
    try:
        yield
    finally:
        for translator in i18n._keep:
            qapp.removeTranslator(translator)
        i18n._keep.clear()


@pytest.mark.usefixtures("spanish")
def test_a_spanish_wizard_says_qts_buttons_and_its_pages_in_spanish(qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, policy=Policy(), link_text=link())
    qtbot.waitUntil(wizard.activate_page.isComplete)
    wizard.next()
    names = {
        button: said(wizard.button(button))[0].replace("&", "")
        for button in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.CancelButton,
        )
    }
    assert "Atrás" in names[QWizard.WizardButton.BackButton], names
    assert "Cancelar" in names[QWizard.WizardButton.CancelButton], names
    assert names[QWizard.WizardButton.NextButton] == "Activar", names  # the page's own
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.pin_page)
    words = said(wizard.pin_page.pin_edit)[1]
    assert words.startswith("4 dígitos. Paso 3 de 4. Elija el PIN de su token."), words
    wizard.done(0)


@pytest.mark.usefixtures("spanish")
def test_a_spanish_wizards_own_next_is_spanish(qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot)
    name = said(wizard.button(QWizard.WizardButton.NextButton))[0].replace("&", "")
    assert "Siguiente" in name, name
    wizard.done(0)


def test_a_message_box_icon_is_named_in_spanish_too(qtbot: QtBot, qapp: QApplication) -> None:
    assert i18n.install_translator(qapp, "es") is not None
    try:
        box = dialogs.message_box("warning", None, "t", "x")
        qtbot.addWidget(box)
        icon = box.findChild(QLabel, "messageIcon")
        assert icon is not None and said(icon)[0] == "Advertencia"
        assert said(box.buttons()[0])[0] == "Cerrar"  # the button's own name, in Spanish too
    finally:
        for translator in i18n._keep:
            qapp.removeTranslator(translator)
        i18n._keep.clear()
