"""Benchmark ``bench/unlock.py --tpm``: PIN to passcode with the seed in a TPM, and each TPM command.

Against swtpm (started here on 127.0.0.1 with a throw-away state, stopped by
its PID) unless ``TPM2TOOLS_TCTI`` / ``TSS2_TCTI`` names a TPM. Every ESAPI
call is timed through a proxy, so one unlock splits into the TPM's own work
and everything else (the goal: everything else under 30 ms, as for the
software vault). The keystore is in memory, the data folder temporary.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

GOAL_REST_SECONDS = 0.030


class TimedEsapi:
    """An ESAPI whose every call adds its wall-clock seconds to ``spent`` (by command name)."""

    def __init__(self, esapi: Any, spent: dict[str, list[float]]) -> None:
        self._esapi = esapi
        self._spent = spent

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._esapi, name)
        if not callable(attribute):
            return attribute

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return attribute(*args, **kwargs)
            finally:
                self._spent[name].append(time.perf_counter() - start)

        return timed


@contextmanager
def simulator() -> Iterator[str]:
    """A TCTI: the environment's, else a fresh swtpm of our own."""
    for name in ("TPM2TOOLS_TCTI", "TSS2_TCTI"):
        if os.environ.get(name):
            yield os.environ[name]
            return
    swtpm = shutil.which("swtpm")
    if swtpm is None:
        raise SystemExit("bench --tpm: install swtpm (Debian: swtpm swtpm-tools) or set TPM2TOOLS_TCTI")
    with tempfile.TemporaryDirectory(prefix="softtoken-bench-swtpm-") as state:
        process, port = _start(swtpm, state)
        try:
            yield f"swtpm:host=127.0.0.1,port={port}"
        finally:
            os.kill(process.pid, 15)
            process.wait(timeout=10)


def _start(swtpm: str, state: str) -> tuple[subprocess.Popen[bytes], int]:
    """swtpm on a free port pair, once it accepts connections (another port if one was taken)."""
    for _ in range(10):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        process = subprocess.Popen(
            [swtpm, "socket", "--tpm2", "--tpmstate", f"dir={state}",
             "--server", f"type=tcp,port={port},bindaddr=127.0.0.1",
             "--ctrl", f"type=tcp,port={port + 1},bindaddr=127.0.0.1",
             "--flags", "not-need-init,startup-clear"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while process.poll() is None and time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return process, port
            except OSError:
                time.sleep(0.01)
        if process.poll() is None:
            os.kill(process.pid, 15)
            process.wait(timeout=10)
    raise SystemExit("bench --tpm: swtpm did not start")


def run(runs: int) -> dict[str, Any]:
    from unlock import LINK, PIN, MemoryKeyring, summary

    from softtoken.core.activation.sources import tokens_from_text
    from softtoken.core.clock import FixedClock
    from softtoken.core.keystore import OsKeystore
    from softtoken.core.tpm.access import Tcti
    from softtoken.core.tpm.chip import Chip
    from softtoken.core.vault.vault import Vault

    spent: dict[str, list[float]] = defaultdict(list)
    with simulator() as tcti, tempfile.TemporaryDirectory(prefix="softtoken-bench-") as home:

        def opened() -> Chip:
            chip = Chip.open(Tcti(tcti, "bench"))
            chip._esapi = TimedEsapi(chip._esapi, spent)
            return chip

        vault = Vault(
            Path(home), keystore=OsKeystore(MemoryKeyring()), clock=FixedClock(1_700_000_000), tpm=opened
        )
        (description,) = tokens_from_text(LINK)
        start = time.perf_counter()
        status = vault.activate(description, "Bench", PIN, PIN)
        activation = time.perf_counter() - start
        if status.protection != "tpm":
            raise SystemExit("bench --tpm: the token did not go into the TPM")
        vault.unlock(None, PIN)  # warm-up (imports, first connection)
        spent.clear()
        unlocks, in_tpm = [], []
        for _ in range(runs):
            before = sum(sum(v) for v in spent.values())
            start = time.perf_counter()
            codes = vault.unlock(None, PIN)
            unlocks.append(time.perf_counter() - start)
            in_tpm.append(sum(sum(v) for v in spent.values()) - before)
            if not codes.codes:
                raise SystemExit("bench --tpm: no passcodes")
        rest = [u - t for u, t in zip(unlocks, in_tpm, strict=True)]
    per_command = {name: summary(samples) for name, samples in sorted(spent.items())}
    commands_per_unlock = {name: len(samples) / runs for name, samples in sorted(spent.items())}
    return {
        "tcti": tcti.split(":")[0],
        "activation_seconds": activation,
        "unlock": summary(unlocks),
        "tpm_work_per_unlock": summary(in_tpm),
        "rest_of_unlock": summary(rest),
        "commands_per_unlock": commands_per_unlock,
        "per_command": per_command,
        "goal_rest": GOAL_REST_SECONDS,
        "goal_met": statistics.median(rest) < GOAL_REST_SECONDS,
    }


def show(report: dict[str, Any]) -> None:
    from unlock import ms

    print(f"TPM: {report['tcti']} (one activation: {ms(report['activation_seconds'])} ms)")
    for label, key in (
        ("PIN to passcode (full unlock)", "unlock"),
        ("  of which TPM commands", "tpm_work_per_unlock"),
        ("  everything else", "rest_of_unlock"),
    ):
        r = report[key]
        print(f"{label:<32} median {ms(r['median']):>8} ms  (min {ms(r['min'])}, max {ms(r['max'])})")
    print("Per ESAPI call (median ms, calls per unlock):")
    for name, r in report["per_command"].items():
        calls = report["commands_per_unlock"][name]
        print(f"  {name:<20} {ms(r['median']):>8} ms  x{calls:g}")
    verdict = "met" if report["goal_met"] else "NOT met"
    print(f"Goal: everything but the TPM's work under {ms(report['goal_rest'])} ms -> {verdict}")
