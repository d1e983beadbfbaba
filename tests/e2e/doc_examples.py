"""Run the examples of docs/helpdesk-console.md against the real privacyIDEA and compare the output.

The doc's code blocks are terminal sessions: a line ``$ softtoken-helpdesk …`` is a command, the
lines after it (until the next ``$``) are what it prints (stderr and stdout, in either order). A
trailing ``# exit N`` says the exit status (else 0). The shell bits understood are ``<<< WORD``
(a here-string) and ``< FILE``.

What differs between runs is matched, not compared:
- a soft-token serial (``TOTP…``/``OATH…`` + 8 hex digits) binds to the real one on first sight
  and must be the same real one after; in later commands it is replaced by the real one;
- ``otpauth://…`` links, local times (``2026-11-26 13:48 CET``), ISO times, ``127.0.0.1:PORT``,
  absolute paths, QR-code lines, runs of spaces;
- a line ``…`` stands for any number of lines; ``note: …`` lines the doc does not show are
  dropped (they depend on what the server saw before, e.g. the policy made by a first --verify).

Passcodes: in a here-string, each six-digit number except 000000 is a passcode of the command's
token (``--serial S``, the SERIAL argument, or the user's last issued soft token); the same
number in the doc means the same passcode (a replay), a new number the next passcode. A
here-string given to ``finish-two-step`` that should succeed is replaced by a valid activation
code. Directives in HTML comments before a block: ``<!-- doc-test: skip-ahead SERIAL N -->``
(the token's counter ran N presses ahead), ``<!-- doc-test: pskc FILE KEYFILE SERIAL… -->``
(make the vendor's files), ``<!-- doc-test: own-session -->`` (use a session of its own),
``<!-- doc-test: first-setup -->`` (run by conftest before any other test),
``<!-- doc-test: workstation-registers -->`` (a workstation, tests/e2e/workstation.py, registers with
the last ``pia://container/…`` link printed). Container serials (``SMPH`` + 8 hex digits) and
``pia://`` links are matched like token serials and ``otpauth://`` links.
"""

from __future__ import annotations

import base64
import contextlib
import re
import secrets
import shlex
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pskc
import pyotp

from softtoken.core.activation.base32check import encode, group

from .support import REPO, Console, Result, wait_for_fresh_step

DOC = REPO / "docs" / "helpdesk-console.md"
SOFT_SERIAL = re.compile(r"\b(?:TOTP|OATH)[0-9A-F]{8}\b")
_HOTP_URN = "urn:ietf:params:xml:ns:keyprov:pskc:hotp"
_QR = set("█▀▄ ")
_VARIABLE = re.compile(
    r"(?P<serial>\b(?:TOTP|OATH|SMPH)[0-9A-F]{8}\b)"
    r"|(?P<link>(?:otpauth|pia)://\S+)"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z))"
    r"|(?P<local>\d{4}-\d{2}-\d{2} \d{2}:\d{2} [A-Z][A-Za-z0-9+-]*)"
    r"|(?P<host>127\.0\.0\.1:\d+)"
    r"|(?P<path>(?<![\w/.])/[\w.-][\w./-]*\w)"
)
_GENERIC = {
    "link": r"(?:otpauth|pia)://\S+",
    "iso": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z)",
    "local": r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} [A-Za-z0-9+-]+",
    "host": r"127\.0\.0\.1:\d+",
    "path": r"/\S+?",
}


@dataclass
class Step:
    line: str  # as in the doc, without "$ "
    expected: list[str]
    code: int


@dataclass
class Block:
    steps: list[Step]
    directives: list[list[str]]
    where: int  # line number in the doc

    def has(self, name: str) -> bool:
        return any(d[0] == name for d in self.directives)


