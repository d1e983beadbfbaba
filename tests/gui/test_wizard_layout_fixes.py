"""The wizards' layout after the issue-16 review: one content edge on every page, a Done step
that does not look done before it is, step 1's buttons on one row when they fit, labels level
with their fields and "Show PIN" under the PIN boxes, the Done page's labelled PIN box."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWizard

from softtoken.gui.pin_field import PinField
from softtoken.gui.wizard.frame import StepRail, activation_steps, named_steps
from tests.gui.test_activation_wizard import open_wizard
from tests.vaults import link


def content_left(wizard: QWizard) -> int:
    page = wizard.currentPage()
    return page.heading.mapTo(wizard, QPoint(0, 0)).x()


def test_every_page_starts_at_the_same_x(qtbot: Any) -> None:
    wizard = open_wizard(qtbot, link_text=link())
    rail = wizard.findChild(StepRail, "stepRail")
    assert rail is not None and rail.minimumWidth() == rail.maximumWidth()  # a fixed width
    qtbot.waitUntil(wizard.activate_page.isComplete)
    edges = [content_left(wizard)]
    wizard.next()
    edges.append(content_left(wizard))
    wizard.next()
    edges.append(content_left(wizard))
    assert len(set(edges)) == 1, edges


def test_the_done_step_has_its_own_icon_until_it_is_done() -> None:
    for steps in (activation_steps(0, 1, 2, 3), named_steps(1, 2, 3)):
        assert all(step.icon != "done" for step in steps)  # "done" (a check) is for steps done


def test_step_one_buttons_share_a_row_when_they_fit(qtbot: Any) -> None:
    wizard = open_wizard(qtbot, link_text=link())
    wizard.resize(720, 480)
    QApplication.processEvents()
    page = wizard.activate_page
    buttons = [page.open_image_button, page.scan_button, page.open_pskc_button]
    qtbot.waitUntil(lambda: page.open_pskc_button.width() > 0)
    right = page.contentsRect().right()
    if sum(b.sizeHint().width() for b in buttons) + 16 < right - page.open_image_button.x():
        assert len({b.y() for b in buttons}) == 1
    for button in buttons:
        assert button.width() >= button.sizeHint().width()  # never clipped: wrapped instead
    # the one place for messages: under the link box, above the buttons
    qtbot.waitUntil(page.summary_label.isVisible)
    assert page.link_edit.geometry().bottom() < page.summary_label.y() < page.open_image_button.y()


def test_pin_labels_are_level_and_show_pin_is_under_the_boxes(qtbot: Any) -> None:
    wizard = open_wizard(qtbot, link_text=link())
    qtbot.waitUntil(wizard.activate_page.isComplete)
    wizard.next()
    wizard.next()
    page = wizard.pin_page
    QApplication.processEvents()
    for field in (page.pin_edit, page.confirm_edit):
        label = next(lbl for lbl in page.findChildren(QLabel) if lbl.buddy() is field)
        assert abs(label.geometry().center().y() - field.geometry().center().y()) <= 1
    assert abs(page.show_check.x() - page.pin_edit.x()) <= 4
    assert page.pin_edit.maximumWidth() > 10_000 or page.pin_edit.width() == page.pin_edit.sizeHint().width()


def test_the_done_pages_pin_box_is_labelled_and_the_passcode_has_no_caret() -> None:
    from softtoken.core.clock import FixedClock
    from softtoken.gui.wizard.proof import ProofPasscode

    proof = ProofPasscode(FixedClock(59))
    assert proof.pin_label.buddy() is proof.pin_edit and proof.pin_label.text() == "Token PIN:"
    assert isinstance(proof.pin_edit, PinField)
    assert proof.pin_edit.maximumWidth() > 10_000  # sized by its font, as on the PIN page
    flags = proof.code_label.textInteractionFlags()
    assert not flags & Qt.TextInteractionFlag.TextSelectableByKeyboard  # that draws a caret
    assert proof.code_label.focusPolicy() & Qt.FocusPolicy.TabFocus  # still focused and read
    assert isinstance(proof.button, QPushButton)


def test_an_easy_pin_is_said_right_under_the_pins_with_no_gap(qtbot: Any) -> None:
    """The problem line was a form row, given two lines too many: a gap opened under it."""
    wizard = open_wizard(qtbot, link_text=link())
    wizard.resize(720, 480)
    qtbot.waitUntil(wizard.activate_page.isComplete)
    wizard.next()
    wizard.next()
    page = wizard.pin_page
    page.pin_edit.setText("1234")
    page.confirm_edit.setText("1234")
    qtbot.waitUntil(page.problem_label.isVisible)
    QApplication.processEvents()
    lines = page.problem_label.text().count("\n") + 2  # at most two lines at this width
    room = page.problem_label.height()
    assert room <= lines * page.problem_label.fontMetrics().lineSpacing() + 4
    top = page.problem_label.mapTo(page, QPoint(0, 0)).y()
    assert 0 < top - page.show_check.geometry().bottom() <= 24
