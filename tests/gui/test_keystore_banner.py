"""Without a keystore service, step 1 of the activation wizard says so (not only step 3, after the PIN).

Through the real Controller and a real Vault made by the app's own factory: the probe runs on the
vault worker after the wizard's first paint.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from softtoken.gui import workers
from softtoken.gui.app import Controller
from tests.vaults import CHEAP

NO_KEYSTORE = (
    "No secure keystore is available, so softtoken cannot protect your token. On Linux, install "
    "and unlock GNOME Keyring or KWallet (the Secret Service); on Windows and macOS sign in "
    "normally. If this workstation has none, ask your administrator."
)


@pytest.fixture
def no_keystore() -> Iterator[None]:
    """keyring finds nothing secure (as on a desktop without GNOME Keyring or KWallet)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def start(qtbot: QtBot, home: Path, policy: Policy | None = None) -> Controller:
    policy = policy or Policy()
    clock = FixedClock(59)
    made: list[Vault] = []

    def make_vault() -> Vault:  # as softtoken.gui.__main__ does: the vault is made on first use
        made.append(Vault(home, policy=policy, clock=clock, kdf=CHEAP))
        return made[0]

    controller = Controller(make_vault, policy, clock, home=home)
    controller.start()
    assert controller.wizard is not None
    qtbot.addWidget(controller.wizard)
    assert made == []  # nothing is probed before the first paint
    return controller


def banner(controller: Controller) -> QLabel | None:
    assert controller.wizard is not None
    found = controller.wizard.findChild(QLabel, "keystoreBanner")
    return found if isinstance(found, QLabel) else None


def test_no_keystore_service_is_said_on_step_one(qtbot: QtBot, tmp_path: Path, no_keystore: None) -> None:
    controller = start(qtbot, tmp_path / "home")
    qtbot.waitUntil(lambda: (b := banner(controller)) is not None and b.isVisible(), timeout=10_000)
    label = banner(controller)
    assert label is not None
    assert label.text() == NO_KEYSTORE
    assert controller.wizard is not None
    assert controller.wizard.currentPage() is controller.wizard.activate_page
    row = label.parent()  # the banner's row: an icon and the words, at the top of step 1
    assert row.objectName() == "problemRow" and row.parent() is controller.wizard.activate_page
    assert row.findChild(QLabel, "problemIcon") is not None  # not only red text


def test_with_a_keystore_step_one_has_no_banner(qtbot: QtBot, tmp_path: Path) -> None:
    controller = start(qtbot, tmp_path / "home")
    assert controller.wizard is not None
    with qtbot.waitSignal(controller.wizard.first_paint, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: controller._lazy_vault._vault is not None and not workers.busy(), timeout=10_000)
    assert banner(controller) is None


def test_a_file_device_key_needs_no_keystore(qtbot: QtBot, tmp_path: Path, no_keystore: None) -> None:
    controller = start(qtbot, tmp_path / "home", Policy(device_key_store="file"))
    assert controller.wizard is not None
    qtbot.waitUntil(lambda: controller._lazy_vault._vault is not None and not workers.busy(), timeout=10_000)
    assert banner(controller) is None
