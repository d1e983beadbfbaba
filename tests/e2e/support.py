"""Helpers for the end-to-end tests: the console, the app's CLI, and the issuer's own API as oracle."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from softtoken.helpdesk.__main__ import run as helpdesk_run
from softtoken.helpdesk.context import HelpdeskContext

ENABLED = os.environ.get("SOFTTOKEN_E2E") == "1"
E2E = [
    pytest.mark.e2e,
    pytest.mark.skipif(not ENABLED, reason="end-to-end tests against privacyIDEA: set SOFTTOKEN_E2E=1"),
]
PIN = "8642"
REPO = Path(__file__).resolve().parents[2]
LINK = re.compile(r"otpauth://\S+")


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def link(self) -> str:
        found = LINK.findall(self.out)
        assert len(found) == 1, self.out
        return found[0]

    @property
    def json(self) -> Any:
        return json.loads(self.out)


def write_private(path: Path, text: str) -> Path:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    return path


def wait_for_fresh_step(min_left: float = 4.0, period: int = 30) -> None:
    """Return when at least ``min_left`` seconds remain in the current TOTP step."""
    deadline = time.monotonic() + period + 2
    while period - (time.time() % period) < min_left:
        assert time.monotonic() < deadline, "the clock does not move"
        time.sleep(0.05)


def wait_for_next_step(period: int = 30) -> None:
    """Return once the current TOTP step is over: privacyIDEA refuses a step's passcode used already."""
    step = int(time.time() // period)
    deadline = time.monotonic() + period + 2
    while int(time.time() // period) == step:
        assert time.monotonic() < deadline, "the clock does not move"
        time.sleep(0.05)


@dataclass
class Console:
    """softtoken-helpdesk, logged in through a session file; in-process, or as a subprocess."""

    environ: dict[str, str]
    calls: list[list[str]] = field(default_factory=list)

    def __call__(self, *argv: str | Path, stdin: str = "", env: Mapping[str, str] | None = None) -> Result:
        args = [str(a) for a in argv]
        self.calls.append(args)
        out, err = io.StringIO(), io.StringIO()
        ctx = HelpdeskContext(
            stdin=io.StringIO(stdin), stdout=out, stderr=err, environ={**self.environ, **(env or {})}
        )
        code = helpdesk_run(args, ctx)
        return Result(code, out.getvalue(), err.getvalue())

    def subprocess(self, *argv: str | Path, stdin: str = "") -> Result:
        done = subprocess.run(
            [sys.executable, "-m", "softtoken.helpdesk", *(str(a) for a in argv)],
            input=stdin,
            capture_output=True,
            text=True,
            env={**os.environ, **self.environ},
            timeout=120,
            check=False,
        )
        return Result(done.returncode, done.stdout, done.stderr)


@dataclass
class App:
    """The prescriber's side: softtoken-cli in its own data directory, device key in a file."""

    home: Path
    policy: Path

    @classmethod
    def make(cls, root: Path) -> App:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        policy = root / "policy.toml"
        policy.write_text('device_key_store = "file"\n')
        return cls(root / "data", policy)

    def cli(self, *argv: str | Path, stdin: str = "") -> Result:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SOFTTOKEN_")}
        env["HOME"] = str(self.home.parent)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "softtoken.cli",
                "--home",
                str(self.home),
                "--policy",
                str(self.policy),
                *(str(a) for a in argv),
            ],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def activate(self, link: str, name: str, link_file: Path) -> Result:
        write_private(link_file, link + "\n")
        return self.cli("activate", link_file, "--name", name, "--pin-stdin", stdin=f"{PIN}\n{PIN}\n")

    def code(self, name: str | None = None) -> str:
        argv = ["code", "--pin-stdin"] + (["--token", name] if name else [])
        result = self.cli(*argv, stdin=f"{PIN}\n")
        assert result.code == 0, result.err
        code = result.out.strip()
        assert re.fullmatch(r"[0-9]{6}", code), result.out
        return code

    @staticmethod
    def client_part(activation: Result) -> str:
        lines = activation.out.splitlines()
        marker = "To finish, type this activation code into the issuer's page:"
        assert marker in lines, activation.out
        return lines[lines.index(marker) + 1].strip()

    def has_replace(self) -> bool:
        return self.cli("replace", "--help").code == 0


@dataclass
class Api:
    """The issuer's REST API, used directly as the test's oracle (not through the console)."""

    url: str
    jwt: str
    realm: str

    def _client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=15)

    def validate(self, otp: str, *, user: str | None = None, serial: str | None = None) -> dict[str, Any]:
        data = {"pass": otp}
        if user:
            data.update(user=user, realm=self.realm)
        if serial:
            data["serial"] = serial
        with self._client() as client:
            answer = client.post("/validate/check", data=data)
        body: dict[str, Any] = answer.json()
        body["http_status"] = answer.status_code
        return body

    def accepts(self, otp: str, **who: str) -> bool:
        body = self.validate(otp, **who)
        return body["http_status"] == 200 and body["result"].get("authentication") == "ACCEPT"

    def tokens(self, **params: str) -> list[dict[str, Any]]:
        with self._client() as client:
            answer = client.get("/token/", params=params, headers={"Authorization": self.jwt})
        answer.raise_for_status()
        tokens: list[dict[str, Any]] = answer.json()["result"]["value"]["tokens"]
        return tokens

    def token(self, serial: str) -> dict[str, Any] | None:
        found = [t for t in self.tokens(serial=serial) if t["serial"] == serial]
        return found[0] if found else None

    def owner(self, serial: str) -> str:
        token = self.token(serial)
        assert token is not None, serial
        return str(token["username"])


def secret_of(link: str) -> str:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(link).query)["secret"][0]
