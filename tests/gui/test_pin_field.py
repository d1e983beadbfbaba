"""Every PIN entry is one PinField: digits only, never selected, copied, cut, dragged or exported.

With "Show PIN" ticked, a plain QLineEdit put the selected PIN on the X11
primary selection (and on the clipboard with Ctrl+C). The offscreen platform
has no primary selection, so the last test runs the real screens on a real X
server (Xvfb) and reads the selection back, through Qt and through xclip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QLineEdit, QWizard
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.gui.app import Controller
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, link, make_vault


def _token_window_pin(qtbot: QtBot, tmp_path: Path, keyring: MemoryKeyring) -> QLineEdit:
    vault = make_vault(tmp_path / "home", keyring, clock=FixedClock(59))
    vault.activate(description(), "EPCS", PIN, PIN)
    controller = Controller(vault, vault.policy, vault.clock)
    qtbot.addWidget(controller.window)
    controller.start()
    window = controller.window
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    return window.pin_page.pin_edit


def _wizard(qtbot: QtBot, tmp_path: Path, keyring: MemoryKeyring) -> QWizard:
    vault = make_vault(tmp_path / "home", keyring, clock=FixedClock(59))
    controller = Controller(vault, vault.policy, vault.clock)
    controller.start(link())
    wizard = controller.wizard
    assert isinstance(wizard, QWizard)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: len(wizard.pageIds()) == 4 and wizard.currentPage().isComplete())
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage().objectName() == "pinPage")
    return wizard


@pytest.fixture
def clipboard() -> Iterator[object]:
    board = QGuiApplication.clipboard()
    board.setText("a note for the chart")
    yield board
    board.clear()


def _try_to_get_it_out(qtbot: QtBot, field: QLineEdit) -> None:
    """Every way a user selects, copies, cuts or drags the text of a line edit."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert not field.hasSelectedText(), "Ctrl+A selected the PIN"
    qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    assert not field.hasSelectedText(), "Shift+Home selected the PIN"
    qtbot.keyClick(field, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    middle = QPoint(8, field.height() // 2)
    qtbot.mouseDClick(field, Qt.MouseButton.LeftButton, pos=middle)
    assert not field.hasSelectedText(), "a double click selected the PIN"
    qtbot.mousePress(field, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(field, QPoint(field.width() - 4, field.height() // 2))
    qtbot.mouseRelease(field, Qt.MouseButton.LeftButton, pos=QPoint(field.width() - 4, field.height() // 2))
    assert not field.hasSelectedText(), "dragging the mouse selected the PIN"
    assert not field.dragEnabled()
    assert field.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu  # its menu has Copy, Cut


def _assert_stays_in(qtbot: QtBot, field: QLineEdit, clipboard: object) -> None:
    field.clear()
    qtbot.keyClicks(field, "8a6+4-2 9")
    assert field.text() == PIN  # digits only, no more than the PIN's length
    _try_to_get_it_out(qtbot, field)
    assert field.text() == PIN, "cut took the PIN out"
    assert QGuiApplication.clipboard().text() == "a note for the chart", "the PIN reached the clipboard"


def test_the_token_windows_pin_stays_in_its_field(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, clipboard: object
) -> None:
    field = _token_window_pin(qtbot, tmp_path, memory_keyring)
    field.setEchoMode(QLineEdit.EchoMode.Normal)  # as if shown: the field must not rely on bullets
    _assert_stays_in(qtbot, field, clipboard)


def test_the_wizards_pins_stay_in_their_fields_with_show_pin_ticked(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, clipboard: object
) -> None:
    wizard = _wizard(qtbot, tmp_path, memory_keyring)
    show = wizard.findChild(QCheckBox, "showPinCheck")
    pin, again = (wizard.findChild(QLineEdit, name) for name in ("pinEdit", "confirmEdit"))
    assert show is not None and pin is not None and again is not None
    show.setChecked(True)  # the real toggle still works
    assert pin.echoMode() == again.echoMode() == QLineEdit.EchoMode.Normal
    for field in (pin, again):
        _assert_stays_in(qtbot, field, clipboard)
    show.setChecked(False)
    assert pin.echoMode() == again.echoMode() == QLineEdit.EchoMode.Password
    wizard.next()  # Continue: the token is made with the PIN typed
    qtbot.waitUntil(lambda: wizard.currentPage().objectName() == "donePage", timeout=5000)
    proof = wizard.findChild(QLineEdit, "proofPinEdit")
    assert proof is not None
    proof.setEchoMode(QLineEdit.EchoMode.Normal)
    _assert_stays_in(qtbot, proof, clipboard)


def test_every_pin_entry_is_the_one_pin_field(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    from softtoken.gui.pin_field import PinField

    assert isinstance(_token_window_pin(qtbot, tmp_path / "a", memory_keyring), PinField)
    wizard = _wizard(qtbot, tmp_path / "b", memory_keyring)
    for name in ("pinEdit", "confirmEdit", "proofPinEdit"):
        assert isinstance(wizard.findChild(QLineEdit, name), PinField), name


# --------------------------------------------------------------------------- a real X server

X11_PROBE = textwrap.dedent(
    """
    import shutil, subprocess, sys, tempfile
    from pathlib import Path
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QClipboard
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit

    app = QApplication(sys.argv[:1])
    assert app.platformName() == "xcb" and app.clipboard().supportsSelection()
    from softtoken.core.clock import FixedClock
    from softtoken.gui.app import Controller
    from tests.keyrings import MemoryKeyring
    from tests.vaults import PIN, link, make_vault

    vault = make_vault(Path(tempfile.mkdtemp()) / "home", MemoryKeyring(), clock=FixedClock(59))
    controller = Controller(vault, vault.policy, vault.clock)
    controller.start(link())
    wizard = controller.wizard
    while len(wizard.pageIds()) < 4 or not wizard.currentPage().isComplete():
        app.processEvents()
    wizard.next(); wizard.next()
    QTest.qWaitForWindowExposed(wizard)
    wizard.findChild(QCheckBox, "showPinCheck").setChecked(True)
    field = wizard.findChild(QLineEdit, "pinEdit")
    QTest.keyClicks(field, PIN)
    middle, end = QPoint(8, field.height() // 2), QPoint(field.width() - 4, field.height() // 2)
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(field, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    QTest.mouseDClick(field, Qt.MouseButton.LeftButton, pos=middle)
    QTest.mouseRelease(field, Qt.MouseButton.LeftButton, pos=middle)
    QTest.mousePress(field, Qt.MouseButton.LeftButton, pos=middle)
    QTest.mouseMove(field, end)
    QTest.mouseRelease(field, Qt.MouseButton.LeftButton, pos=end)
    print("QT " + repr(app.clipboard().text(QClipboard.Mode.Selection)))
    if shutil.which("xclip"):  # another X client asks this process for the selection
        reader = subprocess.Popen(["xclip", "-o", "-selection", "primary"], stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True)
        while reader.poll() is None:
            app.processEvents()
        print("XCLIP " + repr(reader.stdout.read()))
    print("TYPED " + repr(field.text()))
    """
)


@pytest.fixture
def x_display() -> Iterator[str]:
    """A private Xvfb; its number comes back on a pipe once it accepts clients (no sleeping)."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (Debian: xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    try:
        if not number:
            pytest.skip("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_on_a_real_x_server_the_shown_pin_never_reaches_the_primary_selection(x_display: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=x_display)
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        [sys.executable, "-c", X11_PROBE],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    seen = dict(line.split(" ", 1) for line in result.stdout.splitlines() if line[:2] in ("QT", "XC", "TY"))
    assert seen["TYPED"] == repr(PIN)  # the field really held the PIN
    assert PIN not in seen["QT"], f"the primary selection holds the PIN: {seen['QT']}"
    if "XCLIP" in seen:
        assert PIN not in seen["XCLIP"], f"another program read the PIN: {seen['XCLIP']}"
