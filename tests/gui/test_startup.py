"""Start-up: what the first window needs, and nothing more, is made before it paints.

Not timing tests (numbers live in bench/startup.py and docs/performance.md):
these check the structure that keeps start-up fast, in a real process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.policy import Policy
from softtoken.gui import token_window
from softtoken.gui.app import Controller
from softtoken.gui.wizard.activation import ActivationWizard
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, link, make_vault

# Run the real app; at its first paint, record what is loaded, then quit. The probe hooks the
# reporter as soon as the app imports it, so that nothing (PySide6 above all) loads before the app's own.
PROBE = textwrap.dedent(
    """
    import gc, importlib.util, json, linecache, os, sys

    seen = {}
    until_after = os.environ.get("PROBE_UNTIL") == "after-first-paint"

    def at_first_paint(original):
        def in_the_paint(self):
            if not seen:
                import PySide6.QtCore
                seen["modules"] = sorted(sys.modules)
                seen["qt_namespace"] = "Qt" in PySide6.QtCore.__dict__
                seen["sources_read"] = sorted(name for name in linecache.cache if "softtoken" in name)
                seen["collecting"] = gc.isenabled()
            if not until_after:
                return original(self)  # reports in the next turn of the event loop, then quits
        return in_the_paint

    def at_report(original):
        def report(self):
            from PySide6.QtWidgets import QApplication, QWizard
            wizards = [w for w in QApplication.topLevelWidgets() if isinstance(w, QWizard)]
            seen["wizard_steps_at_report"] = [len(w.pageIds()) for w in wizards]
            seen["app_icon_at_report"] = not QApplication.windowIcon().isNull()
            return original(self)
        return report

    def after_first_paint(original):
        def run(self):
            original(self)
            seen["collecting_after"] = gc.isenabled()
            self.parent().quit()
        return run

    class Hook:
        def find_spec(self, name, path=None, target=None):
            if name != "softtoken.gui.startup":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            run = spec.loader.exec_module

            def exec_module(module):
                run(module)
                module.FirstPaintReporter._soon = at_first_paint(module.FirstPaintReporter._soon)
                module.FirstPaintReporter.report = at_report(module.FirstPaintReporter.report)
                if until_after:
                    module.AfterFirstPaint._run = after_first_paint(module.AfterFirstPaint._run)

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, Hook())
    from softtoken.gui.__main__ import main
    code = main(["--smoke-test", *sys.argv[1:]])
    print("PROBE " + json.dumps(seen))
    sys.exit(code)
    """
)

# Loaded only once the window is up, or when a prescriber uses them.
NOT_BEFORE_FIRST_PAINT = (
    "cryptography",
    "argon2",
    "keyring",
    "zxingcpp",
    "pskc",
    "httpx",
    "pyotp",
    "PySide6.QtNetwork",
    "PySide6.QtSvg",  # icons are drawn after the first paint (gui/icons.py)
    "logging.handlers",
    "socket",  # only when another instance's socket exists
    "hashlib",
    "tomllib",  # only when there is a policy file
    "softtoken.core.vault",
    "softtoken.core.activation.sources",
    "softtoken.core.containers",  # the issuer's token container: read after the first paint
    "softtoken.gui.container_flow",
    "softtoken.gui.workstation",
    "softtoken.gui.register_dialog",
    "softtoken.gui.wizard.delivery",
    "softtoken.gui.wizard.move",
    "softtoken.gui.wizard.steps",
    "softtoken.gui.wizard.done_page",
    "softtoken.gui.wizard.proof",
    "softtoken.gui.wizard.other_sources",
    "softtoken.gui.token_pages",
    "softtoken.gui.pin_page",
    "softtoken.gui.code_page",
    "softtoken.gui.trouble_pages",
    "softtoken.gui.labels",
    "softtoken.gui.buttons",
    "softtoken.gui.pin_field",
    "softtoken.gui.token_list",
    "softtoken.gui.token_card",  # icons: QtSvg
    "softtoken.gui.token_menu",
)


def first_paint(home: Path, *args: str, until: str = "first-paint") -> dict[str, object]:
    runtime = home.parent / "runtime"  # the single-instance socket, once it listens
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        SOFTTOKEN_HOME=str(home),
        XDG_RUNTIME_DIR=str(runtime),
        PROBE_UNTIL=until,
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("PROBE ")), None)
    assert result.returncode == 0 and line is not None, result.stderr
    seen: dict[str, object] = json.loads(line.removeprefix("PROBE "))
    assert seen, "the app never painted"
    return seen


def early(modules: object) -> list[str]:
    assert isinstance(modules, list)
    return [m for m in modules if m.startswith(NOT_BEFORE_FIRST_PAINT)]


def test_first_run_wizard_paints_before_loading_the_rest(tmp_path: Path) -> None:
    seen = first_paint(tmp_path / "new-user")
    assert early(seen["modules"]) == []
    assert seen["qt_namespace"] is False  # PySide6.QtCore.Qt costs ~15 ms to build


def test_the_wizards_first_paint_is_reported_before_its_other_steps_are_made(tmp_path: Path) -> None:
    """Steps 2-4 come in the event loop's next turn, after what waits for the first paint
    (--smoke-test's report, the app icon, the keystore probe): they take longer than step 1."""
    seen = first_paint(tmp_path / "new-user")
    assert seen["wizard_steps_at_report"] == [1]
    assert seen["app_icon_at_report"] is False  # the report is the first thing after the paint


def test_the_token_windows_first_paint_is_reported_before_what_follows_it(tmp_path: Path) -> None:
    home = tmp_path / "with-a-vault"
    home.mkdir(mode=0o700)
    (home / "vault.stv").write_bytes(b"not read before the first paint")
    seen = first_paint(home)
    assert seen["app_icon_at_report"] is False


def test_token_window_paints_before_loading_the_vault(tmp_path: Path) -> None:
    home = tmp_path / "with-a-vault"
    home.mkdir(mode=0o700)
    (home / "vault.stv").write_bytes(b"not read before the first paint")
    seen = first_paint(home)
    assert early(seen["modules"]) == []
    assert seen["qt_namespace"] is False


@pytest.mark.parametrize("with_vault", [False, True], ids=["wizard", "token-window"])
def test_the_garbage_collector_waits_for_the_first_paint(tmp_path: Path, with_vault: bool) -> None:
    """~40 collections over PySide6's start-up objects (~10 ms) came before the first paint."""
    home = tmp_path / ("with-a-vault" if with_vault else "new-user")
    if with_vault:
        home.mkdir(mode=0o700)
        (home / "vault.stv").write_bytes(b"not read before the first paint")
    seen = first_paint(home, until="after-first-paint")
    assert seen["collecting"] is False
    assert seen["collecting_after"] is True  # on again once the window is up, for the whole session


def test_main_leaves_the_garbage_collector_on(capsys: pytest.CaptureFixture[str]) -> None:
    import gc

    from softtoken.gui.__main__ import main

    assert main(["--version"]) == 0
    assert gc.isenabled()
    assert capsys.readouterr().out.startswith("softtoken ")


@pytest.mark.parametrize("with_vault", [False, True], ids=["wizard", "token-window"])
def test_no_module_source_is_read_at_start(tmp_path: Path, with_vault: bool) -> None:
    """PySide6's import hook would read (and keep in linecache) the source of every module
    imported after it: 3-7 MB of RSS and ~10 % of the import time; the app takes it out."""
    home = tmp_path / ("with-a-vault" if with_vault else "new-user")
    if with_vault:
        home.mkdir(mode=0o700)
        (home / "vault.stv").write_bytes(b"not read before the first paint")
    seen = first_paint(home)
    assert seen["sources_read"] == []


def test_wizard_shows_step_one_with_next_then_makes_the_rest(qtbot: QtBot) -> None:
    wizard = ActivationWizard(
        policy=Policy(), existing_names=[], commit=lambda r: None, clock=FixedClock(59), link=link()
    )
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.pageIds() == [0]  # nothing else yet
    assert wizard.button(QWizard.WizardButton.NextButton).isVisible()  # not "Finish"
    assert not wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    qtbot.waitUntil(lambda: wizard.pageIds() == [0, 1, 2, 3])  # right after the first paint
    assert wizard.activate_page.isComplete()  # the link given at start was read then


def test_a_wizard_used_before_it_paints_is_made_whole_at_once(qtbot: QtBot) -> None:
    wizard = ActivationWizard(policy=Policy(), existing_names=[], commit=lambda r: None, clock=FixedClock(59))
    qtbot.addWidget(wizard)
    wizard.set_link(link())  # never shown: a link arriving still works
    assert wizard.pageIds() == [0, 1, 2, 3] and wizard.activate_page.isComplete()
    assert wizard.name_page.wizard() is wizard


@pytest.mark.parametrize("policy_text", ["pin_length = 6\n"])
def test_a_policy_file_is_read_before_the_first_paint(tmp_path: Path, policy_text: str) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(policy_text)
    seen = first_paint(tmp_path / "new-user", "--policy", str(policy))
    modules = seen["modules"]
    assert isinstance(modules, list) and "tomllib" in modules  # read, so that a bad one stops the app
    assert early([m for m in modules if not m.startswith("tomllib")]) == []  # nothing else: hashlib = OpenSSL


def test_token_window_first_paint_returns_before_the_pages_are_built(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's pixels reach the screen only once its first paint has returned: the pages,
    menus, tray icon and vault come in a later turn of the event loop, not inside that paint."""
    vault = make_vault(tmp_path / "home", memory_keyring)
    vault.activate(description(), "EPCS", PIN, PIN)
    built_when_painted: list[bool] = []
    paint = token_window._Container.paintEvent

    def recording_paint(self: token_window._Container, event: object) -> None:
        paint(self, event)
        window = self.window()
        assert isinstance(window, token_window.TokenWindow)
        built_when_painted.append(window.built)

    monkeypatch.setattr(token_window._Container, "paintEvent", recording_paint)
    controller = Controller(vault, vault.policy, vault.clock)
    qtbot.addWidget(controller.window)
    controller.start()
    qtbot.waitUntil(lambda: bool(built_when_painted))
    assert built_when_painted[0] is False  # the first paint showed "Opening your tokens…" and returned
    window = controller.window
    qtbot.waitUntil(lambda: window.built and window.stack.currentWidget() is window.pin_page)


def test_smoke_test_reports_the_first_paint_once_the_paint_has_returned(
    qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the paint still does after it says "painted" delays its pixels too: it is counted."""
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QWidget

    from softtoken.gui.startup import FirstPaintReporter

    class Window(QWidget):
        painted = Signal()
        finished_painting = False

        def paintEvent(self, event: object) -> None:
            self.painted.emit()
            self.finished_painting = True  # e.g. pages built inside the paint, as it used to be

    quit_calls: list[bool] = []
    monkeypatch.setattr(qapp, "quit", lambda: quit_calls.append(True))
    window = Window()
    qtbot.addWidget(window)
    seen_at_report: list[bool] = []
    reporter = FirstPaintReporter(window.painted, 0.0, qapp)
    report = reporter.report

    def recording_report() -> None:
        seen_at_report.append(window.finished_painting)
        report()

    monkeypatch.setattr(reporter, "report", recording_report)
    window.show()
    qtbot.waitUntil(lambda: bool(quit_calls))
    assert seen_at_report[:1] == [True]
    assert capsys.readouterr().out.startswith("first-paint ")
