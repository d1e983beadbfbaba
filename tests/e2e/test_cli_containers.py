"""The workstation as a privacyIDEA token-container client, against the real privacyIDEA 3.14.

The admin side (container, registration link, enrolling into the container,
removing) is driven by plain REST calls with the e2e admin's JWT, so this
file tests the prescriber's CLI alone; the help desk's own commands have
their tests in test_console_containers.py. Passcodes are judged by the
server's /validate/check, by serial (other tests' tokens of the same user
are not in the way).

The tampered-reply and server-down cases run the CLI in-process with an HTTP
client maker (CliContext.container_http) that stands between the workstation
and the real server: it flips a byte of the encrypted reply, or answers
"connection refused".
"""

from __future__ import annotations

import base64
import io
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from softtoken.cli.__main__ import run
from softtoken.cli.context import CliContext
from softtoken.core.clock import FixedClock, SystemClock

from .pi_server import PiServer
from .support import E2E, PIN, Api, App, Result, wait_for_fresh_step, wait_for_next_step, write_private

pytestmark = E2E
USER = "lena"  # used by no other e2e test: a registered container would catch their `issue` calls
ADMIN_POLICY = "softtoken-e2e-cli-containers-admin"
CONTAINER_POLICY = "softtoken-e2e-cli-containers"
ADMIN_ACTIONS = (
    "container_create",
    "container_delete",
    "container_info",
    "container_list",
    "container_state",
    "container_add_token",
    "container_remove_token",
    "container_assign_user",
    "container_register",
    "container_unregister",
    "container_rollover",
)


class Issuer:
    """The help desk's side, as REST calls (what softtoken-helpdesk does for register-workstation)."""

    def __init__(self, api: Api) -> None:
        self.api = api

    def _call(self, method: str, path: str, **data: str) -> Any:
        with httpx.Client(base_url=self.api.url, timeout=15) as client:
            answer = client.request(
                method,
                path,
                data=data if method != "GET" else None,
                params=data if method == "GET" else None,
                headers={"Authorization": self.api.jwt},
            )
        body = answer.json()
        assert answer.status_code == 200 and body["result"]["status"], (path, body)
        return body

    def container(self) -> str:
        body = self._call("POST", "/container/init", type="smartphone", user=USER, realm=self.api.realm)
        return str(body["result"]["value"]["container_serial"])

    def registration_link(self, container: str) -> str:
        body = self._call("POST", "/container/register/initialize", container_serial=container)
        return str(body["result"]["value"]["container_url"]["value"])

    def enroll(self, container: str) -> str:
        body = self._call(
            "POST",
            "/token/init",
            type="totp",
            genkey="1",
            user=USER,
            realm=self.api.realm,
            container_serial=container,
        )
        return str(body["detail"]["serial"])

    def remove(self, container: str, serial: str) -> None:
        self._call("POST", f"/container/{container}/remove", serial=serial)

    def delete_token(self, serial: str) -> None:
        self._call("DELETE", f"/token/{serial}")

    def info(self, container: str) -> dict[str, Any]:
        body = self._call("GET", "/container/", container_serial=container)
        found: dict[str, Any] = body["result"]["value"]["containers"][0]
        return found


@pytest.fixture(scope="module")
def issuer(pi_server: PiServer, api: Api) -> Iterator[Issuer]:
    """Container rights for the (restricted) e2e admin, and the issuer URL the links name."""
    with httpx.Client(base_url=api.url, timeout=15, headers={"Authorization": api.jwt}) as client:
        for name, scope, action in (
            (ADMIN_POLICY, "admin", ", ".join(ADMIN_ACTIONS)),
            (
                CONTAINER_POLICY,
                "container",
                f"privacyIDEA_server_url={pi_server.url}, container_client_rollover=true",
            ),
        ):
            answer = client.post(f"/policy/{name}", data={"scope": scope, "action": action, "active": "true"})
            assert answer.status_code == 200, answer.text
        yield Issuer(api)
        for name in (CONTAINER_POLICY, ADMIN_POLICY):
            client.delete(f"/policy/{name}")


def in_process(
    app: App,
    *argv: str | Path,
    stdin: str = "",
    clock: Any = None,
    http: Callable[..., httpx.Client] | None = None,
) -> Result:
    """The CLI in this process: a clock or an HTTP client maker of the test's (App.cli runs a subprocess)."""
    out, err = io.StringIO(), io.StringIO()
    ctx = CliContext(
        stdin=io.StringIO(stdin),
        stdout=out,
        stderr=err,
        clock=clock or SystemClock(),
        environ={},
        container_http=http,
    )
    code = run(["--home", str(app.home), "--policy", str(app.policy), *[str(a) for a in argv]], ctx)
    return Result(code, out.getvalue(), err.getvalue())


