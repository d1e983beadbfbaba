"""A private desktop a screen reader would see: Xvfb, openbox, a D-Bus session, the AT-SPI bus.

Everything runs under a throw-away HOME and XDG_RUNTIME_DIR, inside one
``dbus-run-session``; every process started here carries a tag in its
environment (so do the buses' children, which inherit it), and all of them
are stopped by their own PID at the end. Nothing waits a fixed time: each
step waits for its condition (a display number on a pipe, openbox's startup
command, the recorder's "ready" line, an event) with a timeout.

The events come from ``recorder.py``, run with the system Python (pyatspi is
a Debian package, python3-pyatspi: a venv cannot import it).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
RECORDER = Path(__file__).with_name("recorder.py")
TAG = "SOFTTOKEN_ATSPI_TAG"
WAIT = 90.0  # seconds for any one condition: generous, the CI machine may be busy
POLL = 0.05

Event = dict[str, Any]
# A focus event's "window" (recorder.py: the top-level window's role and name) starts so:
WIZARD_WINDOW = "dialog | Activate your soft token"  # the activation wizard
TOKEN_WINDOW = "frame | softtoken"  # the token window


class DesktopError(RuntimeError):
    """A step of the desktop did not happen in time (what was waited for is in the message)."""


def wait_until(condition: Callable[[], Any], what: str, timeout: float = WAIT) -> Any:
    """``condition()``'s first true value, polled until ``timeout``; DesktopError saying ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise DesktopError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(POLL)


def time_left_in_step(period: int = 30, margin: float = 8.0) -> None:
    """Wait (at most ``margin`` seconds) until the TOTP step has more than ``margin`` seconds left.

    An unlock that runs across the end of a step (Argon2, then the writes of the
    vault, the keystore and the audit log) shows the next step's passcode first,
    and then no rollover comes before the window locks. A test that waits for a
    rollover presses Return after this: ``margin`` is more than an unlock takes
    on a busy CI machine. ``period`` is the activation link's (tests/vaults.py
    ``link()`` gives none, so 30).
    """
    wait_until(lambda: period - time.time() % period > margin, "time left in the step", margin + 1)


def tagged(tag: str) -> list[int]:
    """The processes whose environment carries ``tag``: this desktop's, and what they started."""
    found = []
    needle = f"{TAG}={tag}".encode()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if needle in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:
                continue  # gone already, or not ours to read
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@dataclass
class Desktop:
    """The running desktop: its environment, its event log, and keys typed into it."""

    root: Path
    env: dict[str, str]
    events_path: Path
    tag: str
    _read: int = 0
    _events: list[Event] = field(default_factory=list)

    def events(self) -> list[Event]:
        """Every event recorded so far (the file is appended to as they come)."""
        with self.events_path.open(encoding="utf-8") as log:
            log.seek(self._read)
            while True:
                line = log.readline()
                if not line.endswith("\n"):  # a line being written: read it next time
                    break
                self._read = log.tell()
                self._events.append(json.loads(line))
        return self._events

    def wait_for(
        self, what: str, match: Callable[[Event], bool], since: int = 0, timeout: float = WAIT
    ) -> Event:
        """The first event at index ``since`` or later that ``match``es."""

        def found() -> Event | None:
            return next((e for e in self.events()[since:] if match(e)), None)

        event: Event = wait_until(found, what, timeout)
        return event

    def mark(self) -> int:
        """Where the log is now: pass it as ``since`` to wait for what comes after."""
        return len(self.events())

    def focused(self, name: str, since: int = 0, timeout: float = WAIT) -> Event:
        """Wait until the object named ``name`` gets the focus."""
        return self.wait_for(
            f"the focus on {name!r}",
            lambda e: e["type"] == "object:state-changed:focused" and e["detail1"] == 1 and e["name"] == name,
            since,
            timeout,
        )

    def focused_in(self, window: str, name: str, since: int = 0, timeout: float = WAIT) -> Event:
        """Wait until ``name`` gets the focus; AssertionError if that object is not in ``window``.

        ``window`` is the start of a focus event's ``window`` (recorder.py), such as
        :data:`TOKEN_WINDOW`: the wizard's Done page and the token window both have a
        "Token PIN" field, and only their windows tell them apart.
        """
        event = self.focused(name, since, timeout)
        where = event.get("window", "")
        assert where.startswith(window), (
            f"{name!r} got the focus in {where!r}, not in {window!r}:\n"
            + "\n".join(json.dumps(e, ensure_ascii=False) for e in self.events()[since:][-40:])
        )
        return event

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True, timeout=60, capture_output=True)

    def key(self, *keys: str) -> None:
        self.xdotool("key", *keys)

    def type(self, text: str) -> None:
        """Typed as a person would, a key at a time (what Orca echoes character by character)."""
        self.xdotool("type", "--delay", "120", text)


def _xvfb(env: dict[str, str], log: TextIO) -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "1024x768x24"],
        pass_fds=(write,),
        env=env,
        stdout=log,
        stderr=log,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number.isdigit():
        server.kill()
        raise DesktopError("Xvfb did not say its display number")
    return server, f":{number}"


