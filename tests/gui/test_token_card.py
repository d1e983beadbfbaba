"""The token window's designed look: the card, its chip, the countdown's colour, Copy's confirmation,
the next code near rollover, and the busy, empty and error states."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from softtoken.gui.style import Role
from softtoken.gui.token_window import TokenWindow
from tests.keyrings import MemoryKeyring
from tests.oracles import needs_oathtool, oathtool_totp
from tests.vaults import PIN, RFC_SEED, description, make_vault

START = 10**6 + 21  # 29 s left of the passcode (30 s steps)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring, clock: FixedClock) -> Vault:
    made = make_vault(tmp_path / "home", memory_keyring, clock=clock, policy=Policy(max_attempts=4))
    made.activate(description(extra="&serial=TOTP00004B18"), "EPCS", PIN, PIN)
    return made


def _window(qtbot: QtBot, vault: Vault) -> TokenWindow:
    window = TokenWindow(vault, vault.policy, vault.clock)
    qtbot.addWidget(window)
    window.show()
    window.reload()
    return window


def _unlocked(qtbot: QtBot, window: TokenWindow) -> None:
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    qtbot.keyClicks(window.pin_page.pin_edit, PIN)
    qtbot.keyClick(window.pin_page.pin_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.unlocked)


def test_the_loading_state_is_cheap_until_the_window_is_built(qtbot: QtBot, vault: Vault) -> None:
    window = TokenWindow(vault, vault.policy, vault.clock)
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.loading
    assert window.loading.text() == "Opening your tokens…" and window.loading.spinner is None
    window.show()
    window.reload()
    assert window.loading.spinner is not None  # joins once the window is built (after its first paint)
    assert window.loading.spinner.accessibleName() == "Working"
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pin_page)
    assert not window.loading.spinner.turning()  # not seen: its timer is off


def test_the_pin_page_shows_the_token_card_and_says_when_it_is_busy(
    qtbot: QtBot, vault: Vault, clock: FixedClock
) -> None:
    clock.advance(86_400)  # past the network sync window
    window = _window(qtbot, vault)
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    page = window.pin_page
    assert page.name_label.text() == "EPCS"
    assert page.state_label.text() == "Serial TOTP00004B18 · key in software"
    chip = page.header.chip_row
    assert chip.kind == "ready" and chip.text() == "Ready" and chip.chip.property("chip") == "ready"
    assert page.unlock_button.property("role") == "primary"
    page.set_busy(True)
    assert page.busy.isVisible() and page.spinner.running()
    assert page.busy_label.text() == "Checking your PIN…"
    page.set_busy(False)
    assert not page.busy.isVisible() and not page.spinner.running()


def test_show_pin_shows_the_digits_and_unlocking_masks_them_again(qtbot: QtBot, vault: Vault) -> None:
    window = _window(qtbot, vault)
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    page = window.pin_page
    qtbot.keyClicks(page.pin_edit, PIN)
    assert page.pin_edit.text() == "••••"
    page.show_check.setChecked(True)
    assert page.pin_edit.text() == PIN
    qtbot.keyClick(page.pin_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.unlocked)
    assert not page.show_check.isChecked() and page.pin_edit.pin() == ""


def test_a_wrong_pin_is_a_warning_with_its_icon(qtbot: QtBot, vault: Vault) -> None:
    window = _window(qtbot, vault)
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    page = window.pin_page
    qtbot.keyClicks(page.pin_edit, "1357")
    qtbot.keyClick(page.pin_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "3 attempts left" in page.message.text())
    assert page.message.icon is not None and page.message.icon.isVisible()
    assert page.message.property("tone") == "danger"
    window.lock()
    page.show_note("Locked after 2 minutes without use.", warning=False)
    assert not page.message.icon.isVisible() and page.message.property("tone") == ""


def test_a_token_waiting_for_sync_says_until_when(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    vault = make_vault(tmp_path / "new", memory_keyring, clock=FixedClock(59))
    vault.activate(description(), "EPCS", PIN, PIN)
    window = _window(qtbot, vault)
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    chip = window.pin_page.header.chip_row
    assert chip.kind == "waiting" and chip.text().startswith("Waiting for network sync · until ")
    assert chip.chip.accessibleName().startswith("Waiting for network sync until ")


def test_the_countdown_turns_to_the_warning_colour_in_its_last_5_seconds(
    qtbot: QtBot, vault: Vault, clock: FixedClock
) -> None:
    window = _window(qtbot, vault)
    _unlocked(qtbot, window)
    page = window.code_page
    assert page.bar.tone is Role.ACCENT
    clock.advance(23)  # 6 s left
    page.tick()
    assert page.bar.value() == 6 and page.bar.tone is Role.ACCENT
    clock.advance(1)  # 5 s left
    page.tick()
    assert page.bar.value() == 5 and page.bar.tone is Role.WARNING
    clock.advance(5)  # the next step: accent again
    page.tick()
    assert page.bar.value() == 30 and page.bar.tone is Role.ACCENT


@needs_oathtool
def test_the_next_code_is_shown_small_only_near_rollover(
    qtbot: QtBot, vault: Vault, clock: FixedClock
) -> None:
    window = _window(qtbot, vault)
    _unlocked(qtbot, window)
    page = window.code_page
    assert page.code_label.text().replace(" ", "") == oathtool_totp(RFC_SEED, START)
    assert not page.next_label.isVisible()
    clock.advance(18)  # 11 s left
    page.tick()
    assert not page.next_label.isVisible()
    clock.advance(1)  # 10 s left
    page.tick()
    following = oathtool_totp(RFC_SEED, START + 30)
    assert page.next_label.isVisible()
    assert page.next_label.text() == f"Next: {following[:3]} {following[3:]}"
    assert page.next_label.accessibleName().startswith("Next passcode ")
    clock.advance(10)  # the next step: it is the passcode now, and nothing comes after it
    page.tick()
    assert page.code_label.text().replace(" ", "") == following
    clock.advance(20)
    page.tick()
    assert not page.next_label.isVisible() and page.next_label.text() == ""


def test_copy_is_the_primary_action_and_confirms_briefly(qtbot: QtBot, vault: Vault) -> None:
    window = _window(qtbot, vault)
    _unlocked(qtbot, window)
    page = window.code_page
    assert page.copy_button.property("role") == "primary"
    assert page.lock_button.property("role") == "secondary"
    assert page.code_label.font().pointSizeF() > page.countdown.font().pointSizeF()  # the code, large
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert page.copied.isVisible() and page.copied.text() == "Copied — clears in 30 s"
    assert page.copied.property("tone") == "success"
    assert page.copied_timer.isSingleShot() and page.copied_timer.isActive()
    page.copied_timer.start(20)  # the real timer, shortened
    qtbot.waitUntil(lambda: not page.copied.isVisible())
    assert window.clipboard is not None
    window.clipboard.clear_if_ours()


def test_a_passcode_page_without_clearing_says_just_copied(qtbot: QtBot, vault: Vault) -> None:
    window = _window(qtbot, vault)
    _unlocked(qtbot, window)
    assert window.clipboard is not None
    window.clipboard.timer.setInterval(0)  # a clipboard the policy does not clear
    window.code_page.copy()
    assert window.code_page.copied.text() == "Copied"
    window.clipboard.clear_if_ours()


def test_no_token_is_the_empty_state(qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    vault = make_vault(tmp_path / "empty", memory_keyring)
    window = TokenWindow(vault, vault.policy, vault.clock)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.no_tokens):
        window.reload()
    assert window.stack.currentWidget() is window.empty_page
    assert window.empty_page.title.text() == "No token on this workstation yet"
    assert window.empty_page.add_button.property("role") == "primary"
    with qtbot.waitSignal(window.add_requested):
        window.empty_page.add_button.click()


def test_the_damaged_vault_is_an_error_state_with_one_primary_action(qtbot: QtBot, vault: Vault) -> None:
    vault.unlock(None, PIN)  # a second generation, so there is a backup
    vault.path.write_bytes(b"damaged")
    window = _window(qtbot, vault)
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.problem_page)
    page = window.problem_page
    assert page.restore_button.text() == "Restore backup"
    assert page.restore_button.property("role") == "primary"
    assert page.retry_button.text() == "Try again" and page.retry_button.property("role") == "secondary"
    assert QApplication.focusWidget() is page.restore_button


def test_the_clock_and_sync_lines_have_an_icon_and_a_tone(qtbot: QtBot, vault: Vault) -> None:
    window = _window(qtbot, vault)
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    window.show_clock_warning("Your computer's clock is 90 s slow: passcodes will be rejected.")
    assert window.clock_warning.isVisible() and window.clock_warning.label.property("tone") == "danger"
    assert window.clock_warning.text().startswith("Your computer's clock is 90 s slow")
    window.show_sync_problem("Checking for new tokens failed.")
    assert window.sync_line.isVisible() and window.sync_line.label.property("tone") == "warning"
    icons = [w for w in window.sync_line.findChildren(QWidget) if w is not window.sync_line.label]
    assert icons and all(icon.accessibleName() for icon in icons)  # the icon is named
    window.show_sync_problem("")
    assert not window.sync_line.isVisible()
