"""What a console command runs with. Injected so tests can run commands in-process."""

from __future__ import annotations

import getpass
import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .errors import ConsoleSetupError, UsageError

if TYPE_CHECKING:
    from .client import Issuer

ENV_SERVER = "SOFTTOKEN_ISSUER_URL"
ENV_REALM = "SOFTTOKEN_ISSUER_REALM"
ENV_SESSION = "SOFTTOKEN_HELPDESK_SESSION"
ENV_ISSUER_KEY = "SOFTTOKEN_ISSUER_KEY"  # the issuer's response-signing public key (PEM)
ENV_CA_FILE = "SOFTTOKEN_ISSUER_CA_FILE"
ENV_FILES_ONLY = "SOFTTOKEN_HELPDESK_FILES_ONLY"  # "1": activation links go only to files, never printed
# How often the prescribers' workstations synchronize (softtoken's admin policy sync_minutes).
ENV_SYNC_MINUTES = "SOFTTOKEN_WORKSTATION_SYNC_MINUTES"
DEFAULT_SYNC_MINUTES = 15


def _prompt(prompt: str, stream: TextIO) -> str:
    return getpass.getpass(prompt, stream=stream)


@dataclass
class HelpdeskContext:
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    now: Callable[[], float] = time.time
    prompt: Callable[[str, TextIO], str] = _prompt
    transport: Any = None  # an httpx transport, for tests
    # from the command line
    server: str | None = None
    realm: str | None = None
    session_path: Path | None = None
    issuer_key: Path | None = None
    ca_file: Path | None = None
    timeout: float = 15.0
    admin: str | None = None  # log in for this command only (the JWT stays in memory)
    admin_password_stdin: bool = False
    stdin_taken_by: str | None = None
    session_expires: float | None = None
    realm_checked: bool = False  # resolved against the issuer's realm list (targets.resolve_realm)
    _issuer: Issuer | None = None

    def take_stdin(self, purpose: str) -> str:
        """Read all of standard input once; a second reader is a usage error.

        Decoded in core (UTF-8, bounded), as in ``softtoken-cli``: a stray
        byte is bad input (exit 65), not a bug.
        """
        from softtoken.core.textinput import read_stdin_text

        if self.stdin_taken_by is not None:
            raise UsageError(
                f"Standard input is already used for the {self.stdin_taken_by}; "
                f"it cannot also carry the {purpose}."
            )
        self.stdin_taken_by = purpose
        return read_stdin_text(self.stdin, purpose)

    def take_stdin_line(self, purpose: str) -> str:
        text = self.take_stdin(purpose)
        return text.splitlines()[0] if text else ""

    def secret(self, purpose: str, from_stdin: bool, flag: str) -> str:
        """A password: the first line of stdin (``flag``) or a prompt on the terminal, never argv."""
        if from_stdin:
            value = self.take_stdin_line(purpose)
        elif self.stdin is not None and self.stdin.isatty():
            value = self.prompt(f"{purpose[0].upper()}{purpose[1:]}: ", self.stderr)
        else:
            raise UsageError(f"Give the {purpose} with {flag} (it is never read from the command line).")
        if not value:
            raise UsageError(f"The {purpose} is empty.")
        return value

    def resolved_server(self, fallback: str | None = None) -> str:
        from .trust import check_server_url

        url = self.server or self.environ.get(ENV_SERVER) or fallback
        if not url:
            raise ConsoleSetupError(
                f"Which issuer? Give --server https://… or set {ENV_SERVER} (or log in first)."
            )
        return check_server_url(url)

    def resolved_realm(self, fallback: str | None = None) -> str | None:
        return self.realm or self.environ.get(ENV_REALM) or fallback or None

    def files_only_default(self) -> bool:
        value = self.environ.get(ENV_FILES_ONLY, "").strip().lower()
        if value in ("", "0", "no", "false"):
            return False
        if value in ("1", "yes", "true"):
            return True
        raise ConsoleSetupError(f"${ENV_FILES_ONLY} must be 1 or 0, not '{value[:20]}'.")

    def workstation_sync_minutes(self) -> int:
        """The workstations' sync interval, as the help desk's profile says (softtoken's default: 15)."""
        value = self.environ.get(ENV_SYNC_MINUTES, "").strip()
        if not value:
            return DEFAULT_SYNC_MINUTES
        if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= 1440:
            raise ConsoleSetupError(f"${ENV_SYNC_MINUTES} must be 1 to 1440 minutes, not '{value[:20]}'.")
        return int(value)

    def resolved_session_path(self) -> Path:
        from .session import default_session_path

        if self.session_path is not None:
            return self.session_path
        configured = self.environ.get(ENV_SESSION)
        return Path(configured) if configured else default_session_path(self.environ)

    def resolved_issuer_key(self) -> Path | None:
        if self.issuer_key is not None:
            return self.issuer_key
        configured = self.environ.get(ENV_ISSUER_KEY)
        return Path(configured) if configured else None

    def resolved_ca_file(self) -> Path | None:
        if self.ca_file is not None:
            return self.ca_file
        configured = self.environ.get(ENV_CA_FILE)
        return Path(configured) if configured else None

    def issuer(self) -> Issuer:
        """A logged-in issuer client: ``--admin`` logs in now, else the saved session is used."""
        if self._issuer is not None:
            return self._issuer
        from .client import Issuer
        from .session import load_session

        if self.admin:
            issuer = Issuer(
                self.resolved_server(),
                timeout=self.timeout,
                transport=self.transport,
                public_key=self.resolved_issuer_key(),
                ca_file=self.resolved_ca_file(),
            )
            password = self.secret("admin password", self.admin_password_stdin, "--admin-password-stdin")
            issuer.login(self.admin, password)
            self.realm = self.resolved_realm()
        else:
            session = load_session(self.resolved_session_path(), self.now())
            server = self.resolved_server(session.server)
            if server != session.server:
                raise ConsoleSetupError(
                    f"The saved session is for {session.server}, not {server}. Log in to {server} "
                    "first (the session's key is never sent to another server)."
                )
            issuer = Issuer(
                server,
                timeout=self.timeout,
                transport=self.transport,
                public_key=self.resolved_issuer_key(),
                ca_file=self.resolved_ca_file(),
            )
            issuer.jwt = session.jwt
            issuer.admin = session.admin
            self.session_expires = session.expires
            self.realm = self.resolved_realm(session.realm)
        self._issuer = issuer
        return issuer

    def close(self) -> None:
        if self._issuer is not None:
            self._issuer.close()
            self._issuer = None


def add_stdin_flag(parser: Any, flag: str, what: str) -> None:
    """``--x-stdin``: a secret read from standard input, or asked for; never on the command line."""
    parser.add_argument(
        flag,
        action="store_true",
        help=f"read {what} from standard input (else it is asked for; never on the command line)",
    )
