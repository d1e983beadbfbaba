"""Run softtoken-cli in-process with injected streams, clock and environment."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from softtoken.cli.__main__ import run
from softtoken.cli.context import CliContext
from softtoken.core.clock import Clock, SystemClock
from softtoken.core.vault.crypto import DEFAULT_KDF, KdfParams


@dataclass
class Result:
    code: int
    out: str
    err: str


def stdin_stream(stdin: str | bytes) -> TextIO:
    """Text as a test's StringIO; bytes as the real process has them: a strict UTF-8 text layer
    over a byte buffer (``sys.stdin`` under en_US.UTF-8)."""
    if isinstance(stdin, bytes):
        return io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="strict")
    return io.StringIO(stdin)


def cli(
    *argv: str | Path,
    stdin: str | bytes = "",
    clock: Clock | None = None,
    environ: dict[str, str] | None = None,
    kdf: KdfParams = DEFAULT_KDF,
) -> Result:
    out, err = io.StringIO(), io.StringIO()
    ctx = CliContext(
        stdin=stdin_stream(stdin),
        stdout=out,
        stderr=err,
        clock=clock or SystemClock(),
        environ=environ or {},
        kdf=kdf,
    )
    code = run([str(a) for a in argv], ctx)
    return Result(code, out.getvalue(), err.getvalue())