def register(app: App, link: str, tmp_path: Path) -> Result:
    source = write_private(tmp_path / f"registration-{time.monotonic_ns()}.txt", link + "\n")
    return app.cli("register", source, "--yes")


def claim(app: App, name: str, *extra: str) -> Result:
    return app.cli("sync", "--name", name, *extra, "--pin-stdin", stdin=f"{PIN}\n{PIN}\n")


def test_register_deliver_name_pin_validate_replace(
    issuer: Issuer, app: App, api: Api, tmp_path: Path
) -> None:
    container = issuer.container()
    link = issuer.registration_link(container)
    assert link.startswith(f"pia://container/{container}?")
    registered = register(app, link, tmp_path)
    assert registered.code == 0, registered.err
    assert f"registered with privacyIDEA (container {container})" in registered.out
    assert issuer.info(container)["info"].get("registration_state") == "registered"

    serial = issuer.enroll(container)
    synced = app.cli("sync")
    assert synced.code == 0, synced.err
    assert f"Delivered: privacyIDEA (serial {serial})" in synced.out
    claimed = claim(app, "EPCS")
    assert claimed.code == 0, claimed.err
    assert f"Token 'EPCS' (serial {serial}) is activated" in claimed.out
    wait_for_fresh_step()
    assert api.accepts(app.code("EPCS"), serial=serial)
    status = app.cli("status")
    assert f"Registered with privacyIDEA (container {container}" in status.out and "EPCS" in status.out
    again = app.cli("sync")  # held, so not re-keyed: the code still works
    assert again.code == 0 and "nothing new" in again.out
    wait_for_next_step()  # privacyIDEA refuses a replay
    assert api.accepts(app.code("EPCS"), serial=serial)

    # The help desk replaces it: the old one leaves the container, a new one enters.
    issuer.remove(container, serial)
    issuer.delete_token(serial)
    new_serial = issuer.enroll(container)
    replaced = app.cli("sync")
    assert replaced.code == 0, replaced.err
    assert f"Removed: token 'EPCS' (serial {serial})" in replaced.out
    assert f"Delivered: privacyIDEA (serial {new_serial})" in replaced.out
    assert claim(app, "EPCS").code == 0
    listed = app.cli("status", "--json").json
    assert [t["serial"] for t in listed["tokens"]] == [new_serial]
    wait_for_fresh_step()
    assert api.accepts(app.code("EPCS"), serial=new_serial)
    assert "container_token_removed" in app.cli("audit", "export", "--format", "json").out

    # Unregister: the server forgets the key, the token keeps working here.
    done = app.cli("unregister", "--yes")
    assert done.code == 0, done.err
    assert issuer.info(container)["info"].get("registration_state") != "registered"
    assert "Registered with" not in app.cli("status").out
    wait_for_next_step()
    assert api.accepts(app.code("EPCS"), serial=new_serial)
    assert app.cli("sync").code == 1


def test_retiring_a_delivered_token_unregisters_at_the_issuer(
    issuer: Issuer, app: App, tmp_path: Path
) -> None:
    container = issuer.container()
    assert register(app, issuer.registration_link(container), tmp_path).code == 0
    issuer.enroll(container)
    assert claim(app, "EPCS").code == 0
    retired = app.cli("retire", "--token", "EPCS", "--yes")
    assert retired.code == 0 and retired.err == "", retired.err
    assert f"(container {container}): this workstation is no longer registered" in retired.out
    assert issuer.info(container)["info"].get("registration_state") != "registered"  # terminate/client
    assert app.cli("sync").code == 1 and "Registered with" not in app.cli("status").out


def test_rollover_to_a_second_workstation(issuer: Issuer, app: App, api: Api, tmp_path: Path) -> None:
    container = issuer.container()
    assert register(app, issuer.registration_link(container), tmp_path).code == 0
    serial = issuer.enroll(container)
    assert claim(app, "EPCS").code == 0

    link_file = tmp_path / "new-workstation.txt"
    moved = app.cli("move-out", "--link-file", link_file)
    assert moved.code == 0, moved.err
    new = App.make(tmp_path / "new-workstation")
    registered = new.cli("register", link_file, "--yes")
    assert registered.code == 0, registered.err
    delivered = new.cli("sync")
    assert f"Delivered: privacyIDEA (serial {serial})" in delivered.out, delivered.out + delivered.err
    assert claim(new, "EPCS").code == 0

    wait_for_fresh_step()
    old_code, new_code = app.code("EPCS"), new.code("EPCS")
    assert not api.accepts(old_code, serial=serial)  # re-keyed at the rollover
    assert api.accepts(new_code, serial=serial)
    assert app.cli("sync").code == 76  # the old key no longer signs for the container
    finished = app.cli("move-out", "--finish", "--yes")
    assert finished.code == 0, finished.err
    assert "No tokens on this workstation" in app.cli("status").out
    assert new.cli("sync").code == 0  # the new workstation is the registered one


