"""Every example in docs/helpdesk-console.md, run against the real privacyIDEA (doc_examples.py)."""

from __future__ import annotations

from pathlib import Path

from .doc_examples import DocRunner, blocks
from .pi_server import DOC_REALM, PiServer
from .support import E2E, Console, write_private

pytestmark = E2E


def test_every_example_in_the_console_doc(console: Console, pi_server: PiServer, tmp_path: Path) -> None:
    write_private(tmp_path / "admin-password", pi_server.admin_password + "\n")
    env = {
        **console.environ,
        "SOFTTOKEN_ISSUER_REALM": DOC_REALM,
        "SOFTTOKEN_HELPDESK_SESSION": str(tmp_path / "session" / "session.json"),
    }
    login = console(
        "login", "--user", pi_server.admin, "--password-stdin", stdin=pi_server.admin_password, env=env
    )
    assert login.code == 0, login.err
    runner = DocRunner(console, env, tmp_path)
    found = [b for b in blocks() if not b.has("first-setup")]
    assert len(found) >= 15, "the doc lost its examples"
    for block in found:
        runner.run_block(block)
