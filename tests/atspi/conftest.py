"""The atspi tier: the real app on a private desktop with the AT-SPI bus (tests/atspi/desktop.py)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.atspi.desktop import BUS_LAUNCHER, SYSTEM_PYTHON, Desktop, desktop

# What the tier needs, and the Debian package that has it (scripts/lib.sh installs them all).
NEEDED = {
    "Xvfb": "xvfb",
    "openbox": "openbox",
    "dbus-run-session": "dbus-daemon",
    "xdotool": "xdotool",
    BUS_LAUNCHER: "at-spi2-core",
}


def _missing() -> list[str]:
    missing = [package for tool, package in NEEDED.items() if shutil.which(tool) is None]
    probe = [SYSTEM_PYTHON, "-c", "import pyatspi"]
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(probe, capture_output=True, check=False).returncode:
        missing.append("python3-pyatspi")
    return missing


@pytest.fixture
def screen_reader_desktop(tmp_path: Path) -> Iterator[Desktop]:
    """Xvfb, openbox, a D-Bus session with the AT-SPI bus, and an event recorder; all stopped after."""
    missing = _missing()
    if missing:
        pytest.fail(f"the atspi tier needs these Debian packages (scripts/test installs them): {missing}")
    with desktop(tmp_path / "desktop") as board:
        yield board
