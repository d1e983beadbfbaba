"""Orca speaking into a file: speech-dispatcher with a "generic" output module, and Orca itself.

speech-dispatcher runs in the foreground (``--run-single``) with a private
configuration directory: its only output module is ``sd_generic`` whose
command appends each utterance, one line each, to ``spoken.txt``. No sound
device is needed (libao's null driver, in the private HOME's ``~/.libao``).
Orca runs with a private preferences directory (``-u``) and its debug log in
the test's directory. Both carry the desktop's tag in their environment
(tests/atspi/desktop.py stops whatever is left) but are stopped here by their
own PID first.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.atspi.desktop import Desktop, DesktopError, wait_until

SPEECHD = "/usr/bin/speech-dispatcher"
ORCA = "/usr/bin/orca"
GENERIC_MODULE = "/usr/lib/speech-dispatcher-modules/sd_generic"

SPEECHD_CONF = """\
LogLevel 3
LogDir "{log_dir}"
Timeout 0
AudioOutputMethod "libao"
DefaultLanguage "en"
DefaultModule file
AddModule "file" "sd_generic" "file.conf"
"""
# $DATA is the utterance, quoted by sd_generic for a single-quoted shell word.
FILE_MODULE_CONF = """\
GenericExecuteSynth "printf '%s\\\\n' \\'$DATA\\' >> {spoken}"
GenericLanguage "en" "en" "utf-8"
AddVoice "en" "MALE1" "file"
DefaultVoice "file"
"""


@dataclass
class Speech:
    """What Orca said so far: ``spoken.txt``, a line an utterance."""

    path: Path
    debug_log: Path

    def lines(self) -> list[str]:
        if not self.path.exists():
            return []
        text = self.path.read_text(encoding="utf-8", errors="replace")
        return text.splitlines()[: text.count("\n")]  # complete lines only

    def mark(self) -> int:
        """Where the speech is now: pass it as ``since`` to look at what comes after."""
        return len(self.lines())

    def since(self, since: int) -> list[str]:
        return self.lines()[since:]

    def wait_for(self, what: str, match: Callable[[str], bool], since: int = 0, timeout: float = 90.0) -> str:
        """The first utterance at index ``since`` or later that ``match``es."""

        def found() -> str | None:
            return next((line for line in self.since(since) if match(line)), None)

        said: str = wait_until(found, f"Orca to say {what}", timeout)
        return said

    def said(self, text: str, since: int = 0, timeout: float = 90.0) -> str:
        return self.wait_for(repr(text), lambda line: text in line, since, timeout)

    def log_mark(self) -> int:
        """Where Orca's debug log is now (a byte offset), for ``caught_up``."""
        return self.debug_log.stat().st_size if self.debug_log.exists() else 0

    def caught_up(self, role: str, name: str, since: int, timeout: float = 90.0) -> None:
        """Wait until Orca handled a focus event of ``[role | name]`` after ``since`` and follows it.

        Orca's debug log says both: it dequeued the focus event, and its locus
        of focus (the last "Changing locusOfFocus") is that object. Orca may
        move its focus without a word (``Notify: False``), or stay on it.
        """
        target = f"[{role} | {name}]".encode()

        def followed() -> bool:
            text = self.debug_log.read_bytes()
            handled = b"Dequeued object:state-changed:focused " + target in text[since:]
            changes = [line for line in text.splitlines() if b"Changing locusOfFocus" in line]
            return handled and bool(changes) and b"to " + target in changes[-1]

        wait_until(followed, f"Orca's focus on [{role} | {name}]", timeout)


def _configure(board: Desktop) -> Path:
    """speech-dispatcher's private configuration; the file the speech goes to."""
    spoken = board.root / "spoken.txt"
    spoken.touch()
    conf = board.root / "speechd"
    (conf / "modules").mkdir(parents=True)
    (board.root / "speechd-log").mkdir()
    (conf / "speechd.conf").write_text(SPEECHD_CONF.format(log_dir=board.root / "speechd-log"))
    (conf / "modules" / "file.conf").write_text(FILE_MODULE_CONF.format(spoken=spoken))
    (Path(board.env["HOME"]) / ".libao").write_text("default_driver=null\n")
    return spoken


def _stop(process: subprocess.Popen[Any]) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


@contextlib.contextmanager
def orca(board: Desktop) -> Iterator[Speech]:
    """speech-dispatcher into a file, then Orca, on ``board``; both stopped (by PID) afterwards."""
    spoken = _configure(board)
    # A unix socket's path is at most 107 bytes: pytest's tmp_path can be longer.
    short = tempfile.TemporaryDirectory(prefix="softtoken-speechd-")
    socket = Path(short.name) / "speechd.sock"
    env = dict(board.env, SPEECHD_ADDRESS=f"unix_socket:{socket}")
    started: list[subprocess.Popen[Any]] = []
    with (
        short,
        (board.root / "speechd.out").open("w") as speechd_log,
        (board.root / "orca.out").open("w") as log,
    ):
        try:
            speechd = subprocess.Popen(
                [
                    SPEECHD,
                    "--run-single",
                    "--timeout",
                    "0",
                    "--config-dir",
                    str(board.root / "speechd"),
                    "--communication-method",
                    "unix_socket",
                    "--socket-path",
                    str(socket),
                ],
                env=env,
                stdout=speechd_log,
                stderr=speechd_log,
            )
            started.append(speechd)

            def listening() -> bool:
                if speechd.poll() is not None:
                    raise DesktopError(f"speech-dispatcher ended at start (exit {speechd.returncode})")
                return socket.exists()

            wait_until(listening, "speech-dispatcher's socket")
            prefs = board.root / "orca-prefs"
            prefs.mkdir()
            started.append(
                subprocess.Popen(
                    [ORCA, "--replace", "-u", str(prefs), "--debug-file", str(board.root / "orca.log")],
                    env=env,
                    stdout=log,
                    stderr=log,
                )
            )
            speech = Speech(spoken, board.root / "orca.log")
            speech.said("Screen reader on")
            yield speech
        finally:
            for process in reversed(started):
                _stop(process)
