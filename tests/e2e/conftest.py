"""A real privacyIDEA 3.14 for the whole e2e session; the console logged in to it; an app per test.

Skipped (by the markers in ``support.E2E``) unless SOFTTOKEN_E2E=1. The server
is installed from ``privacyidea-requirements.lock`` (this folder's copy, so a
fresh clone needs nothing else), cached between runs, configured fresh, bound
to 127.0.0.1 and stopped by its own PID at the end.

The session sets up the console's policies with ``setup --two-step
--restrict-admins`` first (the "first-setup" example of docs/helpdesk-console.md), so every
test runs with the admin restricted to the actions the console's admin policy lists: a
missing right fails a test.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .doc_examples import DocRunner, blocks
from .pi_server import PiServer, running_server
from .support import ENABLED, Api, App, Console

_E2E_TIMINGS: dict[str, float] = {}


@pytest.fixture(scope="session")
def pi_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PiServer]:
    if not ENABLED:
        pytest.skip("end-to-end tests against privacyIDEA: set SOFTTOKEN_E2E=1")
    started = time.monotonic()
    workdir = tmp_path_factory.mktemp("privacyidea")
    with running_server(workdir) as server:
        _E2E_TIMINGS["server ready"] = time.monotonic() - started
        _E2E_TIMINGS.update({f"server {k}": v for k, v in server.timings.items()})
        yield server


@pytest.fixture(scope="session")
def console_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("helpdesk")
    os.chmod(home, 0o700)
    return home


@pytest.fixture(scope="session")
def console(pi_server: PiServer, console_home: Path) -> Console:
    """softtoken-helpdesk with a saved session, signatures checked, and its policies set up."""
    helper = Console(
        {
            "SOFTTOKEN_ISSUER_URL": pi_server.url,
            "SOFTTOKEN_ISSUER_REALM": pi_server.realm,
            "SOFTTOKEN_HELPDESK_SESSION": str(console_home / "session" / "session.json"),
            "SOFTTOKEN_ISSUER_KEY": str(pi_server.audit_public_key),
        }
    )
    login = helper(
        "login", "--user", pi_server.admin, "--password-stdin", stdin=pi_server.admin_password + "\n"
    )
    assert login.code == 0, login.err
    # Two-step needs an admin policy; the first one restricts every admin, so it takes a yes.
    # docs/helpdesk-console.md shows exactly this, and its block is what runs here.
    first = [b for b in blocks() if b.has("first-setup")]
    assert len(first) == 1, "docs/helpdesk-console.md lost its first-setup example"
    DocRunner(helper, helper.environ, console_home).run_block(first[0])
    shown = helper("setup")
    assert "Two-step activation: enabled" in shown.out, shown.out + shown.err
    return helper


@pytest.fixture(scope="session")
def api(pi_server: PiServer, console: Console) -> Api:
    answer = httpx.post(
        f"{pi_server.url}/auth",
        data={"username": pi_server.admin, "password": pi_server.admin_password},
        timeout=15,
    )
    answer.raise_for_status()
    return Api(pi_server.url, answer.json()["result"]["value"]["token"], pi_server.realm)


@pytest.fixture
def app(tmp_path: Path) -> App:
    return App.make(tmp_path / "app")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _E2E_TIMINGS:
        shown = ", ".join(f"{k} {v:.1f} s" for k, v in _E2E_TIMINGS.items())
        terminalreporter.write_line(f"privacyIDEA: {shown}")
