"""Is this computer's clock right? An SNTP query (RFC 4330) to the policy's time server.

Clock drift is the first cause of "wrong code" calls: a TOTP passcode is made
from the time, and the issuer accepts only a few steps either way. The query
has a short timeout and runs in a thread, so a missing network or a DNS
problem is "could not check", never a hang. A few lines of our own rather
than a dependency: one UDP packet out, one in.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .clock import Clock
from .policy import Policy
from .storage import atomic_write, ensure_private_dir

NTP_EPOCH_OFFSET = 2_208_988_800  # seconds from 1900-01-01 to 1970-01-01
CHECK_FILE = "clockcheck.json"


@dataclass(frozen=True)
class ClockCheck:
    server: str
    checked_at: float
    status: str  # "ok", "warn", "error", "unknown", "not configured"
    offset: float | None  # server time minus this computer's time, seconds
    message: str
    # The message as a template and its parameters (the GUI translates the template), as errors do.
    template: str = ""
    params: dict[str, object] = field(default_factory=dict)


def _split(server: str) -> tuple[str, int]:
    host, _, port = server.strip().rpartition(":") if server.count(":") == 1 else (server.strip(), "", "")
    host = host or server.strip()
    return host, int(port) if port.isdigit() else 123


def _to_ntp(ts: float) -> bytes:
    seconds = int(ts) + NTP_EPOCH_OFFSET
    fraction = int((ts - int(ts)) * 2**32)
    return struct.pack("!II", seconds & 0xFFFFFFFF, fraction & 0xFFFFFFFF)


def _from_ntp(data: bytes) -> float:
    seconds, fraction = struct.unpack("!II", data)
    return float(seconds - NTP_EPOCH_OFFSET + fraction / 2**32)


def sntp_offset(server: str, clock: Clock, timeout: float = 2.0) -> float:
    """Server time minus local time, in seconds; raises OSError/ValueError when it cannot tell."""
    host, port = _split(server)
    address = socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM)[0]
    with socket.socket(address[0], socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        sent = clock.now()
        packet = bytes([0x23]) + bytes(39) + _to_ntp(sent)  # LI 0, version 4, mode 3 (client)
        sock.sendto(packet, address[4])
        data, _ = sock.recvfrom(512)
        received = clock.now()
    if len(data) < 48 or data[0] & 0x07 not in (4, 5) or data[1] == 0:  # a server answer, not kiss-o'-death
        raise ValueError("not an NTP server answer")
    server_received, server_sent = _from_ntp(data[32:40]), _from_ntp(data[40:48])
    return ((server_received - sent) + (server_sent - received)) / 2


def describe(offset: float, policy: Policy) -> tuple[str, str, dict[str, object]]:
    """(status, template, params) for an offset: "Your computer clock is {seconds} s fast: …"."""
    size = abs(offset)
    fast = offset < 0
    if size > policy.clock_error_seconds:
        template = (
            "Your computer clock is {seconds} s fast: passcodes will be rejected. Ask your IT "
            "department to set the clock (turn on automatic time)."
            if fast
            else "Your computer clock is {seconds} s slow: passcodes will be rejected. Ask your IT "
            "department to set the clock (turn on automatic time)."
        )
        return "error", template, {"seconds": f"{size:.0f}"}
    if size > policy.clock_warn_seconds:
        template = (
            "Your computer clock is {seconds} s fast: passcodes may be rejected."
            if fast
            else "Your computer clock is {seconds} s slow: passcodes may be rejected."
        )
        return "warn", template, {"seconds": f"{size:.0f}"}
    return "ok", "Your computer clock is right (within {seconds} s).", {"seconds": f"{max(size, 0.1):.1f}"}


def _result(
    host: str, now: float, status: str, offset: float | None, template: str, **params: object
) -> ClockCheck:
    return ClockCheck(host, now, status, offset, template.format(**params), template, params)


def check_clock(policy: Policy, clock: Clock, timeout: float = 2.0) -> ClockCheck:
    """Never raises and never waits much longer than ``timeout`` (DNS included)."""
    server = policy.ntp_server.strip()
    now = clock.now()
    if not server:
        return _result("", now, "not configured", None, "No time server is set in the admin policy.")
    result: dict[str, float | BaseException] = {}

    def query() -> None:
        try:
            result["offset"] = sntp_offset(server, clock, timeout)
        except (OSError, ValueError, IndexError, struct.error) as exc:
            result["error"] = exc

    worker = threading.Thread(target=query, name="softtoken-clock-check", daemon=True)
    worker.start()
    worker.join(timeout + 1.0)
    offset = result.get("offset")
    if not isinstance(offset, float):
        return _result(
            server,
            now,
            "unknown",
            None,
            "Could not check the clock against {server} (no answer). Passcodes still work "
            "if the clock is right.",
            server=server[:60],
        )
    status, template, params = describe(offset, policy)
    return _result(server, now, status, round(offset, 3), template, **params)


def save_check(home: Path, check: ClockCheck) -> None:
    ensure_private_dir(home)
    atomic_write(home / CHECK_FILE, json.dumps(asdict(check)).encode("utf-8"))


def last_check(home: Path) -> ClockCheck | None:
    try:
        data = json.loads((home / CHECK_FILE).read_text("utf-8"))
        return ClockCheck(**data)
    except (OSError, ValueError, TypeError):
        return None
