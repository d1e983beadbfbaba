"""The wizards' one frame (issue 16): the step rail, the page's own heading, the buttons' weights,
problem rows with an icon. What the prescriber sees and what a screen reader is told."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget, QWizard

from softtoken.core.lifecycle import Reason
from softtoken.core.vault.vault import Vault
from softtoken.gui.wizard.activation import ActivationWizard
from softtoken.gui.wizard.frame import StepRail
from tests.gui.test_activation_wizard import open_wizard, rail_said
from tests.gui.test_replacement_wizard import open_wizard as open_replacement
from tests.vaults import PIN, description, link


def rail(wizard: QWizard) -> StepRail:
    found = wizard.findChild(StepRail, "stepRail")
    assert found is not None
    return found


def test_the_rail_names_the_steps_and_follows_the_wizard(qtbot: Any) -> None:
    wizard = open_wizard(qtbot, link_text=link())
    steps = rail(wizard)
    assert wizard.sideWidget() is steps and steps.accessibleName() == "Steps"
    assert [text.text() for _icon, text in steps.rows] == ["1  Link", "2  Name", "3  PIN", "4  Done"]
    assert rail_said(wizard) == [
        "Step 1 of 4: Link, current",
        "Step 2 of 4: Name",
        "Step 3 of 4: PIN",
        "Step 4 of 4: Done",
    ]
    assert all(icon.accessibleName() for icon, _text in steps.rows)  # no unnamed image
    qtbot.waitUntil(wizard.activate_page.isComplete)
    wizard.next()
    assert rail_said(wizard)[:2] == ["Step 1 of 4: Link, done", "Step 2 of 4: Name, current"]
    assert steps.rows[1][1].property("tone") == "accent"  # the current step stands out
    assert steps.rows[2][1].property("tone") == "muted"  # the steps to come do not
    assert steps.rows[1][1].font().bold() and not steps.rows[2][1].font().bold()


def test_pages_show_their_own_heading_and_qwizard_draws_no_header(qtbot: Any) -> None:
    wizard = open_wizard(qtbot, link_text=link())
    page = wizard.activate_page
    assert page.heading.text() == "Activate your token" and page.heading.isVisible()
    assert page.heading.font().pointSizeF() > wizard.font().pointSizeF()  # the type scale's title
    assert page.layout().itemAt(0).widget() is page.header  # at the top of the page
    # QWizard itself sees no title: no classic header (no other label shows the title).
    shown = [
        label
        for label in wizard.findChildren(QLabel)
        if label.isVisible() and label.text() == "Activate your token"
    ]
    assert shown == [page.heading]
    assert wizard.wizardStyle() == QWizard.WizardStyle.ClassicStyle


def test_the_thing_to_do_is_primary_and_back_and_cancel_are_secondary(qtbot: Any) -> None:
    wizard = open_wizard(qtbot, link_text=link())
    qtbot.waitUntil(wizard.activate_page.isComplete)
    wizard.next()
    roles = {
        button: wizard.button(button).property("role")
        for button in (
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.CommitButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.CancelButton,
        )
    }
    assert roles == {
        QWizard.WizardButton.NextButton: "primary",
        QWizard.WizardButton.CommitButton: "primary",
        QWizard.WizardButton.FinishButton: "primary",
        QWizard.WizardButton.BackButton: "secondary",
        QWizard.WizardButton.CancelButton: "secondary",
    }


def test_a_problem_is_a_row_with_an_icon_under_its_field(qtbot: Any) -> None:
    wizard = open_wizard(qtbot, existing=("ACME",), link_text=link())
    qtbot.waitUntil(wizard.activate_page.isComplete)
    wizard.next()
    page = wizard.name_page
    assert page.problem_label.isVisible()  # the name is taken
    row = page.problem_label.parentWidget()
    assert row is not None and row.objectName() == "problemRow" and row.isVisible()
    icon = row.findChild(QLabel, "problemIcon")
    assert icon is not None and icon.accessibleName() == "Problem"
    assert page.problem_label.property("tone") == "danger"  # the danger tone, no style sheet of its own
    assert page.problem_label.styleSheet() == ""
    layout = page.layout()
    below = layout.indexOf(row)
    assert below > 0 and layout.itemAt(below - 1).layout() is not None  # right after the name's form
    page.name_edit.setText("Clinic")
    assert not row.isVisible()


def test_the_replacement_rail_follows_the_path_chosen(qtbot: Any, vault: Vault) -> None:
    vault.activate(description(extra="&serial=OLD1"), "EPCS", PIN, PIN)
    wizard = open_replacement(qtbot, vault, Reason.NEW_TOKEN)
    labels = [text.text() for _icon, text in rail(wizard).rows]
    assert labels == ["1  Why", "2  Link", "3  Name", "4  PIN", "5  Done"]
    assert wizard.reason_page.step == (1, 5)
    wizard.reason_page.choose(Reason.NEW_WORKSTATION)  # removing it here: three steps
    labels = [text.text() for _icon, text in rail(wizard).rows]
    assert labels == ["1  Why", "2  Remove", "3  Done"]
    assert wizard.retire_page.step == (2, 3) and wizard.retired_page.step == (3, 3)
    wizard.next()  # "Remove token" destroys it: the danger weight, not the primary one
    assert wizard.currentPage() is wizard.retire_page
    assert wizard.button(QWizard.WizardButton.CommitButton).property("role") == "danger"
    wizard.back()
    assert wizard.button(QWizard.WizardButton.NextButton).property("role") == "primary"
    wizard.done(0)


def test_the_busy_row_has_a_spinner_while_the_token_is_made(qtbot: Any) -> None:
    wizard: ActivationWizard = open_wizard(qtbot, link_text=link())
    spinner = wizard.pin_page.busy_bar
    assert isinstance(spinner, QWidget) and spinner.accessibleName()
    wizard.pin_page._set_busy(True)
    try:
        assert not spinner.isHidden() and spinner.running()  # type: ignore[attr-defined]
    finally:
        wizard.pin_page._set_busy(False)
    assert spinner.isHidden() and not spinner.running()  # type: ignore[attr-defined]
