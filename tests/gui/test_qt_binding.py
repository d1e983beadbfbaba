"""Guard against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 drops a reference to None on every call that returns nothing;
on Python 3.11 the interpreter aborts after a few thousand such calls (the
token window's 1 Hz countdown alone would do it within hours). pyproject.toml
excludes that release; this test catches any other that does the same.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for number in range(500):
        label.setText(str(number))
        label.setAccessibleName("passcode")
    assert sys.getrefcount(None) - before > -50