def test_refused_registrations(issuer: Issuer, app: App, tmp_path: Path) -> None:
    container = issuer.container()
    link = issuer.registration_link(container)

    later = FixedClock(time.time() + 11 * 60)  # the link's ttl is 10 minutes
    expired = in_process(app, "register", "-", "--yes", stdin=link, clock=later)
    assert expired.code == 65 and "expired" in expired.err, expired.err

    strict = tmp_path / "strict.toml"
    strict.write_text('device_key_store = "file"\nissuer_urls = ["https://pi.example.org"]\n')
    elsewhere = app.cli("--policy", strict, "register", "-", "--yes", stdin=link)
    assert elsewhere.code == 77 and "not one of the issuers" in elsewhere.err, elsewhere.err

    # The same link as the server would write it for an https issuer with container_ssl_verify=False.
    https = link.replace("url=http%3A//", "url=https%3A//").replace("ssl_verify=True", "ssl_verify=False")
    insecure = app.cli("register", "-", "--yes", stdin=https)
    assert insecure.code == 77 and "certificate" in insecure.err, insecure.err
    assert issuer.info(container)["info"].get("registration_state") != "registered"  # nothing was sent
    assert register(app, link, tmp_path).code == 0  # the untouched link still registers


def _through(tamper: bool = False, down: bool = False) -> Callable[..., httpx.Client]:
    """An HTTP client maker whose transport flips a byte of each sync reply, or finds the server down."""

    class Between(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if down:
                raise httpx.ConnectError("connection refused", request=request)
            response = super().handle_request(request)
            if not (tamper and request.url.path.endswith("/container/synchronize")):
                return response
            body = response.read()
            marker = b'"container_dict_server": "'
            at = body.find(marker)
            if at < 0:
                marker = b'"container_dict_server":"'
                at = body.find(marker)
            assert at >= 0, body[:200]
            start = at + len(marker)
            text = body[start : body.index(b'"', start)]
            raw = bytearray(base64.urlsafe_b64decode(text + b"=" * (-len(text) % 4)))
            raw[len(raw) // 2] ^= 0x01
            flipped = (
                base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=")
                if not text.endswith(b"=")
                else (base64.urlsafe_b64encode(bytes(raw)))
            )
            changed = body[:start] + flipped + body[start + len(text) :]
            headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
            return httpx.Response(response.status_code, headers=headers, content=changed, request=request)

    def make(**kw: Any) -> httpx.Client:
        return httpx.Client(transport=Between(), **{k: v for k, v in kw.items() if k != "verify"})

    return make


def test_tampered_reply_and_server_down(issuer: Issuer, app: App, api: Api, tmp_path: Path) -> None:
    container = issuer.container()
    assert register(app, issuer.registration_link(container), tmp_path).code == 0
    first = issuer.enroll(container)
    assert claim(app, "EPCS").code == 0
    before = (app.home / "vault.stv").read_bytes()

    second = issuer.enroll(container)
    tampered = in_process(app, "sync", http=_through(tamper=True))
    assert tampered.code == 76, tampered.out + tampered.err
    assert "nothing was changed" in tampered.err
    after = app.cli("status", "--json").json
    assert [t["serial"] for t in after["tokens"]] == [first] and after["container"]["pending"] == 0
    assert "Last synchronization failed" in app.cli("status").out
    assert (app.home / "vault.stv").read_bytes() != before  # only the failure was noted
    # The server re-keyed the second token for that lost reply; it is not listed, so it comes again.
    again = app.cli("sync")
    assert f"Delivered: privacyIDEA (serial {second})" in again.out, again.out + again.err
    assert claim(app, "Second", "--serial", second).code == 0
    wait_for_fresh_step()
    assert api.accepts(app.code("Second"), serial=second)

    down = in_process(app, "sync", http=_through(down=True))
    assert down.code == 68 and "cannot be reached" in down.err, down.err
    assert "Your tokens keep working" in down.err
    assert api.accepts(app.code("EPCS"), serial=first)  # offline as before
