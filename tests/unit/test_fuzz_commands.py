"""Every command of softtoken-cli and softtoken-helpdesk with odd stdin and odd paths: never a bug.

The commands and their options are read from the real argparse trees, so a
new command is fuzzed without touching this file. Each example runs through
the real in-process runner (a strict UTF-8 text layer over the stdin bytes,
as a real process has under en_US.UTF-8) and must end with a documented exit
code: never 70 (a bug), never a traceback. The help desk's commands talk to a
127.0.0.1 port that refuses connections, or to a fake issuer that answers
nonsense. A few cases run real processes for stdin bytes and closed pipes.

Deterministic (``derandomize``) and bounded: well under a minute. The
devices are reached through symlinks in the test's folder: an earlier run as
root let ``--session /dev/null login`` rename a file over the real device.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import faulthandler
import io
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from softtoken.cli.__main__ import build_parser as cli_parser
from softtoken.cli.__main__ import run as cli_run
from softtoken.cli.context import CliContext
from softtoken.core.clock import FixedClock
from softtoken.core.textinput import MAX_STDIN
from softtoken.helpdesk.__main__ import build_parser as helpdesk_parser
from softtoken.helpdesk.__main__ import run as helpdesk_run
from softtoken.helpdesk.context import HelpdeskContext
from tests.cli_runner import stdin_stream
from tests.pskc_files import write_pskc
from tests.qr_images import qr_bytes
from tests.vaults import CHEAP, PIN, link

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="FIFOs, /dev/zero, symlink loops")

CLI_CODES = {0, 1, 2, 65, 66, 69, 73, 74, 75, 77, 78}  # softtoken/cli/errors.py, README
HELPDESK_CODES = {0, 1, 2, 65, 66, 69, 73, 76, 77, 78}  # softtoken/helpdesk/errors.py, docs
EXAMPLES = 300  # per front end
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
TWO_STEP = link(bytes(range(60, 80)), "hotp", "&2step_salt=8&2step_output=20&2step_difficulty=1000")

ODD_STDIN = st.one_of(
    st.sampled_from(
        [
            b"",
            b"\x00" * 4096,
            f"{PIN}\x00\n".encode(),
            b"\xff\xfe\xfd",
            b"86\xc342\n",
            link().encode() + b"\x80",
            b"1" * 1_000_000,  # one very long line
            b"8642\n" + b"x" * (2 * 1024 * 1024),  # large, under the limit
            b"A" * (MAX_STDIN + 1),  # over the limit
            "\ufeff8642\n".encode(),
        ]
    ),
    st.binary(max_size=300),
)
USUAL_STDIN = st.sampled_from(
    [
        f"{PIN}\n{PIN}\n".encode(),
        f"{PIN}\n".encode(),
        b"pw\n",
        link().encode() + b"\n",
        TWO_STEP.encode() + b"\n",
        b"ES3B CTCU GH4P 4RQV XUMA\n",
        b"123456\n",
    ]
)
STDIN = st.one_of(ODD_STDIN, USUAL_STDIN)
NAMES = st.sampled_from(["EPCS", "epcs", "", " ", "x" * 300, "a\nb", "-", "ÿ", "{n}", "{0}", "%s", "alice"])
NUMBERS = st.sampled_from(["1", "1", "1", "2", "0", "-1", "99999999999999999999", "x"])


@dataclass
class World:
    """Files and folders the fuzzer points at; the vault home has a token in it."""

    home: Path
    good: list[Path]
    odd: list[Path]
    session: Path
    server: str


def _unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fake_jwt() -> str:
    def part(body: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(body).encode()).decode().rstrip("=")

    return f"{part({'alg': 'HS256'})}.{part({'exp': 4_000_000_000, 'username': 'admin'})}.c2ln"


@pytest.fixture
def world(tmp_path: Path) -> World:
    from softtoken.helpdesk.session import Session, save_session

    files = tmp_path / "files"
    files.mkdir()
    link_file = files / "link.txt"
    link_file.write_text(link(extra="&serial=TOTP0001"))
    two_step = files / "two-step.txt"
    two_step.write_text(TWO_STEP)
    png = files / "code.png"
    png.write_bytes(qr_bytes(link(bytes(range(30, 50)))))
    keys = [
        dict(
            serial="HW-77",
            id="HW-77",
            secret=bytes(range(20)),
            algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp",
        )
    ]
    psk = bytes.fromhex("00112233445566778899aabbccddeeff")
    by_psk = write_pskc(files / "psk.pskc", keys, psk=psk)
    by_password = write_pskc(files / "pw.pskc", keys, password="s3cret")
    psk_file = files / "psk.hex"
    psk_file.write_text(psk.hex() + "\n")
    password_file = files / "pw.txt"
    password_file.write_text("s3cret\n")
    junk = files / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 8)
    empty = files / "empty"
    empty.write_bytes(b"")
    with_newline = files / "new\nline.txt"
    with_newline.write_text(link(bytes(range(90, 110))))

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    loop_a, loop_b = tmp_path / "loop-a", tmp_path / "loop-b"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    folder = tmp_path / "folder"
    folder.mkdir()
    missing = tmp_path / "missing" / "file"
    missing_newline = tmp_path / "missing\nfile"
    # The devices through symlinks: every reader sees /dev/null and /dev/zero, but a command
    # that replaces or deletes the path it is given (as root, in CI) can only hit the link.
    devnull, devzero = tmp_path / "dev-null", tmp_path / "dev-zero"
    devnull.symlink_to("/dev/null")
    devzero.symlink_to("/dev/zero")

    home = tmp_path / "h"
    out = io.StringIO()
    ctx = CliContext(stdin=io.StringIO(f"{PIN}\n{PIN}\n"), stdout=out, stderr=out, environ={}, kdf=CHEAP)
    assert (
        cli_run(["--home", str(home), "activate", str(link_file), "--name", "EPCS", "--pin-stdin"], ctx) == 0
    )

    server = f"http://127.0.0.1:{_unused_port()}"
    session = tmp_path / "session" / "session.json"
    save_session(session, Session(server, "admin", None, _fake_jwt(), 1_750_000_000.0, 4_000_000_000.0))
    return World(
        home=home,
        good=[
            link_file,
            two_step,
            png,
            by_psk,
            by_password,
            psk_file,
            password_file,
            junk,
            empty,
            with_newline,
        ],
        odd=[fifo, loop_a, folder, missing, missing_newline, devnull, devzero, with_newline],
        session=session,
        server=server,
    )


def _commands(parser: argparse.ArgumentParser) -> Iterator[tuple[tuple[str, ...], list[argparse.Action]]]:
    """(the words of each command, its options), read from the real parser tree."""

    def walk(
        node: argparse.ArgumentParser, words: tuple[str, ...]
    ) -> Iterator[tuple[tuple[str, ...], list[argparse.Action]]]:
        for action in node._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    yield from walk(child, (*words, name))
                return
        yield words, [a for a in node._actions if not isinstance(a, argparse._HelpAction)]

    for words, actions in walk(parser, ()):
        if words:
            yield words, actions


def _value(data: st.DataObject, action: argparse.Action, world: World) -> str:
    if action.choices:
        choices = [str(c) for c in action.choices]
        return data.draw(st.sampled_from([*choices, *choices, *choices, "bogus"]))
    if action.type is int:
        return data.draw(NUMBERS)
    if action.type is Path or action.metavar in ("FILE", "SOURCE", "F", "PEM"):
        paths = [*world.good, *world.odd]
        if action.dest == "source":
            return data.draw(st.sampled_from(["-", link(), *map(str, paths)]))
        return str(data.draw(st.sampled_from(paths)))
    return data.draw(NAMES)


def _argv(
    data: st.DataObject, words: tuple[str, ...], actions: list[argparse.Action], world: World
) -> list[str]:
    argv = list(words)
    for action in actions:
        if isinstance(action, argparse._StoreTrueAction):
            if data.draw(st.integers(0, 2)) == 0:
                argv.append(action.option_strings[0])
        elif not action.option_strings:  # a positional: given, now and then left out
            if data.draw(st.integers(0, 19)):
                argv.append(_value(data, action, world))
        elif (action.required and data.draw(st.integers(0, 19))) or data.draw(st.integers(0, 2)) == 0:
            argv += [action.option_strings[0], _value(data, action, world)]
    return argv


def _check(code: int, err: str, codes: set[int], prefix: str, argv: list[str]) -> None:
    assert code != 70, (argv, err)
    assert code in codes, (argv, code, err)
    assert "Traceback" not in err and "\n  File " not in err, (argv, err)
    if code not in (0, 2):
        assert err.endswith("\n") and err.splitlines()[-1].startswith(prefix), (argv, err)


@contextlib.contextmanager
def _hang_guard() -> Iterator[None]:
    """A reader that blocks (a FIFO, a device) fails the run loudly instead of stalling CI."""
    faulthandler.dump_traceback_later(240, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


CLI_COMMANDS = list(_commands(cli_parser(CliContext())))
HELPDESK_COMMANDS = list(_commands(helpdesk_parser(HelpdeskContext())))


def test_every_command_is_fuzzed() -> None:
    assert {" ".join(w) for w, _ in CLI_COMMANDS} >= {
        "inspect",
        "activate",
        "code",
        "list",
        "status",
        "replace",
        "retire",
        "audit verify",
        "audit export",
        "diagnostics",
    }
    assert len(HELPDESK_COMMANDS) >= 10


@FUZZ
@given(data=st.data())
def test_cli(world: World, data: st.DataObject) -> None:
    words, actions = data.draw(st.sampled_from(CLI_COMMANDS), label="command")
    home = data.draw(st.sampled_from([world.home] * 16 + [Path(""), *world.odd]), label="home")
    argv = ["--home", str(home) if home != Path("") else "", *_argv(data, words, actions, world)]
    if data.draw(st.integers(0, 9)) == 0:
        argv = ["--policy", str(data.draw(st.sampled_from(world.odd))), *argv]
    stdin = data.draw(STDIN, label="stdin")
    out, err = io.StringIO(), io.StringIO()
    ctx = CliContext(
        stdin=stdin_stream(stdin),
        stdout=out,
        stderr=err,
        clock=FixedClock(1_750_000_000.0),
        environ={},
        kdf=CHEAP,
    )
    with _hang_guard():
        code = cli_run(argv, ctx)
    _check(code, err.getvalue(), CLI_CODES, "softtoken-cli: ", argv)


class _NonsenseIssuer:
    """An issuer on 127.0.0.1 that answers every request with JSON that is not privacyIDEA's."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
                body = b'{"result": {"status": true, "value": {"token": "x"}}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_DELETE = do_POST

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def nonsense() -> Iterator[_NonsenseIssuer]:
    issuer = _NonsenseIssuer()
    try:
        yield issuer
    finally:
        issuer.close()


