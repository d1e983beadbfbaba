"""The orca tier: real Orca on the atspi tier's private desktop, speaking into a file (speech.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.atspi.conftest import _missing as atspi_missing
from tests.atspi.desktop import Desktop, desktop
from tests.orca.speech import GENERIC_MODULE, ORCA, SPEECHD, Speech, orca

# What the tier needs beyond the atspi tier's, and the Debian package that has it (scripts/lib.sh).
NEEDED = {ORCA: "orca", SPEECHD: "speech-dispatcher", GENERIC_MODULE: "speech-dispatcher"}


def _missing() -> list[str]:
    missing = [package for tool, package in NEEDED.items() if not Path(tool).exists()]
    return sorted(set(atspi_missing() + missing))


@pytest.fixture
def spoken_desktop(tmp_path: Path) -> Iterator[tuple[Desktop, Speech]]:
    """The atspi tier's desktop (its event recorder too) with Orca speaking into ``spoken.txt``."""
    missing = _missing()
    if missing:
        pytest.fail(f"the orca tier needs these Debian packages (scripts/test installs them): {missing}")
    with desktop(tmp_path / "desktop") as board, orca(board) as speech:
        yield board, speech
