"""The container commands offline: bad input before any request, and what a real privacyIDEA does
only in a setup the e2e server does not have (no container policy, an admin without container
rights). An httpx MockTransport plays the issuer; the flows themselves run against privacyIDEA 3.14
in tests/e2e/test_console_containers.py.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softtoken.helpdesk.container_policies import BadOptionValue, registration_ttl, workstation_url
from softtoken.helpdesk.containers import Container, RegistrationLink

from .helpers import Result, helpdesk, no_network

ENV = {"SOFTTOKEN_ISSUER_URL": "http://127.0.0.1:9", "SOFTTOKEN_ISSUER_REALM": "e2e"}
LINK = (
    "pia://container/SMPH0001?issuer=privacyIDEA&ttl=10&nonce=05f8c2a41e9b7d3f60a1c8e2b4d6f8a0c2e4f661997"
    "&time=2026-12-01T23%3A43%3A11.903074%2B00%3A00&url=http%3A//127.0.0.1%3A9&serial=SMPH0001"
    "&key_algorithm=secp384r1&hash_algorithm=SHA256&ssl_verify=False&passphrase=&send_passphrase=False"
)
NOT_ALLOWED = "Admin actions are defined, but the action container_list is not allowed!"
FORBIDDEN = (403, {"result": {"status": False, "error": {"code": 303, "message": NOT_ALLOWED}}})
NO_URL = "Missing enrollment policy privacyIDEA_server_url. Cannot register container."
Handler = Callable[[httpx.Request, dict[str, str]], tuple[int, dict[str, Any]] | None]


def _ok(value: Any, detail: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
    return 200, {"result": {"status": True, "value": value}, "detail": detail or {}}


class FakeIssuer:
    """Just enough privacyIDEA for one command; ``routes`` overrides, ``sent`` records every call."""

    def __init__(self, **routes: Handler) -> None:
        self.routes = routes
        self.sent: list[str] = []
        self.tokens: list[dict[str, Any]] = [
            {
                "serial": "TOTP0001",
                "tokentype": "totp",
                "active": True,
                "username": "alice",
                "user_realm": "e2e",
            }
        ]
        self.containers: list[dict[str, Any]] = []
        self.policies: list[dict[str, Any]] = []

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self._answer)

    def _answer(self, request: httpx.Request) -> httpx.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()} if request.content else {}
        key = f"{request.method} {request.url.path}"
        self.sent.append(key)
        handler = self.routes.get(key.replace(" /", "_").replace("/", "_").strip("_"))
        answer = handler(request, form) if handler else None
        if answer is None:
            answer = self._default(request, key, form)
        status, body = answer
        return httpx.Response(status, json=body)

    def _default(self, request: httpx.Request, key: str, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if key == "POST /auth":
            return _ok({"token": "a.b.c", "role": "admin"})
        if key == "GET /realm/":
            return _ok({"e2e": {"default": True}})
        if key == "GET /token/":
            return _ok({"tokens": self.tokens, "next": None})
        if key == "GET /container/":
            return _ok({"containers": self.containers})
        if key == "GET /policy/":
            return _ok(self.policies)
        if key == "DELETE /token/TOTP0002":
            return _ok(True)
        raise AssertionError(f"unexpected {key}")


def run(fake: FakeIssuer, *argv: str, environ: dict[str, str] | None = None) -> Result:
    return helpdesk(
        "--admin", "admin", "--admin-password-stdin", *argv, stdin="pw\n",
        environ={**ENV, **(environ or {})}, transport=fake.transport(),
    )  # fmt: skip


def _registered(state: str = "registered") -> dict[str, Any]:
    return {"serial": "SMPH0001", "type": "smartphone", "info": {"registration_state": state},
            "tokens": [], "users": [{"user_name": "alice"}], "last_synchronization": None}  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["register-workstation", ""], 65, "empty one would mean every user"),
        (["register-workstation", "al ice"], 65, "no spaces"),
        (["register-workstation", "alice", "--files-only"], 2, "--link-file"),
        (["setup", "--containers", "--registration-ttl", "0"], 65, "1 to 1440"),
        (["setup", "--containers", "--registration-ttl", "1441"], 65, "1 to 1440"),
        (["setup", "--containers", "--registration-ttl", "-5"], 65, "1 to 1440"),
        (["setup", "--containers", "--workstation-url", "ftp://issuer.example.org"], 65, "https://"),
        (["setup", "--containers", "--workstation-url", "http://issuer.example.org"], 65, "loopback"),
        (["setup", "--containers", "--workstation-url", "https://issuer.example.org/?a=1"], 65, "query"),
        (
            ["setup", "--containers", "--workstation-url", "https://issuer.example.org:99999"],
            65,
            "not a valid URL",
        ),
        (["setup", "--workstation-url", "https://issuer.example.org"], 2, "go with --containers"),
        (["setup", "--registration-ttl", "5"], 2, "go with --containers"),
        (["setup", "--no-client-rollover"], 2, "go with --containers"),
    ],
)
def test_bad_input_is_refused_before_any_request(argv: list[str], code: int, words: str) -> None:
    result = helpdesk(*argv, environ=ENV, transport=no_network())
    assert result.code == code, result.err
    assert words in result.err
    assert result.err.startswith("softtoken-helpdesk: ") and result.err.count("\n") == 1


def test_register_without_the_server_url_policy_makes_nothing() -> None:
    fake = FakeIssuer()
    result = run(fake, "register-workstation", "alice")
    assert result.code == 65
    assert "no container policy privacyIDEA_server_url" in result.err and "setup --containers" in result.err
    assert result.err.count("\n") == 1 and result.out == ""
    assert "POST /container/init" not in fake.sent


def test_a_303_from_register_initialize_says_to_run_setup() -> None:
    """An admin who may not read policies: privacyIDEA's own refusal (403, code 303) is reworded."""
    fake = FakeIssuer(
        GET_policy=lambda r, f: FORBIDDEN,
        POST_container_register_initialize=lambda r, f: (
            403,
            {"result": {"status": False, "error": {"code": 303, "message": NO_URL}}},
        ),
    )
    fake.containers = [_registered("")]
    result = run(fake, "register-workstation", "alice")
    assert result.code == 65 and "setup --containers" in result.err and result.err.count("\n") == 1


