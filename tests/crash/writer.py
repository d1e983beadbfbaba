"""The child side of the crash tests: a process that writes the vault until it is killed.

The parent (``test_crash.py``) starts these functions in a fresh process and
kills it with SIGKILL; nothing here cleans up, on purpose. Both sides open the
vault the same way (:func:`open_vault`): the file keystore, so the device keys
live in ``home/keystore.json`` and are shared between processes, a pinned
clock and a cheap KDF.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import signal
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from softtoken.core import errors
from softtoken.core.activation.sources import tokens_from_text
from softtoken.core.clock import FixedClock
from softtoken.core.policy import Policy
from softtoken.core.token import TokenDescription
from softtoken.core.vault.crypto import KdfParams
from softtoken.core.vault.vault import Vault

PIN = "8642"
WRONG_PIN = "1357"
BASE = "base"  # made by the parent; must survive every kill
VICTIM = "victim"  # takes the wrong PINs
KDF = KdfParams(memory_kib=8, iterations=1, parallelism=1)
NOW = 1_800_000_000.0
POLICY = Policy(device_key_store="file")

# An operation is (kind, token name): ("activate", "t7"), ("unlock", "base"), ("wrong", "victim").
Op = tuple[str, str]


def open_vault(home: Path, at: float = NOW) -> Vault:
    return Vault(home, policy=POLICY, clock=FixedClock(at), kdf=KDF)


def new_description() -> TokenDescription:
    """A TOTP token with a fresh random seed (the vault refuses a seed it has seen)."""
    secret = base64.b32encode(os.urandom(20)).decode()
    (token,) = tokens_from_text(f"otpauth://totp/ACME:n?secret={secret}&issuer=ACME")
    return token


def perform(vault: Vault, op: Op) -> None:
    kind, name = op
    if kind == "activate":
        vault.activate(new_description(), name, PIN, PIN)
    elif kind == "unlock":
        vault.unlock(name, PIN)
    elif kind == "replace":  # a new seed for the same name; the old PIN is not needed
        vault.replace(name, new_description(), name, PIN, PIN, reason="new-token")
    elif kind == "wrong":
        with contextlib.suppress(errors.WrongPin):
            vault.unlock(name, WRONG_PIN)
            raise AssertionError(f"wrong PIN accepted for {name}")
    else:
        raise AssertionError(f"unknown operation {op}")


def operation(seq: int) -> Op:
    """The ``seq``-th operation of the endless schedule the random-kill children follow."""
    return [("activate", f"t{seq}"), ("unlock", BASE), ("wrong", VICTIM), ("unlock", VICTIM)][seq % 4]


def replace_until_killed(home: str, first: int, conn: Connection) -> None:
    """Replace the base token again and again until killed, reporting each start and end."""
    try:
        vault = open_vault(Path(home))
        seq = first
        while True:
            conn.send(("start", seq, ("replace", BASE)))
            perform(vault, ("replace", BASE))
            conn.send(("done", seq, ("replace", BASE)))
            seq += 1
    except BaseException:
        conn.send(("error", first, traceback.format_exc()))
        raise


def write_until_killed(home: str, first: int, conn: Connection) -> None:
    """Do operations ``first``, ``first + 1``, … until killed, reporting each start and end."""
    try:
        vault = open_vault(Path(home))
        seq = first
        while True:
            op = operation(seq)
            conn.send(("start", seq, op))
            perform(vault, op)
            conn.send(("done", seq, op))
            seq += 1
    except BaseException:
        conn.send(("error", first, traceback.format_exc()))
        raise


# ---------------------------------------------------------------------- deterministic kills

STEPS = ("open", "write", "fsync", "close", "replace", "unlink")


class Tripwire:
    """Counts the file-system calls a write makes and SIGKILLs the process at call ``kill_at``.

    ``os.open``, ``os.write``, ``os.fsync``, ``os.close``, ``os.replace`` and
    ``os.unlink`` are every step of ``storage.atomic_write``, the file
    keystore and the audit append. The kill comes *before* call ``kill_at``
    runs, so ``kill_at = k`` leaves the files as they are after ``k - 1``
    steps. With ``tear``, a ``write`` call that is hit writes half its bytes
    first (what the kernel may do when SIGKILL lands inside a write that
    spans pages). ``kill_at = 0`` never kills: the dry run that lists the steps.
    """

    def __init__(self, home: Path, kill_at: int, tear: bool = False) -> None:
        self.home = home
        self.kill_at = kill_at
        self.tear = tear
        self.steps: list[str] = []
        self._paths: dict[int, str] = {}

    def _wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            self.steps.append(f"{name} {self._describe(name, args)}")
            if len(self.steps) == self.kill_at:
                if name == "write" and self.tear:
                    data = bytes(args[1])
                    real(args[0], data[: max(len(data) // 2, 1)])
                os.kill(os.getpid(), signal.SIGKILL)
            result = real(*args, **kwargs)
            if name == "open":
                self._paths[result] = self._name(args[0])
            return result

        return step

    def _name(self, path: Any) -> str:
        """A file's name, with the random part of temp names cut: steps compare between runs."""
        if Path(path) == self.home:
            return "the directory"
        return re.sub(r"\.tmp-[0-9a-f]+$", ".tmp-*", os.path.basename(os.fspath(path)))

    def _describe(self, name: str, args: tuple[Any, ...]) -> str:
        if name in ("open", "unlink"):
            return self._name(args[0])
        if name == "replace":
            return f"{self._name(args[0])} -> {self._name(args[1])}"
        return self._paths.get(args[0], f"fd {args[0]}")

    @contextlib.contextmanager
    def armed(self) -> Iterator[None]:
        saved = {name: getattr(os, name) for name in STEPS}
        for name, real in saved.items():
            setattr(os, name, self._wrap(name, real))
        try:
            yield
        finally:
            for name, real in saved.items():
                setattr(os, name, real)


def write_once(home: str, op: Op, at: float, kill_at: int, tear: bool, conn: Connection) -> None:
    """Do ``op`` once with a tripwire at step ``kill_at``; report the steps if it survives."""
    try:
        vault = open_vault(Path(home), at)
        tripwire = Tripwire(Path(home), kill_at, tear)
        with tripwire.armed():
            perform(vault, op)
        conn.send(("done", tripwire.steps))
    except BaseException:
        conn.send(("error", traceback.format_exc()))
        raise


def apply_sync_once(home: str, container: str, link: str, kill_at: int, conn: Connection) -> None:
    """Apply one decrypted sync reply (``link`` delivered, every other token dropped) under a tripwire."""
    from softtoken.core.containers.protocol import link_serial
    from softtoken.core.vault import container_sync

    try:
        vault = open_vault(Path(home))
        tripwire = Tripwire(Path(home), kill_at)
        serial = link_serial(link)
        with tripwire.armed(), vault.container_session() as session:
            container_sync.apply_sync(
                session, container, [(serial, link)], frozenset({serial}), frozenset(), None
            )
        conn.send(("done", tripwire.steps))
    except BaseException:
        conn.send(("error", traceback.format_exc()))
        raise
