"""Run softtoken-helpdesk in-process with injected streams and environment."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from softtoken.helpdesk.__main__ import run
from softtoken.helpdesk.context import HelpdeskContext
from tests.cli_runner import stdin_stream


@dataclass
class Result:
    code: int
    out: str
    err: str


def helpdesk(
    *argv: object, stdin: str | bytes = "", environ: dict[str, str] | None = None, transport: Any = None
) -> Result:
    out, err = io.StringIO(), io.StringIO()
    ctx = HelpdeskContext(
        stdin=stdin_stream(stdin), stdout=out, stderr=err, environ=environ or {}, transport=transport
    )
    code = run([str(a) for a in argv], ctx)
    return Result(code, out.getvalue(), err.getvalue())


def no_network() -> Any:
    """An httpx transport that fails the test if the console sends anything."""
    import httpx

    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"the console sent {request.method} {request.url.path}")

    return httpx.MockTransport(refuse)
