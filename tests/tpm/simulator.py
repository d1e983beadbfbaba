"""swtpm, the TPM 2.0 simulator from Debian, for the tpm tier: one per test, on free local ports.

Each simulator gets a fresh state directory (so the dictionary-attack counter
never leaks between tests), listens on 127.0.0.1 only, runs as this process's
child and is stopped by its own PID.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

SWTPM = shutil.which("swtpm")
TPM2_DICTIONARYLOCKOUT = shutil.which("tpm2_dictionarylockout")


def _have_pytss() -> bool:
    try:
        import tpm2_pytss  # noqa: F401
    except ImportError:
        return False
    return True


needs_swtpm = pytest.mark.skipif(
    (SWTPM is None or not _have_pytss()) and not os.environ.get("CI"),
    reason="swtpm or tpm2-pytss is not installed (scripts/test installs both)",
)


def _two_free_ports() -> int:
    """A port P with P+1 free too (swtpm's server and control channels)."""
    for _ in range(50):
        with socket.socket() as first:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            if port >= 65535:
                continue
            with socket.socket() as second:
                try:
                    second.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
        return int(port)
    raise RuntimeError("no two free local ports")


@dataclass
class Swtpm:
    state: Path
    port: int
    process: subprocess.Popen[bytes]

    @property
    def tcti(self) -> str:
        return f"swtpm:host=127.0.0.1,port={self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, 15)  # its own PID, nothing broader
            self.process.wait(timeout=10)

    def lockout_parameters(self, max_tries: int, interval: int, recovery: int = 0) -> None:
        """tpm2_dictionarylockout --setup-parameters (the lockout hierarchy's auth is empty)."""
        assert TPM2_DICTIONARYLOCKOUT, "tpm2-tools is missing: scripts/test installs it"
        subprocess.run(
            [
                TPM2_DICTIONARYLOCKOUT,
                "--setup-parameters",
                f"--max-tries={max_tries}",
                f"--recovery-time={interval}",
                f"--lockout-recovery-time={recovery}",
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "TPM2TOOLS_TCTI": self.tcti},
        )


def start_swtpm(state: Path) -> Swtpm:
    """Start swtpm on free ports and wait until it accepts a connection."""
    assert SWTPM, "swtpm is missing: scripts/test installs it"
    state.mkdir(parents=True, exist_ok=True)
    for _ in range(5):  # another program may take a port between the check and swtpm's bind
        port = _two_free_ports()
        process = subprocess.Popen(
            [
                SWTPM,
                "socket",
                "--tpm2",
                "--tpmstate",
                f"dir={state}",
                "--server",
                f"type=tcp,port={port},bindaddr=127.0.0.1",
                "--ctrl",
                f"type=tcp,port={port + 1},bindaddr=127.0.0.1",
                "--flags",
                "not-need-init,startup-clear",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while process.poll() is None and time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return Swtpm(state, port, process)
            except OSError:
                time.sleep(0.005)  # polling a condition (the port accepts), not a timed wait
        if process.poll() is None:
            os.kill(process.pid, 15)
            process.wait(timeout=10)
    raise RuntimeError("swtpm did not start")