def test_register_prints_the_link_like_an_activation(tmp_path: Any) -> None:
    fake = FakeIssuer(
        POST_container_init=lambda r, f: _ok({"container_serial": "SMPH0001"}),
        POST_container_register_initialize=lambda r, f: _ok(
            {
                "container_url": {"value": LINK, "img": "data:"},
                "ttl": 10,
                "time_stamp": "2026-12-02T15:00:00+00:00",
            }
        ),
    )
    fake.policies = [
        {"name": "p", "active": True, "action": {"privacyIDEA_server_url": "http://127.0.0.1:9"}}
    ]
    result = run(fake, "register-workstation", "alice", "--json", "--png", str(tmp_path / "qr.png"))
    assert result.code == 0, result.err
    body = json.loads(result.out)
    assert (
        body["link"] == LINK and body["container_created"] is True and body["container_serial"] == "SMPH0001"
    )
    assert body["expires_at"].startswith("2026-12-02T") and body["png"] == str(tmp_path / "qr.png")
    assert (tmp_path / "qr.png").stat().st_mode & 0o777 == 0o600
    assert "LINK" not in repr(RegistrationLink("S", LINK, 10, None, False)) and "nonce" not in repr(
        RegistrationLink("S", LINK, 10, None, False)
    )


def test_an_admin_without_container_add_token_gets_no_stray_token() -> None:
    """privacyIDEA enrolls anyway, outside the container: the console deletes it and says why."""
    fake = FakeIssuer(
        POST_token_init=lambda r, f: _ok(True, {"serial": "TOTP0002", "rollout_state": "enrolled",
                                                 "googleurl": {"value": "otpauth://totp/X?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"}}),
    )  # fmt: skip
    fake.tokens = []
    fake.containers = [_registered()]
    result = run(fake, "issue", "alice")
    assert result.code == 77, result.err
    assert "container_add_token" in result.err and "deleted" in result.err and result.err.count("\n") == 1
    assert "DELETE /token/TOTP0002" in fake.sent
    assert "otpauth" not in result.out + result.err


def test_a_bad_sync_interval_stops_before_anything_is_issued() -> None:
    fake = FakeIssuer()
    fake.tokens = []
    fake.containers = [_registered()]
    result = run(fake, "issue", "alice", environ={"SOFTTOKEN_WORKSTATION_SYNC_MINUTES": "often"})
    assert result.code == 78 and "1 to 1440" in result.err
    assert "POST /token/init" not in fake.sent


