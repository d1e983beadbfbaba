"""Shared fixtures. Qt is forced offscreen before anything can create a QApplication."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.keyrings import MemoryKeyring
from tests.session_bus import session_bus  # noqa: F401 - a fixture for every tier

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(autouse=True)
def memory_keyring(request: pytest.FixtureRequest) -> Iterator[MemoryKeyring | None]:
    """Every test gets an empty in-memory keyring, except the real-keystore tier."""
    if request.node.get_closest_marker("keystore"):
        yield None
        return
    import keyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test ever touches the real user's data, config or keyring."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("SOFTTOKEN_HOME", raising=False)
    # ... nor the machine's admin policy: a test that needs one makes its own.
    import softtoken.core.policy

    monkeypatch.setattr(
        softtoken.core.policy, "default_policy_path", lambda: tmp_path / "no-admin-policy.toml"
    )
    # ... nor the machine's TPM: "auto" finds none here; the tpm tier (tests/tpm) hands in a simulator.
    import softtoken.core.tpm.access

    for name in softtoken.core.tpm.access.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(softtoken.core.tpm.access, "DEVICE", tmp_path / "no-tpmrm0")
    return home
