"""Launching: one instance per user and data directory, links handed over, first-run wizard."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.gui import dialogs
from softtoken.gui.app import Controller
from softtoken.gui.single_instance import SingleInstance
from tests.keyrings import MemoryKeyring
from tests.oracles import needs_oathtool, oathtool_totp
from tests.vaults import PIN, RFC_SEED, description, link, make_vault

MASKED = "otpauth://totp/ACME:dr.jones?secret=••••••••&issuer=ACME"  # what the box shows of link()


def read_seed(wizard: object) -> bytes:
    """The seed step 1 read (the box shows it masked)."""
    token = wizard.activate_page.selected()  # type: ignore[attr-defined]
    assert token is not None
    return bytes(token.secret.buffer)


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", SOFTTOKEN_HOME=str(home))
    return env


def test_second_launch_hands_its_link_to_the_running_window(qtbot: QtBot, tmp_path: Path) -> None:
    home = tmp_path / "home"
    primary = SingleInstance(home)
    assert primary.hand_off("SHOW") is False  # nobody else: we are the primary now
    primary.listen()
    try:
        with qtbot.waitSignal(primary.received, timeout=20_000) as got:
            second = subprocess.Popen(
                [sys.executable, "-m", "softtoken.gui", link()],
                env=_env(home),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        assert got.args == [f"OPEN {link()}"]
        assert second.wait(timeout=20) == 0
    finally:
        primary.close()


def test_a_different_data_directory_is_a_different_instance(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "a")
    second = SingleInstance(tmp_path / "b")
    try:
        assert first.hand_off("SHOW") is False
        first.listen()
        assert second.hand_off("SHOW") is False
        second.listen()
        assert first.name != second.name
    finally:
        first.close()
        second.close()


def test_smoke_test_paints_and_quits(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "softtoken.gui", "--smoke-test"],
        env=_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("first-paint ")


def test_version_needs_no_display(tmp_path: Path) -> None:
    env = _env(tmp_path)
    env.pop("QT_QPA_PLATFORM")
    env.pop("DISPLAY", None)
    proc = subprocess.run(
        [sys.executable, "-m", "softtoken.gui", "--version"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.startswith("softtoken ")


def test_first_run_opens_the_wizard_with_the_link(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    controller = Controller(vault, vault.policy, vault.clock)
    controller.start(link())
    assert controller.wizard is not None
    qtbot.addWidget(controller.wizard)
    edit = controller.wizard.findChild(QPlainTextEdit, "linkEdit")
    assert edit is not None
    qtbot.waitUntil(lambda: edit.toPlainText() == MASKED)  # read right after the first paint
    assert read_seed(controller.wizard) == RFC_SEED
    assert controller._window is None  # the token window is not even built on a first run


def test_link_while_a_token_exists_asks_first(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    vault.activate(description(), "EPCS", PIN, PIN)
    controller = Controller(vault, vault.policy, vault.clock)
    qtbot.addWidget(controller.window)
    controller.start()
    other = link(bytes(range(90, 110)))
    dialogs.answer_next("question", 1)  # "Add another token"
    controller.handle_message(f"OPEN {other}")
    qtbot.waitUntil(lambda: controller.wizard is not None)
    assert controller.wizard is not None
    qtbot.addWidget(controller.wizard)
    assert any("already has a token" in text for kind, text in dialogs.shown if kind == "question")
    edit = controller.wizard.findChild(QPlainTextEdit, "linkEdit")
    assert edit is not None
    qtbot.waitUntil(lambda: edit.toPlainText() == MASKED)
    assert read_seed(controller.wizard) == bytes(range(90, 110))


def test_link_while_a_token_exists_cancelled_adds_nothing(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    vault.activate(description(), "EPCS", PIN, PIN)
    controller = Controller(vault, vault.policy, vault.clock)
    qtbot.addWidget(controller.window)
    controller.start()
    dialogs.answer_next("question", 2)  # Cancel
    controller.handle_message(f"OPEN {link(bytes(range(90, 110)))}")
    qtbot.waitUntil(lambda: any(kind == "question" for kind, _ in dialogs.shown))
    assert controller.wizard is None and len(vault.status()) == 1


def test_link_while_a_token_exists_can_start_the_replacement(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    from softtoken.gui.wizard.replacement import ReplacementWizard

    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    vault.activate(description(), "EPCS", PIN, PIN)
    controller = Controller(vault, vault.policy, vault.clock)
    qtbot.addWidget(controller.window)
    controller.start()
    qtbot.waitUntil(lambda: bool(controller.window.tokens))
    other = link(bytes(range(90, 110)))
    dialogs.answer_next("question", 0)  # "Replace my token…"
    controller.handle_message(f"OPEN {other}")
    qtbot.waitUntil(lambda: controller.wizard is not None)
    assert isinstance(controller.wizard, ReplacementWizard)
    qtbot.addWidget(controller.wizard)
    edit = controller.wizard.findChild(QPlainTextEdit, "linkEdit")
    assert edit is not None
    qtbot.waitUntil(lambda: edit.toPlainText() == MASKED)
    assert read_seed(controller.wizard) == bytes(range(90, 110))


def test_forgot_pin_opens_the_replacement_wizard(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    from softtoken.core.lifecycle import Reason
    from softtoken.gui.wizard.replacement import ReplacementWizard

    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    vault.activate(description(), "EPCS", PIN, PIN)
    controller = Controller(vault, vault.policy, vault.clock)
    qtbot.addWidget(controller.window)
    controller.start()
    window = controller.window
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)
    window.pin_page.forgot_button.click()
    assert isinstance(controller.wizard, ReplacementWizard)
    qtbot.addWidget(controller.wizard)
    assert controller.wizard.reason_page.reason is Reason.FORGOT_PIN


@needs_oathtool
def test_done_page_shows_a_passcode_for_verify_enrollment(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    from PySide6.QtWidgets import QLabel, QLineEdit

    vault = make_vault(tmp_path / "home", memory_keyring, clock=FixedClock(59))
    controller = Controller(vault, vault.policy, vault.clock)
    controller.start(link())
    wizard = controller.wizard
    assert wizard is not None
    qtbot.addWidget(wizard)
    wizard.next()
    wizard.next()
    wizard.findChild(QLineEdit, "pinEdit").setText(PIN)
    wizard.findChild(QLineEdit, "confirmEdit").setText(PIN)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage().objectName() == "donePage", timeout=5000)
    proof = wizard.findChild(QLineEdit, "proofPinEdit")
    assert proof.isVisible()
    qtbot.keyClicks(proof, PIN)
    wizard.findChild(type(wizard.button(wizard.WizardButton.FinishButton)), "proofButton").click()
    code = wizard.findChild(QLabel, "proofCode")
    qtbot.waitUntil(lambda: bool(code.text()), timeout=5000)
    assert code.text().replace(" ", "") == oathtool_totp(RFC_SEED, 59)


def test_a_shared_runtime_folder_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another user could bind the socket in a shared folder and receive the links (seeds)."""
    from softtoken.gui import single_instance

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    assert not single_instance._private(str(shared))
    monkeypatch.setattr(single_instance.QStandardPaths, "writableLocation", lambda _where: str(shared))
    instance = SingleInstance(tmp_path / "home")
    assert instance.name.startswith(str(tmp_path / "home" / "run"))
    assert ((tmp_path / "home" / "run").stat().st_mode & 0o777) == 0o700


@pytest.mark.skipif(sys.platform != "linux", reason="/dev/null and /proc")
@pytest.mark.parametrize("bad", ["", "/dev/null", "/proc"])
def test_an_unusable_data_folder_is_one_message_and_exit_73(
    qtbot: QtBot, tmp_path: Path, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from softtoken.gui.__main__ import main

    dialogs.reset()
    dialogs.answer_next("info", None)
    assert main(["--home", bad]) == 73
    ((kind, text),) = dialogs.shown
    assert kind == "info" and ("data folder" in text or "--home is empty" in text)
    assert capsys.readouterr().err == f"softtoken: {text}\n"
