"""What a command runs with: streams, clock, data directory. Injected so tests can swap them."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from softtoken.core.clock import Clock, SystemClock
from softtoken.core.errors import SoftTokenError
from softtoken.core.keystore import Keystore
from softtoken.core.policy import Policy
from softtoken.core.vault.crypto import DEFAULT_KDF, KdfParams
from softtoken.core.vault.vault import Vault

log = logging.getLogger(__name__)


@dataclass
class CliContext:
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    clock: Clock = field(default_factory=SystemClock)
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    home: Path | None = None
    policy_path: Path | None = None
    keystore: Keystore | None = None  # tests inject one; else the policy's choice
    kdf: KdfParams = DEFAULT_KDF
    stdin_taken_by: str | None = None
    container_http: Callable[..., Any] | None = None  # tests hand in the issuer's HTTP client maker
    _policy: Policy | None = None

    @property
    def policy(self) -> Policy:
        from softtoken.core.policy import load_policy

        if self._policy is None:
            self._policy = load_policy(self.policy_path)
        return self._policy

    def vault(self) -> Vault:
        from softtoken.core.paths import prepare_home, resolve_home

        home = prepare_home(self.home or resolve_home(None, self.environ))
        vault = Vault(home, keystore=self.keystore, policy=self.policy, clock=self.clock, kdf=self.kdf)
        if vault.exists():
            try:
                vault.record_policy()  # audit the policy in force (recorded once per change)
            except SoftTokenError as exc:
                # A damaged vault, a missing keystore entry, a damaged audit log: the command's
                # own vault call reports what it cannot do (diagnostics shows it on the card),
                # and the policy is recorded by the next command that can.
                log.warning("policy not recorded: %s", type(exc).__name__)
        return vault

    def take_stdin(self, purpose: str, instead: str | None = None) -> str:
        """Read all of standard input once; a second reader is a usage error that names
        ``instead``, the option that gives the ``purpose`` in a file ("--pin-file FILE").

        The bytes are decoded in core (UTF-8, bounded): a stray byte is bad
        input (exit 65), whatever the locale's decoding of ``sys.stdin``.
        """
        from softtoken.core.textinput import read_stdin_text

        from .errors import UsageError

        if self.stdin_taken_by is not None:
            how = f"with {instead}" if instead else "in a file"
            raise UsageError(
                f"Standard input is already used for the {self.stdin_taken_by}; "
                f"give the {purpose} {how} instead."
            )
        self.stdin_taken_by = purpose
        return read_stdin_text(self.stdin, purpose)

    def stdin_is_terminal(self) -> bool:
        return self.stdin is not None and self.stdin.isatty()

    def take_stdin_line(self, purpose: str, instead: str | None = None) -> str:
        text = self.take_stdin(purpose, instead)
        return text.splitlines()[0] if text else ""
