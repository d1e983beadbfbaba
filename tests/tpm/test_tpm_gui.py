"""The token window with a TPM (swtpm): the level on the PIN page, and Token > Move into the security chip."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.errors import ChipUnavailable
from softtoken.core.keystore import OsKeystore
from softtoken.core.policy import Policy
from softtoken.core.tpm.chip import Chip
from softtoken.core.vault.vault import Vault
from softtoken.gui import dialogs
from softtoken.gui.app import Controller
from softtoken.gui.token_window import TokenWindow
from tests.keyrings import MemoryKeyring
from tests.tpm.simulator import Swtpm, needs_swtpm
from tests.vaults import CHEAP, PIN, description, make_vault

pytestmark = [pytest.mark.tpm, needs_swtpm]


def no_tpm() -> Chip:
    raise ChipUnavailable("no TPM while the software token is made")


def _open(qtbot: QtBot, vault: Vault) -> TokenWindow:
    dialogs.reset()
    controller = Controller(vault, vault.policy, vault.clock)
    qtbot.addWidget(controller.window)
    controller.start()
    window = controller.window
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    return window


def test_move_into_the_security_chip_from_the_token_menu(
    qtbot: QtBot, swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    clock = FixedClock(10**6)
    keystore = OsKeystore(memory_keyring)
    Vault(home, keystore=keystore, clock=clock, kdf=CHEAP, tpm=no_tpm).activate(
        description(), "EPCS", PIN, PIN
    )
    window = _open(qtbot, make_vault(home, memory_keyring, clock=clock, policy=Policy()))
    assert window.pin_page.state_label.text().endswith(" · key in software")
    (action,) = [a for a in window.menu_bar.actions()[0].menu().actions() if "security chip" in a.text()]
    dialogs.answer_next("pin", PIN)
    dialogs.answer_next("info", None)
    action.trigger()  # the move runs on the vault's worker; the window reads the tokens again
    qtbot.waitUntil(lambda: window.current is not None and window.current.protection == "tpm")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pin_page)
    assert window.pin_page.state_label.text().endswith(" · key in the TPM security chip")
    assert ("info", "Token 'EPCS' is now kept in this computer's TPM security chip.") in dialogs.shown
    (status,) = make_vault(home, memory_keyring).status()
    assert status.protection == "tpm"


def test_a_wrong_pin_in_the_move_says_so_and_changes_nothing(
    qtbot: QtBot, swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    keystore = OsKeystore(memory_keyring)
    Vault(home, keystore=keystore, clock=FixedClock(10**6), kdf=CHEAP, tpm=no_tpm).activate(
        description(), "EPCS", PIN, PIN
    )
    window = _open(qtbot, make_vault(home, memory_keyring, clock=FixedClock(10**6)))
    dialogs.answer_next("pin", "1357")
    dialogs.answer_next("info", None)
    window.protect_current()
    qtbot.waitUntil(lambda: any(kind == "info" and "Incorrect PIN" in text for kind, text in dialogs.shown))
    qtbot.waitUntil(lambda: window.current is not None and window.current.failures == 1)
    assert window.current is not None and window.current.protection == "software"


def test_the_chips_lockout_is_said_in_its_own_words_on_the_pin_page(
    qtbot: QtBot, swtpm: Swtpm, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    from softtoken.core.errors import WrongPin

    swtpm.lockout_parameters(max_tries=1, interval=600)
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(10**6))
    vault.activate(description(), "EPCS", PIN, PIN)
    with pytest.raises(WrongPin):
        vault.unlock("EPCS", "1357")  # the TPM allows one failure: it pauses now
    window = _open(qtbot, vault)
    window.pin_page.pin_edit.setText(PIN)
    window.unlock(PIN)
    expected = (
        "The computer's security chip is pausing PIN checks after repeated wrong PINs; try again in "
        "about 10 minutes."
    )
    qtbot.waitUntil(lambda: window.pin_page.message.text() == expected)
    assert not window.pin_page.pin_edit.isReadOnly()  # nothing was counted: the chip checked nothing
