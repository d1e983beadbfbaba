"""One vault, many threads and processes (issue 11, part 4).

8 threads in each of 4 processes share each process's one ``Vault`` (as the
GUI's windows and dialogs once did) and the one data folder. Afterwards the
audit log verifies, no call failed but with a prescriber's answer, and every
counter is exact: the HOTP counter, the wrong-PIN count replayed from the
log, and one audit record per operation.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from softtoken.core.activation.sources import tokens_from_text
from softtoken.core.storage import FileLock
from tests.concurrency import worker
from tests.vaults import link

PROCESSES = 4
THREADS = 8
SECONDS = 3.0


def test_the_lock_keeps_threads_apart(tmp_path: Path) -> None:
    """Re-entry is counted per thread: two threads are never inside at once."""
    lock = FileLock(tmp_path / "lock")
    inside = []
    overlaps = []

    def enter() -> None:
        for _ in range(200):
            with lock.held(), lock.held():  # re-entrant in one thread
                inside.append(1)
                if len(inside) > 1:
                    overlaps.append(1)
                time.sleep(0)  # let the other thread try to get in
                inside.pop()

    threads = [threading.Thread(target=enter) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not overlaps


@pytest.fixture(scope="module")
def mp() -> Any:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["softtoken.core.vault.vault", "argon2", "tests.concurrency.worker"])
    return context


def test_threads_and_processes_share_one_vault(mp: Any, tmp_path: Path) -> None:
    home = tmp_path / "home"
    t0 = time.time()
    vault = worker.open_vault(home, t0)
    (victim,) = tokens_from_text(link())
    (counter,) = tokens_from_text(link(seed=b"abcdefghijklmnopqrst", kind="hotp"))
    vault.activate(victim, "victim", worker.PIN, worker.PIN)
    vault.activate(counter, "counter", worker.PIN, worker.PIN)

    pipes, children = [], []
    for number in range(PROCESSES):
        reader, sender = mp.Pipe(duplex=False)
        child = mp.Process(
            target=worker.hammer, args=(str(home), t0, SECONDS, THREADS, number, sender), daemon=True
        )
        child.start()
        sender.close()
        pipes.append(reader)
        children.append(child)
    done: Counter[str] = Counter()
    problems: list[str] = []
    for reader, child in zip(pipes, children, strict=True):
        assert reader.poll(120), "a child did not finish"
        counts, found = reader.recv()
        done.update(counts)
        problems += found
        child.join(30)
    assert not problems, problems[0]
    assert not {"wrong accepted", "right refused"} & set(done), done
    assert done["right"] and done["wrong"] and done["hotp"] and done["export"], done

    verification = vault.audit_verify()
    assert verification.ok, verification.problem
    records = vault.audit.records()
    assert [r["seq"] for r in records] == list(range(1, len(records) + 1))
    events = Counter((r["event"], r.get("token")) for r in records)
    assert events[("unlocked", "victim")] == done["right"]
    assert events[("unlocked", "counter")] == done["hotp"]
    assert events[("unlock_failed", "victim")] == done["wrong"]
    assert events[("support_export", None)] == done["export"]

    failures = 0  # the victim's wrong-PIN count, replayed in the log's order
    for record in records:
        if record.get("token") != "victim":
            continue
        if record["event"] == "unlocked":
            failures = 0
        elif record["event"] == "unlock_failed":
            failures += 1
            assert record["details"]["failures"] == failures
    status = {s.name: s for s in vault.status()}
    assert status["victim"].failures == failures and status["victim"].status == "active"
    assert vault.unlock("counter", worker.PIN).codes[0].counter == done["hotp"]