def _accepts_clients(env: dict[str, str], server: subprocess.Popen[bytes]) -> bool:
    if server.poll() is not None:
        raise DesktopError(f"Xvfb ended at start (exit {server.returncode})")
    probe = subprocess.run(["xdotool", "getdisplaygeometry"], env=env, capture_output=True, check=False)
    return probe.returncode == 0


def _openbox(root: Path, env: dict[str, str], log: TextIO, tries: int = 3) -> subprocess.Popen[bytes]:
    """openbox, up once its ``--startup`` command ran; started again if it gave up at once.

    On this busy machine openbox now and then failed to open a display that had
    just answered a client: a second start has always worked.
    """
    up = root / "openbox-up"
    for _ in range(tries):
        openbox = subprocess.Popen(["openbox", "--startup", f"touch {up}"], env=env, stdout=log, stderr=log)
        wait_until(lambda started=openbox: up.exists() or started.poll() is not None, "openbox to start")
        if up.exists():
            return openbox
        openbox.wait()
    raise DesktopError(f"openbox ended at start {tries} times (exit {openbox.returncode}): see {log.name}")


def _session_bus(env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    """``dbus-run-session`` around a process that holds the session until its stdin closes."""
    session = subprocess.Popen(
        ["dbus-run-session", "--", "sh", "-c", 'echo "$DBUS_SESSION_BUS_ADDRESS"; exec cat >/dev/null'],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert session.stdout is not None
    address = session.stdout.readline().strip()
    if not address.startswith(("unix:", "tcp:")):
        session.kill()
        raise DesktopError(f"dbus-run-session gave no bus address ({address!r})")
    return session, address


def _stop(processes: list[subprocess.Popen[Any]], tag: str) -> None:
    """Each process by its PID (newest first), then whatever else carries the tag, then wait."""
    for process in reversed(processes):
        if process.stdin is not None:  # the session's holder: its end of the pipe ends the session
            with contextlib.suppress(OSError):
                process.stdin.close()
        elif process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.terminate()
    for process in reversed(processes):
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
        if process.poll() is None:
            process.kill()
            process.wait(timeout=15)
    left = tagged(tag)
    for pid in left:  # the buses' children (the AT-SPI bus daemon, the registry): ours by the tag
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    try:
        wait_until(lambda: not any(_alive(pid) for pid in left), "the desktop's processes to end", 15)
    except DesktopError:
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def desktop(root: Path) -> Iterator[Desktop]:
    """Start the desktop under ``root`` (a fresh directory); stop all of it afterwards."""
    tag = uuid.uuid4().hex
    home, runtime = root / "home", root / "runtime"
    root.mkdir(parents=True, exist_ok=True)
    home.mkdir(mode=0o700)
    runtime.mkdir(mode=0o700)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            (
                "DISPLAY",
                "WAYLAND",
                "DBUS_",
                "QT_",
                "XDG_",
                "AT_SPI",
                "NO_AT_BRIDGE",
                "SOFTTOKEN",
                "TPM2",
                "TSS2",
            )
        )
    }
    env.update({TAG: tag, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime), "LANG": "C.UTF-8"})
    processes: list[subprocess.Popen[Any]] = []
    log: TextIO | None = None
    try:
        log = (root / "desktop.log").open("w")
        server, display = _xvfb(env, log)
        processes.append(server)
        env["DISPLAY"] = display
        session, address = _session_bus(env)
        processes.append(session)
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        processes.append(
            subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"], env=env, stdout=log, stderr=log)
        )
        wait_until(lambda: _accepts_clients(env, server), f"Xvfb {display} to accept clients")
        processes.append(_openbox(root, env, log))
        events_path = root / "events.jsonl"
        events_path.touch()
        processes.append(
            subprocess.Popen(
                [SYSTEM_PYTHON, str(RECORDER), str(events_path)], env=env, stdout=log, stderr=log
            )
        )
        board = Desktop(root, env, events_path, tag)
        board.wait_for("the event recorder to listen", lambda e: e["type"] == "ready")
        yield board
    finally:
        _stop(processes, tag)
        if log is not None:
            log.close()


POLICY = 'device_key_store = "file"\nprotection = "software"\n'  # no keystore or TPM on the test desktop
REPO = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def running_app(board: Desktop, link_text: str) -> Iterator[Desktop]:
    """The real softtoken on ``board``, accessibility on, an activation link on its stdin (as handed over)."""
    import sys

    policy = board.root / "policy.toml"
    policy.write_text(POLICY)
    env = dict(board.env, QT_QPA_PLATFORM="xcb", QT_ACCESSIBILITY="1", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
    command = [sys.executable, "-m", "softtoken.gui", "--home", str(board.root / "vault")]
    with (board.root / "app.log").open("w") as log:
        process = subprocess.Popen(
            [*command, "--policy", str(policy), "--link-stdin"],
            env=env,
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=log,
        )
        assert process.stdin is not None
        process.stdin.write(link_text.encode())
        process.stdin.close()
        try:
            yield board
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)