@FUZZ
@given(data=st.data())
def test_helpdesk(world: World, nonsense: _NonsenseIssuer, data: st.DataObject) -> None:
    words, actions = data.draw(st.sampled_from(HELPDESK_COMMANDS), label="command")
    server = data.draw(st.sampled_from([world.server, world.server, nonsense.url]), label="server")
    argv = ["--server", server, "--timeout", "5"]
    how = data.draw(
        st.sampled_from(["session", "session", "admin", "admin", "odd session", "none"]), label="login"
    )
    if how == "session":
        argv += ["--session", str(world.session)]
    elif how == "admin":
        argv += [
            "--admin",
            data.draw(st.sampled_from(["admin", "admin", "", "{n}", "a\nb"])),
            "--admin-password-stdin",
        ]
    elif how == "odd session":
        argv += ["--session", str(data.draw(st.sampled_from(world.odd)))]
    for flag in ("--issuer-key", "--ca-file"):
        if data.draw(st.integers(0, 5)) == 0:
            argv += [flag, str(data.draw(st.sampled_from([*world.odd, *world.good])))]
    argv += _argv(data, words, actions, world)
    stdin = data.draw(STDIN, label="stdin")
    out, err = io.StringIO(), io.StringIO()
    environ = {"SOFTTOKEN_HELPDESK_SESSION": str(world.session.parent / "default.json")}
    ctx = HelpdeskContext(stdin=stdin_stream(stdin), stdout=out, stderr=err, environ=environ)
    with _hang_guard():
        code = helpdesk_run(argv, ctx)
    _check(code, err.getvalue(), HELPDESK_CODES, "softtoken-helpdesk: ", argv)


