"""The child side of the concurrency test: threads of one process sharing one Vault.

Each child opens the vault once (as the GUI does) and lets ``threads``
threads call it at random for ``seconds``: right and wrong PINs, HOTP
codes, statuses and support exports. It reports what it did and any error
that is not an answer a prescriber would get (a wrong PIN, a lockout wait).
"""

from __future__ import annotations

import random
import threading
import time
import traceback
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path

from softtoken.core import errors
from softtoken.core.policy import Policy
from softtoken.core.vault.crypto import KdfParams
from softtoken.core.vault.vault import Vault

PIN = "8642"
WRONG = "1357"
KDF = KdfParams(memory_kib=8, iterations=1, parallelism=1)
POLICY = Policy(device_key_store="file")  # keystore.json: shared by every process, like the OS keystore
START = 1_800_000_000.0
SPEED = 1000.0  # a second of the test is 1,000 s for the vault: lockout waits pass quickly
# (operation, weight): right PINs outnumber wrong ones, so the victim is never disabled
OPERATIONS = [("right", 4), ("wrong", 1), ("hotp", 2), ("status", 2), ("export", 1)]


class FastClock:
    """Real time, sped up, on both clocks alike (so waits are waits, only shorter)."""

    def __init__(self, t0: float) -> None:
        self.t0 = t0

    def _elapsed(self) -> float:
        return (time.time() - self.t0) * SPEED

    def now(self) -> float:
        return START + self._elapsed()

    def since_boot(self) -> float:
        return 10_000.0 + self._elapsed()

    def boot_id(self) -> str:
        return "test-boot"


def open_vault(home: Path, t0: float) -> Vault:
    return Vault(home, policy=POLICY, clock=FastClock(t0), kdf=KDF)


def hammer(home: str, t0: float, seconds: float, threads: int, seed: int, conn: Connection) -> None:
    vault = open_vault(Path(home), t0)
    counts: Counter[str] = Counter()
    problems: list[str] = []
    guard = threading.Lock()
    names = [op for op, _ in OPERATIONS]
    weights = [w for _, w in OPERATIONS]

    def work(number: int) -> None:
        rng = random.Random(seed * 100 + number)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            op = rng.choices(names, weights)[0]
            outcome = op
            try:
                if op == "right":
                    vault.unlock("victim", PIN)
                elif op == "wrong":
                    vault.unlock("victim", WRONG)
                    outcome = "wrong accepted"
                elif op == "hotp":
                    vault.unlock("counter", PIN)
                elif op == "status":
                    vault.status()
                else:
                    vault.record_support_export("support-bundle.zip")
            except errors.WrongPin:
                outcome = "wrong" if op == "wrong" else "right refused"
            except errors.TokenLockedOut:
                outcome = f"{op} waited"
            except Exception:  # noqa: BLE001 - reported to the parent, which fails the test
                with guard:
                    problems.append(traceback.format_exc())
                continue
            with guard:
                counts[outcome] += 1

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    conn.send((dict(counts), problems))
    conn.close()
