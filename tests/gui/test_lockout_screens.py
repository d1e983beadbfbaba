"""The PIN page during a lockout: minutes and seconds, the last attempt said plainly, and after a restart."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from defusedxml import ElementTree as ET
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.errors import WrongPin
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from softtoken.gui.app import Controller
from softtoken.gui.token_window import TokenWindow
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault

CATALOG = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "softtoken_es.ts"
POLICY = Policy(max_attempts=10)


def _wrong_pins(vault: Vault, clock: FixedClock, count: int) -> None:
    """``count`` wrong PINs straight into core, waiting out each wait but the last."""
    for n in range(count):
        with pytest.raises(WrongPin) as wrong:
            vault.unlock(None, "1357")
        if n < count - 1:
            clock.advance(wrong.value.wait_seconds)


def _open(qtbot: QtBot, vault: Vault) -> TokenWindow:
    controller = Controller(vault, vault.policy, vault.clock)
    qtbot.addWidget(controller.window)
    controller.start()
    window = controller.window
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    return window


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(10**6)


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring, clock: FixedClock) -> Vault:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=clock, policy=POLICY)
    vault.activate(description(), "EPCS", PIN, PIN)
    return vault


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


def test_a_restart_during_a_wait_still_says_the_attempts_left(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, vault: Vault, clock: FixedClock
) -> None:
    _wrong_pins(vault, clock, 5)  # the fifth starts a 30 s wait
    restarted = make_vault(tmp_path / "home", memory_keyring, clock=clock, policy=POLICY)
    window = _open(qtbot, restarted)
    page = window.pin_page
    assert page.message.text() == (
        "5 attempts left before this token is disabled. Too many wrong PINs. Try again in 30 s."
    )
    assert page.pin_edit.isReadOnly() and page.pin_edit.isEnabled()  # read-only: it keeps the focus


def test_a_long_wait_counts_down_in_minutes_and_seconds_after_the_next_to_last_pin(
    qtbot: QtBot, vault: Vault, clock: FixedClock
) -> None:
    _wrong_pins(vault, clock, 8)
    clock.advance(300)  # the eighth's wait is over
    window = _open(qtbot, vault)
    page = window.pin_page
    qtbot.waitUntil(lambda: not page.pin_edit.isReadOnly())
    assert page.message.text() == "2 attempts left before this token is disabled."
    qtbot.keyClicks(page.pin_edit, "1357")
    qtbot.keyClick(page.pin_edit, Qt.Key.Key_Return)
    last = "Incorrect PIN. 1 attempt left: the next wrong PIN disables this token."
    qtbot.waitUntil(lambda: page.message.text().startswith(last))
    assert page.message.text() == f"{last} Try again in 10 min."  # one paragraph; "Incorrect PIN" says why
    for _ in range(2):  # the countdown ticks once a second; drive it without waiting
        page._tick_wait()
    assert page.message.text() == f"{last} Try again in 9 min 58 s."
    while page._wait_left > 45:
        page._tick_wait()
    assert page.message.text() == f"{last} Try again in 45 s."
    while page._wait_left:
        page._tick_wait()
    assert page.message.text() == last and not page.pin_edit.isReadOnly()


def test_the_lockout_lines_in_spanish(qtbot: QtBot, vault: Vault, clock: FixedClock, spanish: None) -> None:
    _wrong_pins(vault, clock, 8)
    clock.advance(300)
    window = _open(qtbot, vault)
    page = window.pin_page
    assert page.message.text() == "Quedan 2 intentos antes de que este token se desactive."
    qtbot.waitUntil(lambda: not page.pin_edit.isReadOnly())
    qtbot.keyClicks(page.pin_edit, "1357")
    qtbot.keyClick(page.pin_edit, Qt.Key.Key_Return)
    last = "PIN incorrecto. Queda 1 intento: el próximo PIN incorrecto desactiva este token."
    qtbot.waitUntil(lambda: page.message.text().startswith(last), timeout=2000)
    page._tick_wait()
    assert page.message.text() == f"{last} Vuelva a intentarlo en 9 min 59 s."


def test_every_lockout_sentence_core_can_say_has_a_spanish_line() -> None:
    from softtoken.core.vault.lockout import (
        attempts_left_sentence,
        locked_out_error,
        try_again_sentence,
        wrong_pin_error,
    )

    root = ET.parse(CATALOG).getroot()
    core = {
        m.findtext("source"): m.findtext("translation")
        for context in root.iter("context")
        if context.findtext("name") == "core"
        for m in context.iter("message")
    }
    templates = {attempts_left_sentence(left)[0] for left in range(1, 11)}
    templates |= {try_again_sentence(wait)[0] for wait in range(1, 700)}
    for limit in range(1, 11):
        for failures in range(1, limit + 1):
            for wait in (0, 5, 15, 30, 60, 120, 300, 600):
                templates.add(wrong_pin_error("x", failures, limit, wait).template)
    templates |= {locked_out_error(wait, left).template for wait in range(1, 700) for left in range(1, 11)}
    for template in templates:
        translation = core.get(template)
        assert translation, f"no Spanish line for {template!r}"
        assert set(re.findall(r"\{\w+\}", translation)) == set(re.findall(r"\{\w+\}", template)), template
