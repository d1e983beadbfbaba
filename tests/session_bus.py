"""A private D-Bus session bus for a test: real dbus-daemon, our own config, stopped by its own PID."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  {servicedir}
  <policy context="default">  <!-- as Debian's session.conf -->
    <allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/>
  </policy>
</busconfig>
"""


@pytest.fixture
def session_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., str]]:
    """Start a private session bus (with the given activatable services); stopped by its own PID."""
    started: list[subprocess.Popen[bytes]] = []

    def start(*activatable: str) -> str:
        services = tmp_path / "services"
        services.mkdir()
        for name in activatable:  # a service file is all activation needs; nothing is started here
            (services / f"{name}.service").write_text(f"[D-BUS Service]\nName={name}\nExec=/bin/false\n")
        socket = tmp_path / "bus"
        config = tmp_path / "bus.conf"
        config.write_text(CONFIG.format(socket=socket, servicedir=f"<servicedir>{services}</servicedir>"))
        bus = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address"], stdout=subprocess.PIPE
        )
        started.append(bus)
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()  # printed once it listens
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        return address

    yield start
    for bus in started:
        bus.terminate()
        bus.wait(timeout=10)