# ------------------------------------------------------------------ real processes


def _process(
    module: str, argv: list[str], stdin: bytes, tmp_path: Path, closed_stdout: bool
) -> tuple[int, bytes]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8:strict",  # sys.stdin as under en_US.UTF-8
        "SOFTTOKEN_HELPDESK_SESSION": str(tmp_path / "none.json"),
    }
    read_end, write_end = os.pipe()
    if closed_stdout:
        os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", module, *argv],
            input=stdin,
            stdout=write_end if closed_stdout else subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
            timeout=60,
        )
    finally:
        os.close(write_end)
        if not closed_stdout:
            os.close(read_end)
    return proc.returncode, proc.stderr


REAL: list[tuple[str, Callable[[World], list[str]], bytes, bool]] = [
    ("softtoken.cli", lambda w: ["--home", str(w.home), "inspect", "-"], b"\xff" + link().encode(), False),
    ("softtoken.cli", lambda w: ["--home", str(w.home), "code", "--pin-stdin"], b"86\x0042\xc3", False),
    (
        "softtoken.cli",
        lambda w: ["--home", str(w.home), "activate", "-", "--name", "x", "--pin-stdin"],
        b"\xfe",
        False,
    ),
    ("softtoken.cli", lambda w: ["--home", str(w.home), "inspect", str(w.odd[0])], b"", False),  # a FIFO
    ("softtoken.cli", lambda w: ["--home", str(w.home), "status"], b"", True),
    ("softtoken.cli", lambda w: ["--home", str(w.home), "diagnostics"], b"", True),
    ("softtoken.cli", lambda w: ["--home", str(w.home), "audit", "export"], b"", True),
    (
        "softtoken.helpdesk",
        lambda w: ["--server", w.server, "login", "--user", "a", "--password-stdin"],
        b"\xff",
        False,
    ),
    (
        "softtoken.helpdesk",
        lambda w: ["--server", w.server, "link-hard-token", "u", "--serial", "HW1", "--otp-stdin"],
        b"\xff",
        False,
    ),
    (
        "softtoken.helpdesk",
        lambda w: ["--server", w.server, "--session", str(w.session), "status", "bob"],
        b"",
        True,
    ),
    ("softtoken.helpdesk", lambda w: ["--help"], b"", True),
]


@pytest.mark.parametrize(("module", "argv", "stdin", "closed_stdout"), REAL)
def test_real_processes(
    world: World,
    tmp_path: Path,
    module: str,
    argv: Callable[[World], list[str]],
    stdin: bytes,
    closed_stdout: bool,
) -> None:
    code, err = _process(module, argv(world), stdin, tmp_path, closed_stdout)
    codes = CLI_CODES if module == "softtoken.cli" else HELPDESK_CODES
    assert code != 70 and (code in codes or code == 141), (code, err)
    assert b"Traceback" not in err and b"Exception ignored" not in err, err
