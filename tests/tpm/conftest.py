"""The tpm tier: softtoken against swtpm, one fresh simulator per test (tests/tpm/simulator.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.tpm.simulator import Swtpm, start_swtpm


@pytest.fixture
def swtpm_factory(tmp_path: Path) -> Iterator[Callable[[], Swtpm]]:
    """Start as many simulators as a test needs (each with its own state); all stopped after."""
    started: list[Swtpm] = []

    def start() -> Swtpm:
        simulator = start_swtpm(tmp_path / f"swtpm-{len(started)}")
        started.append(simulator)
        return simulator

    try:
        yield start
    finally:
        for simulator in started:
            simulator.stop()


@pytest.fixture
def swtpm(swtpm_factory: Callable[[], Swtpm], monkeypatch: pytest.MonkeyPatch) -> Swtpm:
    """One simulator, and the environment pointing softtoken at it (TPM2TOOLS_TCTI)."""
    simulator = swtpm_factory()
    monkeypatch.setenv("TPM2TOOLS_TCTI", simulator.tcti)
    return simulator
