"""What a command runs with: streams, clock, data directory. Injected so tests can swap them."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from softtoken.core.clock import Clock, SystemClock


@dataclass
class CliContext:
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    clock: Clock = field(default_factory=SystemClock)
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    home: Path | None = None
    stdin_taken_by: str | None = None

    def take_stdin(self, purpose: str) -> str:
        """Read all of standard input once; a second reader is a usage error."""
        from .errors import UsageError

        if self.stdin_taken_by is not None:
            raise UsageError(
                f"Standard input is already used for the {self.stdin_taken_by}; "
                f"give the {purpose} in a file instead."
            )
        self.stdin_taken_by = purpose
        return self.stdin.read()

    def take_stdin_line(self, purpose: str) -> str:
        text = self.take_stdin(purpose)
        return text.splitlines()[0] if text else ""