def test_the_sync_interval_is_the_desks_setting() -> None:
    fake = FakeIssuer(
        POST_token_init=lambda r, f: _ok(True, {"serial": "TOTP0002", "rollout_state": "enrolled",
                                                 "container_serial": f.get("container_serial"),
                                                 "googleurl": {"value": "otpauth://totp/X?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"}}),
    )  # fmt: skip
    fake.tokens = []
    fake.containers = [_registered()]
    result = run(fake, "issue", "alice", environ={"SOFTTOKEN_WORKSTATION_SYNC_MINUTES": "5"})
    assert result.code == 0, result.err
    assert (
        "at the next sync (within 5 minutes).\n" in result.out
        and "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" not in result.out
    )


def test_status_without_container_rights_still_shows_the_tokens() -> None:
    fake = FakeIssuer(GET_container=lambda r, f: FORBIDDEN)
    result = run(fake, "status", "alice")
    assert result.code == 0, result.err
    assert "TOTP0001" in result.out and "does not allow container_list" in result.out
    as_json = json.loads(run(fake, "status", "alice", "--json").out)
    assert as_json["containers"] is None and as_json["tokens"][0]["serial"] == "TOTP0001"


@given(st.text(max_size=80))
def test_workstation_urls_are_accepted_or_refused_in_words(text: str) -> None:
    try:
        url = workstation_url(text)
    except BadOptionValue as exc:
        assert "\n" not in exc.message
    else:
        assert url.startswith(("https://", "http://")) and not url.endswith("/")


@given(st.text(max_size=12))
def test_registration_ttls_are_minutes_or_refused(text: str) -> None:
    with contextlib.suppress(BadOptionValue):
        assert 1 <= registration_ttl(text) <= 1440


@given(st.dictionaries(st.sampled_from(["serial", "type", "info", "tokens", "users", "states",
                                        "last_synchronization"]),
                       st.one_of(st.none(), st.text(), st.integers(), st.lists(st.text()),
                                 st.dictionaries(st.text(), st.text()))))  # fmt: skip
def test_any_container_listing_is_read_without_crashing(raw: dict[str, Any]) -> None:
    found = Container.from_api(raw)
    assert isinstance(found.registered, bool) and isinstance(found.state_text, str)


def test_a_lost_workstation_whose_registration_cannot_end_gets_no_new_token() -> None:
    """The old token is revoked first; if the workstation's key cannot be stopped, nothing new is sent."""
    refused = (400, {"result": {"status": False, "error": {"code": 3000, "message": "database is locked"}}})
    fake = FakeIssuer(
        POST_token_description=lambda r, f: _ok(True),
        POST_token_revoke=lambda r, f: _ok(1),
        POST_container_register_SMPH0001_terminate=lambda r, f: refused,
    )
    fake.tokens[0]["container_serial"] = "SMPH0001"
    fake.containers = [_registered()]
    result = run(fake, "replace", "alice", "--reason", "lost")
    assert result.code == 65, result.err
    assert (
        "TOTP0001 is revoked, but ending the lost workstation's registration (container SMPH0001)"
        in result.err
    )
    assert result.err.count("\n") == 1 and "POST /token/init" not in fake.sent
    assert fake.sent.index("POST /token/revoke") < fake.sent.index(
        "POST /container/register/SMPH0001/terminate"
    )


def test_a_registered_workstation_is_not_replaced_by_a_new_workstation_token() -> None:
    fake = FakeIssuer()
    fake.tokens[0]["container_serial"] = "SMPH0001"
    fake.containers = [_registered()]
    result = run(fake, "replace", "alice", "--reason", "new-workstation")
    assert result.code == 2 and "register-workstation alice --new-workstation" in result.err
    assert not any(call.startswith("POST /token") for call in fake.sent)


def test_a_registration_link_softtoken_would_refuse_is_not_handed_out(tmp_path: Any) -> None:
    """The console checks the issuer's link with the app's own parser (as `issue` checks otpauth links)."""
    garbled = LINK.replace("&url=http%3A//127.0.0.1%3A9", "")  # no issuer address
    fake = FakeIssuer(
        POST_container_init=lambda r, f: _ok({"container_serial": "SMPH0001"}),
        POST_container_register_initialize=lambda r, f: _ok(
            {"container_url": {"value": garbled, "img": "data:"}, "ttl": 10}
        ),
    )
    fake.policies = [
        {"name": "p", "active": True, "action": {"privacyIDEA_server_url": "http://127.0.0.1:9"}}
    ]
    result = run(fake, "register-workstation", "alice", "--png", str(tmp_path / "qr.png"))
    assert result.code == 76, result.err
    assert "registration link softtoken would refuse" in result.err and result.err.count("\n") == 1
    assert "pia://" not in result.out + result.err and not (tmp_path / "qr.png").exists()
