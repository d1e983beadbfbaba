"""Fixtures for GUI tests (pytest-qt, offscreen: tests/conftest.py forces the platform).

No test ever blocks on a modal dialog: answers are preloaded with
``dialogs.answer_next`` and the queue is emptied before and after each test.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from softtoken.core.clock import FixedClock
from softtoken.core.vault.vault import Vault
from softtoken.gui import dialogs
from tests.keyrings import MemoryKeyring
from tests.vaults import CHEAP, make_vault


@pytest.fixture(autouse=True)
def _fresh_dialogs() -> Iterator[None]:
    dialogs.reset()
    yield
    dialogs.reset()


@pytest.fixture
def socket_dir() -> Iterator[Path]:
    """A private folder with a short path for Unix sockets (at most ~107 bytes with the name).

    pytest's tmp_path can be longer than that (a parallel worker adds a level), and
    a socket path that long cannot be bound or connected to.
    """
    folder = Path(tempfile.mkdtemp(prefix="st-sock-", dir="/tmp"))  # 0700, as mkdtemp makes it
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring) -> Vault:
    """An empty vault in tmp_path: cheap Argon2, in-memory keyring, the clock at 59 s (RFC 6238)."""
    home = tmp_path / "softtoken"
    home.mkdir()
    return make_vault(home, memory_keyring, clock=FixedClock(59), kdf=CHEAP)


def assert_qt_fonts() -> None:
    """Fail loudly when Qt finds no fonts: every text would render as empty boxes."""
    from PySide6.QtGui import QFontDatabase

    families = QFontDatabase.families()
    assert families, (
        "Qt found no fonts: install fontconfig and a font package (e.g. fonts-dejavu-core) "
        "or set QT_QPA_FONTDIR"
    )


@pytest.fixture
def qt_fonts(qapp: object) -> None:
    """Use in GUI tests whose assertions depend on text layout (sizes, wrapping, screen grabs)."""
    assert_qt_fonts()


@pytest.fixture(scope="session", autouse=True)
def _design_system(qapp: object) -> None:
    """Every GUI test sees the screens as the app shows them: with the style sheet (issue 16),
    installed once for the session as softtoken.gui.__main__ does at start."""
    from PySide6.QtWidgets import QApplication

    from softtoken.gui import style

    assert isinstance(qapp, QApplication)
    style.install(qapp)