def blocks(text: str | None = None) -> list[Block]:
    lines = (DOC.read_text() if text is None else text).splitlines()
    found: list[Block] = []
    directives: list[list[str]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        mark = re.fullmatch(r"\s*<!--\s*doc-test:\s*(.*?)\s*-->\s*", line)
        if mark:
            directives.append(mark.group(1).split())
        elif line.startswith("```"):
            start, body = i, []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            steps = _steps(body)
            if steps:
                found.append(Block(steps, directives, start + 1))
            directives = []
        elif line.strip():
            directives = [] if not line.startswith("<!--") else directives
        i += 1
    return found


def _steps(body: list[str]) -> list[Step]:
    steps: list[Step] = []
    for line in body:
        if line.startswith("$ softtoken-helpdesk"):
            command, _, comment = line[2:].partition("  #")
            exit_code = re.search(r"exit (\d+)", comment)
            steps.append(Step(command.strip(), [], int(exit_code.group(1)) if exit_code else 0))
        elif steps:
            steps[-1].expected.append(line)
    return steps


@dataclass
class Oracle:
    kind: str
    otp: pyotp.HOTP | pyotp.TOTP
    counter: int = 0
    codes: dict[str, str] = field(default_factory=dict)
    last_step: int = -1

    def code(self, literal: str) -> str:
        if literal in self.codes:
            return self.codes[literal]
        if isinstance(self.otp, pyotp.TOTP):
            wait_for_fresh_step()
            while int(time.time()) // 30 == self.last_step:  # a new passcode needs a new time step
                time.sleep(0.2)
                wait_for_fresh_step()
            self.last_step = int(time.time()) // 30
            value = self.otp.now()
        else:
            value = self.otp.at(self.counter)
            self.counter += 1
        self.codes[literal] = value
        return value


@dataclass
class DocRunner:
    console: Console
    env: dict[str, str]
    cwd: Path
    serials: dict[str, str] = field(default_factory=dict)  # doc serial -> real serial
    tokens: dict[str, Oracle] = field(default_factory=dict)  # real serial -> passcodes
    users: dict[str, str] = field(default_factory=dict)  # user -> last issued real soft serial
    admin_password: str = ""
    registration_link: str = ""  # the last pia://container/… link printed

    def run_block(self, block: Block) -> None:
        env = dict(self.env)
        for directive in block.directives:
            if directive[0] == "skip-ahead":
                self.tokens[self._real(directive[1])].counter += int(directive[2])
            elif directive[0] == "pskc":
                self._pskc(directive[1], directive[2], directive[3:])
            elif directive[0] == "own-session":
                env["SOFTTOKEN_HELPDESK_SESSION"] = str(self.cwd / "own-session" / "session.json")
            elif directive[0] == "workstation-registers":
                from .workstation import Workstation

                assert self.registration_link, "no registration link was printed before"
                Workstation(self.registration_link).register()
        for step in block.steps:
            argv, stdin = self._command(step)
            with contextlib.chdir(self.cwd):  # the doc's relative paths (alice.png, acme.pskc)
                result = self.console(*argv, stdin=stdin, env=env)
            where = f"docs/helpdesk-console.md line {block.where}: $ {step.line}"
            assert result.code == step.code, f"{where}\nexit {result.code}\n{result.out}{result.err}"
            self._learn(result)
            self._compare(step, result, where)

    # ------------------------------------------------------------------ commands

    def _real(self, doc_serial: str) -> str:
        if SOFT_SERIAL.fullmatch(doc_serial):
            assert doc_serial in self.serials, f"{doc_serial} is used before the doc issues it"
            return self.serials[doc_serial]
        return doc_serial

    def _command(self, step: Step) -> tuple[list[str], str]:
        words = shlex.split(step.line)
        assert words[0] == "softtoken-helpdesk", step.line
        argv: list[str] = []
        stdin = ""
        rest = iter(words[1:])
        for word in rest:
            if word == "<<<":
                stdin = next(rest) + "\n"
            elif word == "<":
                stdin = (self.cwd / next(rest)).read_text()
            else:
                argv.append(SOFT_SERIAL.sub(lambda m: self._real(m.group(0)), word))
        argv = [re.sub(r"127\.0\.0\.1:\d+", self._host(), a) for a in argv]
        if "<<<" in words and stdin:
            stdin = self._stdin(argv, stdin, step.code)
        return argv, stdin

    def _host(self) -> str:
        return urlsplit(self.env["SOFTTOKEN_ISSUER_URL"]).netloc

    def _target(self, argv: list[str]) -> str | None:
        if "--serial" in argv:
            return argv[argv.index("--serial") + 1].replace(" ", "").replace("-", "").upper()
        command = next(a for a in argv if not a.startswith("-"))
        positional = [a for a in argv[argv.index(command) + 1 :] if not a.startswith("-")]
        if command in ("finish-enrollment", "finish-two-step"):
            return positional[0]
        return self.users.get(positional[0]) if positional else None

    def _stdin(self, argv: list[str], stdin: str, code: int) -> str:
        if "finish-two-step" in argv:
            return group(encode(secrets.token_bytes(8))) + "\n" if code == 0 else stdin
        target = self._target(argv)
        if target is None or target not in self.tokens:
            return stdin
        oracle = self.tokens[target]
        return re.sub(
            r"\b\d{6}\b", lambda m: m.group(0) if m.group(0) == "000000" else oracle.code(m.group(0)), stdin
        )

    def _pskc(self, name: str, key_name: str, serials: list[str]) -> None:
        container = pskc.PSKC()
        for serial in serials:
            seed = secrets.token_bytes(20)
            container.add_key(id=serial, serial=serial, secret=seed, algorithm=_HOTP_URN, response_length=6,
                              counter=0, manufacturer="Acme Tokens")  # fmt: skip
            self.tokens[serial] = Oracle("hotp", pyotp.HOTP(base64.b32encode(seed).decode()))
        psk = secrets.token_bytes(16)
        container.encryption.setup_preshared_key(key=psk)
        container.write(str(self.cwd / name))
        (self.cwd / key_name).write_text(psk.hex() + "\n")

    def _learn(self, result: Result) -> None:
        for link in re.findall(r"pia://container/[^\s\"]+", result.out):
            self.registration_link = link
        for link in re.findall(r"otpauth://[^\s\"]+", result.out):
            query = parse_qs(urlsplit(link).query)
            serial, secret = query["serial"][0], query["secret"][0]
            if serial in self.tokens:
                continue
            if link.startswith("otpauth://hotp/"):
                self.tokens[serial] = Oracle("hotp", pyotp.HOTP(secret), int(query.get("counter", ["0"])[0]))
            else:
                self.tokens[serial] = Oracle("totp", pyotp.TOTP(secret))
        for serial, user in re.findall(
            r"Issued token (\S+) \(\w+\) for (\S+?)(?: in realm \S+)?\.", result.out
        ):
            self.users[user] = serial

    # ------------------------------------------------------------------ output

    def _compare(self, step: Step, result: Result, where: str) -> None:
        shown = {line for line in step.expected if line.startswith("note: ")}
        err = [line for line in result.err.splitlines() if not line.startswith("note: ") or line in shown]
        out = result.out.splitlines()
        for actual in (err + out, out + err):
            bound = _match([_norm(e) for e in step.expected], [_norm(a) for a in actual], dict(self.serials))
            if bound is not None:
                self.serials = bound
                return
        raise AssertionError(
            f"{where}\n--- the doc shows:\n" + "\n".join(step.expected) + "\n--- it printed:\n"
            + result.err + result.out
        )  # fmt: skip


def _norm(line: str) -> str:
    return " ".join(line.split())


def _line_pattern(expected: str, bound: dict[str, str]) -> tuple[re.Pattern[str], list[str]]:
    parts, names, last = [], [], 0
    for m in _VARIABLE.finditer(expected):
        parts.append(re.escape(expected[last : m.start()]))
        kind = m.lastgroup or ""
        if kind == "serial":
            if m.group(0) in bound:
                parts.append(re.escape(bound[m.group(0)]))
            else:
                parts.append(r"((?:TOTP|OATH|SMPH)[0-9A-F]{8})")
                names.append(m.group(0))
        else:
            parts.append(_GENERIC[kind])
        last = m.end()
    parts.append(re.escape(expected[last:]))
    return re.compile("".join(parts)), names


def _match(expected: list[str], actual: list[str], bound: dict[str, str]) -> dict[str, str] | None:
    if not expected:
        return bound if not actual else None
    head, rest = expected[0], expected[1:]
    if head == "…":
        for skip in range(len(actual) + 1):
            done = _match(rest, actual[skip:], bound)
            if done is not None:
                return done
        return None
    if not actual:
        return None
    if head and set(head) <= _QR and set(actual[0]) <= _QR:
        return _match(rest, actual[1:], bound)
    pattern, names = _line_pattern(head, bound)
    found = pattern.fullmatch(actual[0])
    if found is None:
        return None
    new = dict(bound)
    for name, value in zip(names, found.groups(), strict=True):
        if new.setdefault(name, value) != value or list(new.values()).count(value) > 1:
            return None
    return _match(rest, actual[1:], new)
