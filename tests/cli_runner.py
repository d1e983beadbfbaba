"""Run softtoken-cli in-process with injected streams, clock and environment."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from softtoken.cli.__main__ import run
from softtoken.cli.context import CliContext
from softtoken.core.clock import Clock, SystemClock


@dataclass
class Result:
    code: int
    out: str
    err: str


def cli(
    *argv: str | Path,
    stdin: str = "",
    clock: Clock | None = None,
    environ: dict[str, str] | None = None,
) -> Result:
    out, err = io.StringIO(), io.StringIO()
    ctx = CliContext(
        stdin=io.StringIO(stdin),
        stdout=out,
        stderr=err,
        clock=clock or SystemClock(),
        environ=environ or {},
    )
    code = run([str(a) for a in argv], ctx)
    return Result(code, out.getvalue(), err.getvalue())
