"""A real privacyIDEA 3.14 on 127.0.0.1: installed once per lock file, configured fresh per run.

The venv is cached under ``$SOFTTOKEN_E2E_CACHE`` (default ``~/.cache/softtoken-e2e``) as
``pi-<hash of the lock and the Python version>``: CI machines are reused, and the install
(~15 s, 500 MB) is the slow part. A venv is reused only if it was finished (a marker file) and
``pi-manage --version`` still runs. Everything else — pi.cfg, keys, SQLite, the user file —
lives in a temporary directory and dies with the run.

Run ``python -m tests.e2e.pi_server`` to get a server for manual work (Ctrl-C stops it).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

LOCK_FILE = Path(__file__).with_name("privacyidea-requirements.lock")
_HOME_AT_IMPORT = Path.home()  # tests swap $HOME per test; the cache belongs to the real user
ADMIN = "helpdesk-admin"
REALM = "e2e"
USERS = (
    "alice",
    "bob",
    "carol",
    "dave",
    "erin",
    "frank",
    "grace",
    "henry",
    "ivy",
    "judy",
    "kim",
    "lena",
    "mona",
)
# A second realm over the same user file: docs/helpdesk-console.md's examples run there (alice@clinic
# is not alice@e2e), so they see none of the other tests' tokens.
DOC_REALM = "clinic"
START_DEADLINE = 30.0


def _log(message: str) -> None:
    sys.stderr.write(f"[privacyidea] {message}\n")


def cache_root() -> Path:
    configured = os.environ.get("SOFTTOKEN_E2E_CACHE")
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else _HOME_AT_IMPORT / ".cache"
    return base / "softtoken-e2e"


def venv_key(lock: Path = LOCK_FILE) -> str:
    digest = hashlib.sha256(lock.read_bytes())
    digest.update(f"{sys.version_info[0]}.{sys.version_info[1]} {platform.machine()}".encode())
    return digest.hexdigest()[:16]


def _venv_works(venv: Path) -> bool:
    if not (venv / ".complete").exists():
        return False
    try:
        done = subprocess.run(
            [str(venv / "bin" / "pi-manage"), "--version"],
            capture_output=True,
            text=True,
            timeout=60,
            env=_clean_env(),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and "3.14" in done.stdout + done.stderr


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(extra)
    return env


def ensure_venv(lock: Path = LOCK_FILE) -> Path:
    """The cached privacyIDEA venv for ``lock``, built if missing or broken."""
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    venv = root / f"pi-{venv_key(lock)}"
    with open(root / f"{venv.name}.lock", "w") as guard:  # two runs at once build it once
        fcntl.flock(guard, fcntl.LOCK_EX)
        if _venv_works(venv):
            return venv
        started = time.monotonic()
        _log(f"installing privacyIDEA from {lock.name} into {venv}")
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=_clean_env())
        shutil.copyfile(lock, venv / "requirements.lock")
        done = subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-c",
                str(venv / "requirements.lock"),
                "-r",
                str(venv / "requirements.lock"),
            ],
            capture_output=True,
            text=True,
            env=_clean_env(),
            check=False,
        )
        if done.returncode != 0:
            noise = "is ignored"
            errors = "\n".join(line for line in done.stderr.splitlines() if noise not in line)
            raise RuntimeError(f"pip could not install privacyIDEA:\n{errors[-4000:]}")
        (venv / ".complete").write_text(time.strftime("%Y-%m-%dT%H:%M:%S\n"))
        _log(f"installed in {time.monotonic() - started:.1f} s")
        if not _venv_works(venv):
            raise RuntimeError(f"privacyIDEA was installed into {venv} but pi-manage does not run")
        return venv


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PiServer:
    venv: Path
    workdir: Path
    admin: str = ADMIN
    realm: str = REALM
    admin_password: str = field(default_factory=lambda: "Adm-" + secrets.token_urlsafe(12))
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def config(self) -> Path:
        return self.workdir / "pi.cfg"

    @property
    def audit_public_key(self) -> Path:
        return self.workdir / "public.pem"

    @property
    def log_file(self) -> Path:
        return self.workdir / "server.log"

    def _env(self) -> dict[str, str]:
        return _clean_env(PRIVACYIDEA_CONFIGFILE=str(self.config))

    def _run(self, *argv: str) -> str:
        tool = str(self.venv / "bin" / argv[0])
        done = subprocess.run(
            [tool, *argv[1:]],
            env=self._env(),
            cwd=self.workdir,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{argv[0]} failed ({done.returncode}):\n{done.stderr[-3000:]}")
        return done.stdout

    def configure(self) -> None:
        """pi.cfg, keys, tables, the admin, a flat-file resolver with USERS, the realm (and the doc's)."""
        started = time.monotonic()
        self.workdir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.workdir, 0o700)
        w = self.workdir
        self.config.write_text(
            f"SQLALCHEMY_DATABASE_URI = 'sqlite:///{w / 'pi.sqlite'}'\n"
            f"PI_ENCFILE = '{w / 'enckey'}'\n"
            f"PI_AUDIT_KEY_PRIVATE = '{w / 'private.pem'}'\n"
            f"PI_AUDIT_KEY_PUBLIC = '{w / 'public.pem'}'\n"
            f"PI_PEPPER = '{secrets.token_hex(16)}'\n"
            f"SECRET_KEY = '{secrets.token_hex(32)}'\n"
            f"PI_LOGFILE = '{w / 'privacyidea.log'}'\n"
            "PI_LOGLEVEL = 20\n"
            f"PI_UUID_FILE = '{w / 'uuid.txt'}'\n"
            "PI_NODE = 'localnode'\n"
            "SUPERUSER_REALM = ['superuser']\n"
            "PI_BASE_URL = 'http://127.0.0.1'\n"
        )
        # The users first (cheap, in parallel): the resolver reads their file when it is created.
        users = {
            user: subprocess.Popen(
                [
                    str(self.venv / "bin" / "privacyidea-create-pwidresolver-user"),
                    "-u",
                    user,
                    "-i",
                    str(uid),
                    "-p",
                    secrets.token_urlsafe(12),
                    "-d",
                    f"{user.title()} Example",
                ],
                env=self._env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for uid, user in enumerate(USERS, start=1001)
        }
        lines = []
        for user, proc in users.items():
            out, err = proc.communicate(timeout=60)
            if proc.returncode != 0:
                raise RuntimeError(f"privacyidea-create-pwidresolver-user -u {user} failed:\n{err[-2000:]}")
            lines.append(out.strip())
        (w / "users.passwd").write_text("\n".join(lines) + "\n")
        (w / "resolver.conf").write_text(repr({"fileName": str(w / "users.passwd")}) + "\n")
        # The pi-manage setup commands, run in one interpreter (pi_manage_batch.py) to save ~15 s.
        commands = [
            ["setup", "create_enckey"],
            ["setup", "create_audit_keys"],
            ["setup", "create_tables"],
            ["admin", "add", self.admin, "-p", self.admin_password, "-e", "admin@e2e.test"],
            ["config", "resolver", "create", "flatusers", "passwdresolver", "resolver.conf"],
            ["config", "realm", "create", self.realm, "flatusers"],
            ["config", "resolver", "create", "clinicusers", "passwdresolver", "resolver.conf"],
            ["config", "realm", "create", DOC_REALM, "clinicusers"],
            ["config", "realm", "set_default", self.realm],
        ]
        self._run("python", str(Path(__file__).with_name("pi_manage_batch.py")), json.dumps(commands))
        self.timings["setup"] = time.monotonic() - started

    def start(self) -> None:
        started = time.monotonic()
        for _attempt in range(3):  # the port can be taken between free_port() and bind()
            self.port = free_port()
            with open(self.log_file, "ab") as log:
                self.proc = subprocess.Popen(
                    [
                        str(self.venv / "bin" / "pi-manage"),
                        "run",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        str(self.port),
                        "--no-reload",
                    ],
                    env=self._env(),
                    cwd=self.workdir,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            if self._wait_ready():
                self.timings["start"] = time.monotonic() - started
                return
            self.stop()
        raise RuntimeError(f"privacyIDEA did not start; see {self.log_file}:\n{self._log_tail()}")

    def _log_tail(self) -> str:
        try:
            return self.log_file.read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + START_DEADLINE
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.url}/healthz/", timeout=2) as answer:  # noqa: S310
                    body = json.loads(answer.read())
                    if body.get("result", {}).get("value", {}).get("status") == "ready":
                        return True
            except (urllib.error.URLError, OSError, ValueError):
                pass
            time.sleep(0.1)
        return False

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextlib.contextmanager
def running_server(workdir: Path, log: Callable[[str], None] = _log) -> Iterator[PiServer]:
    started = time.monotonic()
    venv = ensure_venv()
    install = time.monotonic() - started
    server = PiServer(venv=venv, workdir=workdir)
    server.timings["install"] = install
    server.configure()
    server.start()
    log(
        f"ready at {server.url}: install/reuse {install:.1f} s, setup {server.timings['setup']:.1f} s, "
        f"start {server.timings['start']:.1f} s"
    )
    try:
        yield server
    finally:
        server.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    import signal
    import tempfile

    # SIGTERM (and SIGINT, which a background job ignores) stop the server cleanly.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    with tempfile.TemporaryDirectory(prefix="pi-e2e-") as tmp, running_server(Path(tmp)) as server:
        print(f"url      {server.url}")
        print(f"admin    {server.admin}  (password in {server.workdir / 'admin-password'})")
        print(f"realm    {server.realm}; users {', '.join(USERS)}")
        print(f"pi.cfg   {server.config}")
        pw = server.workdir / "admin-password"
        pw.write_text(server.admin_password + "\n")
        os.chmod(pw, 0o600)
        print("Ctrl-C stops the server.")
        with contextlib.suppress(KeyboardInterrupt):
            while server.proc is not None and server.proc.poll() is None:
                time.sleep(1)


if __name__ == "__main__":
    main()
