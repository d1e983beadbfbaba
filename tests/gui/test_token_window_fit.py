"""The token window's layout: the PIN page fits the smallest window, one left edge, one centred column."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.errors import WrongPin
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from softtoken.gui.style import NO_BREAK_HYPHEN, Space
from softtoken.gui.token_card import CARD_MARGIN
from softtoken.gui.token_window import MIN_HEIGHT, MIN_WIDTH, TokenWindow
from softtoken.gui.window_parts import PAGE_WIDTH, WORD_JOINER
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault

pytestmark = pytest.mark.usefixtures("qt_fonts")

POLICY = Policy(max_attempts=10)


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring) -> Vault:
    clock = FixedClock(10**6)
    vault = make_vault(tmp_path / "home", memory_keyring, clock=clock, policy=POLICY)
    vault.activate(description(extra="&serial=TOTP00004B18"), "ACME EPCS", PIN, PIN)
    return vault


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    from softtoken.gui import i18n

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if request.param == "es":
        i18n.install_translator(app, "es")
    try:
        yield request.param
    finally:
        for translator in i18n._keep:
            app.removeTranslator(translator)
        i18n._keep.clear()


def _window(qtbot: QtBot, vault: Vault, width: int, height: int) -> TokenWindow:
    window = TokenWindow(vault, vault.policy, vault.clock)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    window.reload()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pin_page)
    return window


def _at(widget: QWidget, window: QWidget) -> QPoint:
    return widget.mapTo(window, QPoint(0, 0))


def _next_to_last_wrong_pin(qtbot: QtBot, window: TokenWindow) -> None:
    """The longest lines the page shows: the last attempt said plainly, and a wait in minutes and seconds."""
    page = window.pin_page
    page.pin_edit.setText("1357")
    page.unlock_button.click()
    qtbot.waitUntil(lambda: page.wait_timer.isActive() and not page.busy.isVisible())
    page._tick_wait()  # "9 min 59 s": the widest the countdown gets


def test_the_pin_page_with_its_longest_messages_fits_the_smallest_window(
    qtbot: QtBot, vault: Vault, language: str
) -> None:
    for _ in range(POLICY.max_attempts - 2):
        with pytest.raises(WrongPin) as wrong:
            vault.unlock(None, "1357")
        vault.clock.advance(wrong.value.wait_seconds)  # type: ignore[attr-defined]
    window = _window(qtbot, vault, MIN_WIDTH, MIN_HEIGHT)
    assert window.minimumSize().width() <= 480 and window.minimumSize().height() <= 400
    _next_to_last_wrong_pin(qtbot, window)
    page = window.pin_page
    assert "1" in page.message.text() and "9" in page.message.text()
    if language == "es":
        assert page.message.text().startswith("PIN incorrecto. Queda 1 intento")
    assert window.size().toTuple() == (MIN_WIDTH, MIN_HEIGHT)
    scroll = window.findChild(QScrollArea, "pageScroll")
    assert scroll is not None

    def bottom() -> int:
        return max(
            w.mapTo(scroll.viewport(), QPoint(0, w.height())).y() for w in (page.unlock_button, page.message)
        )

    # The longer lines relayout the page in a later turn of the event loop: wait until it is
    # laid out again (the stack as tall as the area), then everything must fit without scrolling.
    qtbot.waitUntil(
        lambda: (
            window.stack.height() == scroll.viewport().height()
            and not scroll.verticalScrollBar().isVisible()
            and bottom() <= scroll.viewport().height()
        )
    )
    # Unlock (disabled during the wait) shows its whole word: not cut at the window's edge.
    button = page.unlock_button
    assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())


def test_one_left_edge_and_forgot_pin_next_to_unlock(qtbot: QtBot, vault: Vault) -> None:
    for width, height in ((460, 360), (1024, 768)):
        window = _window(qtbot, vault, width, height)
        page = window.pin_page
        qtbot.waitUntil(lambda page=page: page.width() <= PAGE_WIDTH and page.card.width() > 0)
        left = _at(page.card, window).x() + CARD_MARGIN  # the card's border
        for part in (page.prompt, page.pin_edit, page.show_check, page.unlock_button):
            assert _at(part, window).x() == left, part.objectName()
        unlock, forgot = page.unlock_button, page.forgot_button
        assert _at(forgot, window).x() - (_at(unlock, window).x() + unlock.width()) <= Space.L
        assert (
            abs(_at(forgot, window).y() + forgot.height() / 2 - _at(unlock, window).y() - unlock.height() / 2)
            <= 1
        )
        window.close()


def test_on_a_large_window_the_page_and_the_notices_share_one_centred_column(
    qtbot: QtBot, vault: Vault
) -> None:
    window = _window(qtbot, vault, 1024, 768)
    window.show_clock_warning("Your computer clock is 42 s fast: passcodes may be rejected.")
    page = window.pin_page
    qtbot.waitUntil(lambda: window.clock_warning.isVisible() and page.width() == PAGE_WIDTH)
    qtbot.waitUntil(lambda: _at(window.clock_warning, window).x() == _at(page, window).x())
    assert window.clock_warning.width() == PAGE_WIDTH
    middle = window.width() / 2
    assert abs(_at(page, window).x() + PAGE_WIDTH / 2 - middle) <= 1
    # Up and down too: the notice and the page together in the middle, the notice right above the card.
    menu = window.menu_bar.height()
    top = _at(window.clock_warning, window).y() - menu
    bottom = window.height() - _at(page.unlock_button, window).y() - page.unlock_button.height()
    assert top > 100 and abs(top - bottom) <= Space.XXL
    notice_end = _at(window.clock_warning, window).y() + window.clock_warning.height()
    assert 0 <= _at(page.card, window).y() - notice_end <= Space.XL


def test_a_notice_breaks_only_between_words(qtbot: QtBot, vault: Vault) -> None:
    window = _window(qtbot, vault, 460, 360)
    said = "Checking for new tokens failed: The issuer https://pi.acme-health.example did not answer."
    window.show_sync_problem(said)
    label = window.sync_line.label
    assert window.sync_line.text() == said and label.accessibleName() == said
    painted = QLabel.text(label)  # what the label paints (its text() is the message as given)
    assert "-" not in painted and NO_BREAK_HYPHEN in painted
    assert "https:/" + WORD_JOINER + "/" + WORD_JOINER + "pi.acme" in painted
    assert painted.replace(WORD_JOINER, "").replace(NO_BREAK_HYPHEN, "-") == said


def test_open_opens_the_card_last_focused(qtbot: QtBot, vault: Vault) -> None:
    from tests.gui.test_several_tokens import NEW_SEED

    vault.activate(description(NEW_SEED, extra="&serial=TOTP00004B19"), "Hospital", PIN, PIN)
    window = TokenWindow(vault, vault.policy, vault.clock)
    qtbot.addWidget(window)
    window.resize(460, 360)
    window.show()
    window.reload()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page)
    listing = window.list_page
    first, second = listing.cards
    qtbot.waitUntil(first.hasFocus)
    assert listing.open_button.isVisible() and listing.open_button.text() == "Open"
    # Both cards and Open fit the window: nothing to scroll at 460×360.
    scroll = window.findChild(QScrollArea, "pageScroll")
    assert scroll is not None
    qtbot.waitUntil(lambda: not scroll.verticalScrollBar().isVisible())  # once laid out for the cards
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    qtbot.keyClick(second, Qt.Key.Key_Tab)
    assert listing.open_button.hasFocus()  # the cards, then Open
    with qtbot.waitSignal(listing.chosen) as chosen:
        qtbot.keyClick(listing.open_button, Qt.Key.Key_Space)
    assert chosen.args == [second.token_id]
