"""What a real privacyIDEA cannot be made to do: a proxy's HTML page, a replayed answer, a hang.

A tiny HTTP server on 127.0.0.1 plays the broken issuer; everything else is proven against the
real privacyIDEA in tests/e2e.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .helpers import helpdesk

Reply = tuple[int, str, bytes]


class _Fake:
    def __init__(self) -> None:
        self.reply: Callable[[], Reply] = lambda: (200, "application/json", b"{}")
        self.paths: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fake.paths.append(self.path)
                status, kind, body = fake.reply()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def login(self, *argv: str) -> tuple[int, str]:
        result = helpdesk(
            "--server", self.url, "--admin", "admin", "--admin-password-stdin", *argv, stdin="pw\n"
        )
        return result.code, result.err


@pytest.fixture
def fake() -> Iterator[_Fake]:
    server = _Fake()
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()
        server.thread.join(timeout=5)


def test_a_proxy_error_page_is_not_taken_for_an_answer(fake: _Fake) -> None:
    fake.reply = lambda: (502, "text/html", b"<html><body>Bad Gateway</body></html>")
    code, err = fake.login("status", "alice")
    assert code == 76
    assert "not privacyIDEA's JSON" in err


def test_a_replayed_answer_is_refused(fake: _Fake) -> None:
    body = {
        "result": {"status": True, "value": {"token": "a.b.c", "role": "admin"}},
        "nonce": "0" * 32,  # an answer recorded for another request
    }
    fake.reply = lambda: (200, "application/json", json.dumps(body).encode())
    code, err = fake.login("status", "alice")
    assert code == 76 and "nonce mismatch" in err
    assert fake.paths == ["/auth"]  # nothing more was sent


def test_an_internal_error_says_to_check_before_retrying(fake: _Fake) -> None:
    body = {"result": {"status": False, "error": {"code": -500, "message": "500 Internal Server Error"}}}
    fake.reply = lambda: (500, "application/json", json.dumps(body).encode())
    code, err = fake.login("status", "alice")
    assert code == 76 and "internal error" in err


def test_an_issuer_that_hangs_times_out(fake: _Fake) -> None:
    def slow() -> Reply:
        time.sleep(2)
        return 200, "application/json", b"{}"

    fake.reply = slow
    started = time.monotonic()
    result = helpdesk(
        "--server", fake.url, "--timeout", "0.3", "--admin", "admin", "--admin-password-stdin",
        "status", "alice", stdin="pw\n",
    )  # fmt: skip
    assert result.code == 69 and "did not answer within" in result.err
    assert time.monotonic() - started < 1.5
