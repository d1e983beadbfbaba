"""``softtoken`` as a real process: what it does before Qt starts and what it leaves behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from softtoken.gui.launch import display_missing

NO_DISPLAY_EN = "softtoken: no graphical display: run it from your desktop session, or use softtoken-cli\n"
NO_DISPLAY_ES = (
    "softtoken: no hay pantalla gráfica: ábralo desde su sesión de escritorio, o use softtoken-cli\n"
)


def bare_env(tmp: Path, **extra: str) -> dict[str, str]:
    """A login without a graphical session: no DISPLAY, no WAYLAND_DISPLAY, no Qt platform set."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS")
    }
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
