"""What the GUI's token-container tests share: a controller on a fake Workstation, and its windows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from softtoken.core.vault.vault import Vault
from softtoken.gui.app import Controller
from tests.gui.fake_workstation import FakeWorkstation

_controllers: list[Controller] = []


@pytest.fixture(autouse=True)
def _close_windows() -> Iterator[None]:
    yield
    for controller in _controllers:
        dialog = controller.containers.register_dialog
        if dialog is not None and isValid(dialog):
            dialog.busy = False
            dialog.done(0)
        if controller.wizard is not None and isValid(controller.wizard):
            controller.wizard.done(0)
        controller.containers.service._timer.stop()
    _controllers.clear()
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "noticeBox" and widget.isVisible():
            widget.close()


def controller_for(vault: Vault, fake: FakeWorkstation) -> Controller:
    controller = Controller(vault, vault.policy, vault.clock, make_workstation=lambda: fake)
    _controllers.append(controller)
    return controller


def started(qtbot: QtBot, vault: Vault, fake: FakeWorkstation) -> Controller:
    """The token window of a vault with a token, started as the app starts it."""
    controller = controller_for(vault, fake)
    qtbot.addWidget(controller.window)
    controller.start()
    qtbot.waitUntil(lambda: controller.window.built and bool(controller.window.tokens))
    return controller
