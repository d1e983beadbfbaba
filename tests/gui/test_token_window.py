"""The token window with a real vault: unlock, countdown, rollover, lockout, copy, idle lock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from softtoken.gui import dialogs
from softtoken.gui.token_window import TokenWindow
from tests.gui.markup import labels_showing_markup
from tests.keyrings import MemoryKeyring
from tests.oracles import needs_oathtool, oathtool_hotp, oathtool_totp
from tests.vaults import PIN, RFC_SEED, description, make_vault

OTHER_SEED = bytes(range(60, 80))


def _window(qtbot: QtBot, vault: Vault, policy: Policy | None = None) -> TokenWindow:
    window = TokenWindow(vault, policy or vault.policy, vault.clock)
    qtbot.addWidget(window)
    window.show()
    window.reload()
    return window


def _unlock(qtbot: QtBot, window: TokenWindow, pin: str = PIN) -> None:
    qtbot.waitUntil(
        lambda: window.stack.currentWidget() is window.pin_page and not window.pin_page.pin_edit.isReadOnly()
    )
    qtbot.keyClicks(window.pin_page.pin_edit, pin)
    qtbot.keyClick(window.pin_page.pin_edit, Qt.Key.Key_Return)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(59)


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring, clock: FixedClock) -> Vault:
    return make_vault(tmp_path / "home", memory_keyring, clock=clock)


@needs_oathtool
def test_one_token_opens_on_the_pin_and_shows_the_code(qtbot: QtBot, vault: Vault, clock: FixedClock) -> None:
    vault.activate(description(extra="&digits=8"), "EPCS", PIN, PIN)
    window = _window(qtbot, vault)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pin_page)
    assert window.pin_page.name_label.text() == "EPCS"
    assert window.pin_page.header.chip_row.text().startswith("Waiting for network sync · until ")
    assert window.pin_page.state_label.text() == "No serial · key in software"
    assert window.pin_page.pin_edit.hasFocus() or QApplication.focusWidget() is window.pin_page.pin_edit
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.code_page)
    expected = oathtool_totp(RFC_SEED, 59, "SHA1", 8, 30)
    assert window.code_page.code_label.text() == f"{expected[:4]} {expected[4:]}"
    spoken = window.code_page.code_label.accessibleName()
    assert spoken.startswith("Passcode ") and ", " in spoken and " ".join(expected[:4]) in spoken
    assert window.code_page.countdown.text() == "Changes in 1 s"
    assert window.pin_page.pin_edit.text() == ""


@needs_oathtool
def test_next_code_takes_over_then_the_window_locks(qtbot: QtBot, vault: Vault, clock: FixedClock) -> None:
    vault.activate(description(), "EPCS", PIN, PIN)
    window = _window(qtbot, vault)
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.code_page)
    clock.advance(1)  # t = 60: the next step
    window.code_page.tick()
    expected = oathtool_totp(RFC_SEED, 60)
    assert window.code_page.code_label.text().replace(" ", "") == expected
    assert window.code_page.bar.value() == 30
    clock.advance(30)  # t = 90: both codes used up
    window.code_page.tick()
    assert window.stack.currentWidget() is window.pin_page
    assert not window.unlocked and window.code_page.code_label.text() == ""


@needs_oathtool
def test_hotp_generates_the_next_passcode_each_time(qtbot: QtBot, vault: Vault) -> None:
    vault.activate(description(kind="hotp"), "Key fob", PIN, PIN)
    window = _window(qtbot, vault)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pin_page)
    assert window.pin_page.unlock_button.text() == "Generate passcode"
    seen = []
    for _ in range(3):
        _unlock(qtbot, window)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.code_page)
        seen.append(window.code_page.code_label.text().replace(" ", ""))
        qtbot.keyClick(window, Qt.Key.Key_Escape)  # Esc locks
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pin_page)
    assert seen == [oathtool_hotp(RFC_SEED, c) for c in (0, 1, 2)]


def test_wrong_pins_count_down_wait_and_disable(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    clock = FixedClock(10**6)
    policy = Policy(max_attempts=4, helpdesk_contact="ACME help desk, 555-0100")
    vault = make_vault(tmp_path / "home", memory_keyring, clock=clock, policy=policy)
    vault.activate(description(), "EPCS", PIN, PIN)
    window = _window(qtbot, vault, policy)
    _unlock(qtbot, window, "1357")
    qtbot.waitUntil(lambda: "3 attempts left" in window.pin_page.message.text())
    assert window.pin_page.message.isVisible()
    _unlock(qtbot, window, "1357")
    qtbot.waitUntil(lambda: "2 attempts left" in window.pin_page.message.text())
    _unlock(qtbot, window, "1357")
    qtbot.waitUntil(lambda: "Try again in 5 s" in window.pin_page.message.text())
    # The field keeps the focus, read-only (disabled, the focus went on to "Forgot PIN?").
    assert window.pin_page.pin_edit.isReadOnly() and not window.pin_page.unlock_button.isEnabled()
    for _ in range(5):  # the countdown ticks once a second; drive it without waiting
        window.pin_page._tick_wait()
    assert not window.pin_page.pin_edit.isReadOnly()
    clock.advance(5)
    _unlock(qtbot, window, "1357")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.disabled_page)
    assert "disabled" in window.disabled_page.text.text()
    assert window.disabled_page.replace_button.isVisible()
    page_text = " ".join(label.text() for label in window.disabled_page.findChildren(QLabel))
    assert "555-0100" in page_text


def test_short_pin_is_refused_without_counting(qtbot: QtBot, vault: Vault) -> None:
    vault.activate(description(), "EPCS", PIN, PIN)
    window = _window(qtbot, vault)
    _unlock(qtbot, window, "86")
    assert "4-digit" in window.pin_page.message.text()
    assert vault.status()[0].failures == 0


def test_pin_field_takes_digits_only(qtbot: QtBot, vault: Vault) -> None:
    vault.activate(description(), "EPCS", PIN, PIN)
    window = _window(qtbot, vault)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pin_page)
    qtbot.keyClicks(window.pin_page.pin_edit, "+8a6-4 2x9")
    assert window.pin_page.pin_edit.pin() == "8642"
    assert window.pin_page.pin_edit.text() == "••••"  # the widget (and a screen reader) has masks


def test_copy_marks_the_clipboard_and_clears_it(qtbot: QtBot, vault: Vault) -> None:
    vault.activate(description(), "EPCS", PIN, PIN)
    window = _window(qtbot, vault)
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.code_page)
    code = window.code_page.code_label.text().replace(" ", "")
    qtbot.mouseClick(window.code_page.copy_button, Qt.MouseButton.LeftButton)
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == code
    assert bytes(clipboard.mimeData().data("x-kde-passwordManagerHint").data()) == b"secret"
    assert window.code_page.copied.text() == "Copied — clears in 30 s" and window.code_page.copied.isVisible()
    assert window.clipboard is not None and window.clipboard.timer.isActive()
    window.clipboard.timer.setInterval(10)  # the real timer, shortened
    window.clipboard.timer.start()
    qtbot.waitUntil(lambda: clipboard.text() == "")


def test_clipboard_left_alone_if_the_user_copied_something_else(qtbot: QtBot, vault: Vault) -> None:
    vault.activate(description(), "EPCS", PIN, PIN)
    window = _window(qtbot, vault)
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.code_page)
    window.code_page.copy()
    QGuiApplication.clipboard().setText("a note for the chart")
    assert window.clipboard is not None
    window.clipboard.clear_if_ours()
    assert QGuiApplication.clipboard().text() == "a note for the chart"


def test_policy_can_forbid_copying(qtbot: QtBot, vault: Vault) -> None:
    vault.activate(description(), "EPCS", PIN, PIN)
    window = _window(qtbot, vault, Policy(allow_copy=False))
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.code_page)
    assert window.clipboard is None and not window.code_page.copy_button.isVisible()


def test_idle_and_minimise_lock_the_window(qtbot: QtBot, vault: Vault) -> None:
    vault.activate(description(), "EPCS", PIN, PIN)
    window = _window(qtbot, vault)
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.unlocked)
    assert window.idle.timer.isActive() and window.idle.timer.interval() == 120_000
    window.idle.timer.setInterval(20)  # the real idle timer, shortened
    window.idle.timer.start()
    qtbot.waitUntil(lambda: not window.unlocked)
    assert window.stack.currentWidget() is window.pin_page
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.unlocked)
    window.showMinimized()
    qtbot.waitUntil(lambda: not window.unlocked)


def test_several_tokens_show_a_list_by_name(qtbot: QtBot, vault: Vault) -> None:
    vault.activate(description(), "EPCS", PIN, PIN)
    vault.activate(description(OTHER_SEED), "Hospital", PIN, PIN)
    window = _window(qtbot, vault)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page)
    cards = window.list_page.cards
    assert len(cards) == 2
    qtbot.waitUntil(cards[0].hasFocus)  # the first card has the focus
    qtbot.keyClick(cards[0], Qt.Key.Key_Down)
    assert cards[1].hasFocus()
    qtbot.keyClick(cards[1], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pin_page)
    assert window.pin_page.name_label.text() == "Hospital"
    assert window.pin_page.back_button.isVisible()
    qtbot.mouseClick(window.pin_page.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.list_page


def test_damaged_vault_shows_the_problem_and_restores(qtbot: QtBot, vault: Vault) -> None:
    vault.activate(description(), "EPCS", PIN, PIN)
    vault.unlock(None, PIN)  # a second generation, so there is a backup
    vault.path.write_bytes(b"damaged")
    window = _window(qtbot, vault)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.problem_page)
    assert "damaged" in window.problem_page.text.text()
    assert window.problem_page.restore_button.isVisible()
    dialogs.answer_next("question", 0)
    qtbot.mouseClick(window.problem_page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pin_page)


def test_forgot_pin_asks_for_replacement(qtbot: QtBot, vault: Vault) -> None:
    vault.activate(description(), "EPCS", PIN, PIN)
    window = _window(qtbot, vault)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pin_page)
    with qtbot.waitSignal(window.replace_requested) as blocker:
        qtbot.mouseClick(window.pin_page.forgot_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [vault.status()[0].token_id, "forgot-pin"]


def test_names_that_look_like_markup_are_shown_as_typed(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """A token name or issuer is text, never Qt rich text (an e-mailed link chose the issuer)."""
    clock = FixedClock(10**6)
    policy = Policy(max_attempts=2, helpdesk_contact="<b>help</b> desk")
    vault = make_vault(tmp_path / "home", memory_keyring, clock=clock, policy=policy)
    name = "<b>EPCS</b><img src=x>"
    vault.activate(description(), name, PIN, PIN)
    vault.activate(description(OTHER_SEED), "<i>second</i>", PIN, PIN)
    window = _window(qtbot, vault, policy)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page)
    first = next(t for t in window.tokens if t.name == name)
    window.open_token(first.token_id)
    assert window.pin_page.name_label.text() == name
    assert labels_showing_markup(window) == []
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.code_page)
    assert window.code_page.name_label.text() == name and labels_showing_markup(window) == []
    window.lock()
    _unlock(qtbot, window, "1357")
    qtbot.waitUntil(lambda: "1 attempt left" in window.pin_page.message.text())
    assert labels_showing_markup(window) == []
    _unlock(qtbot, window, "1357")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.disabled_page)
    assert name in window.disabled_page.title.text()
    assert labels_showing_markup(window) == []
    window.show_clock_warning("<b>clock</b> is off")
    assert labels_showing_markup(window) == []


@pytest.fixture
def spanish() -> Iterator[None]:
    from softtoken.gui import i18n

    app = QApplication.instance()
    assert app is not None
    i18n.install_translator(app, "es")  # type: ignore[arg-type]
    try:
        yield
    finally:
        for translator in i18n._keep:
            app.removeTranslator(translator)  # type: ignore[union-attr]
        i18n._keep.clear()


def test_core_sentences_with_numbers_are_translated(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, spanish: None
) -> None:
    """Core gives templates and numbers; the window translates the template, then fills it in."""
    clock = FixedClock(10**6)
    vault = make_vault(tmp_path / "home", memory_keyring, clock=clock, policy=Policy(max_attempts=4))
    vault.activate(description(), "EPCS", PIN, PIN)
    window = _window(qtbot, vault, vault.policy)
    _unlock(qtbot, window, "86")
    assert window.pin_page.message.text() == "Introduzca el PIN de 4 dígitos del token."
    _unlock(qtbot, window, "1357")
    qtbot.waitUntil(lambda: "Quedan 3 intentos" in window.pin_page.message.text())
    for _ in range(2):
        _unlock(qtbot, window, "1357")
        qtbot.waitUntil(lambda: not window.pin_page.busy.isVisible())
    clock.advance(600)
    for _ in range(5):
        window.pin_page._tick_wait()
    _unlock(qtbot, window, "1357")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.disabled_page)
    assert "«EPCS» se ha desactivado tras 4 PIN incorrectos" in window.disabled_page.text.text()


def test_a_passcode_whose_audit_record_failed_is_still_shown(
    qtbot: QtBot, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    from softtoken.core.errors import AuditError

    vault.activate(description(), "EPCS", PIN, PIN)
    window = _window(qtbot, vault)

    def full_disk(*_: object, **__: object) -> object:
        raise AuditError("The audit log cannot be written.")

    monkeypatch.setattr(vault.audit, "append", full_disk)
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.code_page)
    assert window.code_page.code_label.text().replace(" ", "").isdigit()
    assert "audit log could not be written" in window.code_page.note.text()
