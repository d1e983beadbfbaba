"""``softtoken`` as a real process: what it does before Qt starts and what it leaves behind."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from softtoken.gui.launch import display_missing, session_bus_address
from softtoken.gui.single_instance import SingleInstance

NO_DISPLAY_EN = "softtoken: no graphical display: run it from your desktop session, or use softtoken-cli\n"
NO_DISPLAY_ES = (
    "softtoken: no hay pantalla gráfica: ábralo desde su sesión de escritorio, o use softtoken-cli\n"
)


def bare_env(tmp: Path, runtime: Path | None = None, **extra: str) -> dict[str, str]:
    """A login without a graphical session: no DISPLAY, no WAYLAND_DISPLAY, no Qt platform set.

    ``runtime`` is XDG_RUNTIME_DIR (default: a folder in ``tmp``); give ``socket_dir``
    where the app's socket must work.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS")
    }
    if runtime is None:
        runtime = tmp / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
    env.update(
        HOME=str(tmp / "home"),
        XDG_RUNTIME_DIR=str(runtime),
        SOFTTOKEN_HOME=str(tmp / "vault"),
        LANG="C.UTF-8",
    )
    env.update(extra)
    return env


# ---------------------------------------------------------------- no display


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland")
@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, NO_DISPLAY_EN),
        ({"QT_QPA_PLATFORM": "xcb"}, NO_DISPLAY_EN),
        ({"QT_QPA_PLATFORM": "xcb", "LANG": "es_ES.UTF-8"}, NO_DISPLAY_ES),
    ],
)
def test_without_a_display_it_says_so_in_one_line_and_exits_69(
    tmp_path: Path, extra: dict[str, str], expected: str
) -> None:
    """Qt itself would abort (exit 134) and advise reinstalling, which never helps."""
    proc = subprocess.run(
        [sys.executable, "-m", "softtoken.gui"],
        env=bare_env(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (proc.returncode, proc.stderr, proc.stdout) == (69, expected, "")
    assert not (tmp_path / "vault").exists()  # nothing was started or made


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, True),
        ({"DISPLAY": ":0"}, False),
        ({"WAYLAND_DISPLAY": "wayland-1"}, False),
        ({"QT_QPA_PLATFORM": "xcb"}, True),
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-1"}, True),
        ({"QT_QPA_PLATFORM": "xcb:nograb", "DISPLAY": ":0"}, False),
        ({"QT_QPA_PLATFORM": "wayland"}, True),
        ({"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-1"}, False),
        ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}, False),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, True),
        ({"QT_QPA_PLATFORM": "offscreen"}, False),
        ({"QT_QPA_PLATFORM": "vnc"}, False),
    ],
)
def test_which_platforms_have_no_display(env: dict[str, str], missing: bool) -> None:
    assert display_missing(env, "linux") is missing


