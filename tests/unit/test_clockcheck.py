"""The clock check against a real NTP responder on 127.0.0.1 (started by the test)."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from softtoken.core.clock import SystemClock
from softtoken.core.clockcheck import check_clock, last_check, save_check
from softtoken.core.policy import Policy
from tests.ntp_responder import NtpResponder


@pytest.mark.parametrize(
    ("offset", "status", "words"),
    [
        (0.0, "ok", "right"),
        (-42.0, "warn", "42 s fast: passcodes may be rejected"),
        (42.0, "warn", "42 s slow: passcodes may be rejected"),
        (-90.0, "error", "90 s fast: passcodes will be rejected"),
    ],
)
def test_offsets(offset: float, status: str, words: str) -> None:
    with NtpResponder(offset) as ntp:
        check = check_clock(Policy(ntp_server=ntp.server), SystemClock())
    assert check.status == status and words in check.message
    assert check.offset is not None and abs(check.offset - offset) < 1.0


def test_policy_thresholds() -> None:
    with NtpResponder(-20.0) as ntp:
        assert check_clock(Policy(ntp_server=ntp.server, clock_warn_seconds=30), SystemClock()).status == "ok"
        strict = Policy(ntp_server=ntp.server, clock_warn_seconds=5, clock_error_seconds=10)
        assert check_clock(strict, SystemClock()).status == "error"


def test_silent_server_is_could_not_check_not_a_hang() -> None:
    with NtpResponder(answer=False) as ntp:
        started = time.monotonic()
        check = check_clock(Policy(ntp_server=ntp.server), SystemClock(), timeout=0.5)
        assert time.monotonic() - started < 2.0
    assert check.status == "unknown" and "Could not check" in check.message and check.offset is None


def test_nothing_listening() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    check = check_clock(Policy(ntp_server=f"127.0.0.1:{port}"), SystemClock(), timeout=0.5)
    assert check.status == "unknown"


def test_not_configured() -> None:
    assert check_clock(Policy(), SystemClock()).status == "not configured"


def test_last_check_is_kept_private(tmp_path: Path) -> None:
    with NtpResponder(5.0) as ntp:
        check = check_clock(Policy(ntp_server=ntp.server), SystemClock())
    save_check(tmp_path / "home", check)
    assert last_check(tmp_path / "home") == check
    assert ((tmp_path / "home" / "clockcheck.json").stat().st_mode & 0o777) == 0o600
    assert last_check(tmp_path / "nowhere") is None
