"""The orca tier: real Orca on the atspi tier's private desktop, speaking into a file (speech.py)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.atspi.desktop import BUS_LAUNCHER, SYSTEM_PYTHON, Desktop, desktop
from tests.orca.speech import GENERIC_MODULE, ORCA, SPEECHD, Speech, orca

# The atspi tier's tools (as in tests/atspi/conftest.py), and the Debian package that has each.
ATSPI_NEEDED = {
    "Xvfb": "xvfb",
    "openbox": "openbox",
    "dbus-run-session": "dbus-daemon",
    "xdotool": "xdotool",
    BUS_LAUNCHER: "at-spi2-core",
}
# What the tier needs beyond the atspi tier's, and the Debian package that has it (scripts/lib.sh).
NEEDED = {ORCA: "orca", SPEECHD: "speech-dispatcher", GENERIC_MODULE: "speech-dispatcher"}


def _missing() -> list[str]:
    """The atspi tier's tools and the system Python's pyatspi, then Orca and speech-dispatcher."""
    tools = [package for tool, package in ATSPI_NEEDED.items() if shutil.which(tool) is None]
    probe = [SYSTEM_PYTHON, "-c", "import pyatspi"]
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(probe, capture_output=True, check=False).returncode:
        tools.append("python3-pyatspi")
    tools += [package for path, package in NEEDED.items() if not Path(path).exists()]
    return sorted(set(tools))


@pytest.fixture
def spoken_desktop(tmp_path: Path) -> Iterator[tuple[Desktop, Speech]]:
    """The atspi tier's desktop (its event recorder too) with Orca speaking into ``spoken.txt``."""
    missing = _missing()
    if missing:
        pytest.fail(f"the orca tier needs these Debian packages (scripts/test installs them): {missing}")
    with desktop(tmp_path / "desktop") as board, orca(board) as speech:
        yield board, speech