def test_wayland_finds_its_default_socket(tmp_path: Path) -> None:
    env = {"QT_QPA_PLATFORM": "wayland", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert display_missing(env, "linux")
    (tmp_path / "wayland-0").touch()
    assert not display_missing(env, "linux")


def test_windows_and_macos_are_left_to_qt() -> None:
    assert not display_missing({}, "win32")
    assert not display_missing({}, "darwin")


# ---------------------------------------------------------------- background jobs at quit


def test_a_first_run_smoke_test_ends_without_a_traceback(tmp_path: Path) -> None:
    """The keystore probe after the first paint may still run when --smoke-test quits: dropped quietly."""
    proc = subprocess.run(
        [sys.executable, "-m", "softtoken.gui", "--smoke-test"],
        env=bare_env(tmp_path, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "Signal source" not in proc.stderr, proc.stderr


# ---------------------------------------------------------------- the session bus


def marked(tag: str) -> list[int]:
    """Processes whose environment carries ``tag``: what the app under test started, and their children."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if tag.encode() in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:
                continue  # gone, or another user's
    return found


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[str]:
    """A private Xvfb (the display number is its own choice), stopped by PID afterwards."""
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is missing: scripts/test installs it (xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "1024x768x24"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        assert number.isdigit(), "Xvfb did not say its display"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and D-Bus autolaunch")
def test_no_session_bus_is_left_running_after_the_app_exits(tmp_path: Path, x_display: str) -> None:
    """Without DBUS_SESSION_BUS_ADDRESS, Qt's accessibility bridge made libdbus autolaunch
    dbus-launch and a dbus-daemon, which outlived the app for the whole X session."""
    if shutil.which("dbus-launch") is None:
        pytest.fail("dbus-launch is missing: scripts/test installs it (dbus-x11, the autolauncher)")
    tag = f"SOFTTOKEN_TEST_TAG={uuid.uuid4().hex}"
    name, _, value = tag.partition("=")
    env = bare_env(tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=x_display, **{name: value})
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "softtoken.gui", "--smoke-test"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith("first-paint ")
        left = {pid: (Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")) for pid in marked(tag)}
        assert left == {}, f"still running after softtoken exited: {left}"
    finally:
        for pid in marked(tag):  # started by this test's app: stop them by PID
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({"XDG_RUNTIME_DIR": "/run/user/1000"}, "linux", "unix:path=/run/user/1000/bus"),
        ({}, "linux", "unix:path=/run/user/1000/bus"),
        ({"XDG_RUNTIME_DIR": "/tmp/a b,c=d"}, "linux", "unix:path=/tmp/a%20b%2cc%3dd/bus"),
        ({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x", "XDG_RUNTIME_DIR": "/r"}, "linux", None),
        ({"XDG_RUNTIME_DIR": "/r"}, "darwin", None),
        ({}, "win32", None),
    ],
)
def test_the_session_bus_is_never_left_to_autolaunch(
    env: dict[str, str], platform: str, expected: str | None
) -> None:
    assert session_bus_address(env, platform, 1000) == expected


# ---------------------------------------------------------------- the link and the process table

SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
SECOND_SECRET = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"


def otpauth(secret: str, account: str = "x") -> str:
    return f"otpauth://totp/ACME:{account}?secret={secret}&issuer=ACME"


def cmdlines(tag: str) -> dict[int, bytes]:
    found = {}
    for pid in marked(tag):
        try:
            found[pid] = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
    return {pid: line for pid, line in found.items() if line}  # a zombie has none


def launch(link: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``softtoken LINK`` as the desktop runs it (output not captured: the app may outlive it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "softtoken.gui", link],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition: Callable[[], object], what: str, timeout: float = 30) -> None:
    """Poll the process table (another process's state has no signal to wait on)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/PID/cmdline")
def test_no_long_lived_softtoken_process_holds_the_seed(tmp_path: Path, socket_dir: Path) -> None:
    """``softtoken LINK`` passes the link to a fresh process and exits at once; the app that
    stays (and the launch handed to it) never has the seed on its command line."""
    tag = f"SOFTTOKEN_TEST_TAG={uuid.uuid4().hex}"
    name, _, value = tag.partition("=")
    env = bare_env(tmp_path, socket_dir, QT_QPA_PLATFORM="offscreen", **{name: value})
    runtime = Path(env["XDG_RUNTIME_DIR"])
    try:
        first = launch(otpauth(SECRET), env)
        assert first.wait(timeout=30) == 0, "the launching process did not hand over and exit"
        # The app listens for other launches once its first window has painted.
        wait_for(lambda: list(runtime.glob("softtoken-*.sock")), "the app's window (its socket)")
        apps = cmdlines(tag)
        assert len(apps) == 1, apps
        ((pid, line),) = apps.items()
        assert SECRET.encode() not in line and b"otpauth" not in line, line

        second = launch(otpauth(SECOND_SECRET, "second"), env)
        assert second.wait(timeout=30) == 0
        wait_for(lambda: set(cmdlines(tag)) == {pid}, "the second launch to hand over and exit")
        line = cmdlines(tag)[pid]
        assert SECRET.encode() not in line and SECOND_SECRET.encode() not in line, line
    finally:
        for pid in marked(tag):  # the app this test started
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)


def test_a_link_from_the_command_line_reaches_the_running_window(
    qtbot: QtBot, tmp_path: Path, socket_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fresh process reads the link from its standard input and hands it on, whole."""
    tag = f"SOFTTOKEN_TEST_TAG={uuid.uuid4().hex}"
    name, _, value = tag.partition("=")
    env = bare_env(tmp_path, socket_dir, QT_QPA_PLATFORM="offscreen", **{name: value})
    monkeypatch.setenv("XDG_RUNTIME_DIR", env["XDG_RUNTIME_DIR"])  # where both look for the socket
    primary = SingleInstance(Path(env["SOFTTOKEN_HOME"]))
    assert primary.hand_off("SHOW") is False
    primary.listen()
    try:
        with qtbot.waitSignal(primary.received, timeout=30_000) as got:
            launcher = launch(otpauth(SECRET), env)
        assert got.args == [f"OPEN {otpauth(SECRET)}"]
        assert launcher.wait(timeout=30) == 0
        wait_for(lambda: not cmdlines(tag), "the fresh process to hand over and exit")
    finally:
        primary.close()
        for pid in marked(tag):  # should it have become a window of its own
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)


def test_the_relaunch_is_this_same_program() -> None:
    from softtoken.gui import launch as launching

    command = launching.relaunch_command()
    assert command[0] == sys.executable
    assert command[1:] == sys.orig_argv[1 : len(sys.orig_argv) - len(sys.argv) + 1]
