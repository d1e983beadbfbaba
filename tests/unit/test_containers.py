"""The workstation as a token-container client, against the fake issuer on 127.0.0.1 (real protocol)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from softtoken.core.clock import FixedClock
from softtoken.core.containers import Workstation, parse_container_link
from softtoken.core.errors import (
    AlreadyRegistered,
    ContainerPolicyError,
    DeliveryNotFound,
    IssuerRefused,
    IssuerReplyInvalid,
    IssuerUnreachable,
    NotRegistered,
    RegistrationExpired,
    RolloverNotAllowed,
)
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from tests.fake_container_issuer import FakeContainerIssuer
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, leaked, make_vault

NOW = time.time()


@pytest.fixture
def issuer() -> Iterator[FakeContainerIssuer]:
    with FakeContainerIssuer(now=lambda: NOW) as running:
        yield running


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def vault(tmp_path: Path, keyring: MemoryKeyring, clock: FixedClock) -> Vault:
    return make_vault(tmp_path / "ws1", keyring, clock=clock)


def registered(vault: Vault, issuer: FakeContainerIssuer, **kw: Any) -> Workstation:
    workstation = Workstation(vault, **kw)
    workstation.register(parse_container_link(issuer.registration_link()))
    return workstation


def code_of(vault: Vault, name: str, at: float) -> str:
    codes = vault.unlock(name, PIN)
    current = codes.at(at)
    assert current is not None
    return current.code


def test_register_sync_claim_and_the_passcode_is_the_issuers(
    vault: Vault, issuer: FakeContainerIssuer, clock: FixedClock
) -> None:
    issuer.add_token("TOTP0001")
    workstation = Workstation(vault)
    link = parse_container_link(issuer.registration_link())
    preview = workstation.preview(link)
    assert (preview.issuer, preview.url, preview.serial) == ("privacyIDEA", issuer.url, issuer.serial)
    assert issuer.calls == []  # preview: no network
    done = workstation.register(link)
    assert done.serial == issuer.serial and done.last_sync_at is None and done.rollover_allowed
    assert issuer.state == "registered"

    result = workstation.sync()
    assert [d.serial for d in result.delivered] == ["TOTP0001"] and result.removed == []
    (waiting,) = workstation.pending()
    assert waiting.replaces is None and waiting.suggested_name == "privacyIDEA"
    status = workstation.claim("TOTP0001", "Work", PIN, PIN)
    assert status.serial == "TOTP0001" and status.name == "Work"
    assert workstation.pending() == []
    assert code_of(vault, "Work", clock.now()) == issuer.passcode("TOTP0001", clock.now())

    again = workstation.sync()  # the token is listed as held: not re-keyed, not delivered again
    assert again.delivered == [] and again.updated == 1
    assert issuer.client_dicts[-1]["tokens"] == [{"serial": "TOTP0001"}]
    assert code_of(vault, "Work", clock.now()) == issuer.passcode("TOTP0001", clock.now())
    assert workstation.status().last_sync_at == clock.now()  # type: ignore[union-attr]
    events = [r["event"] for r in vault.audit.records()]
    for event in ("container_registered", "container_synced", "container_token_delivered"):
        assert event in events


def test_the_vault_keeps_no_secret_in_clear(
    vault: Vault, issuer: FakeContainerIssuer, keyring: MemoryKeyring
) -> None:
    token = issuer.add_token("TOTP0001")
    workstation = registered(vault, issuer)
    workstation.sync()
    secret = issuer.tokens["TOTP0001"].secret
    text = vault.path.read_text() + vault.audit.path.read_text()
    assert not leaked(secret, text) and token.secret == secret
    assert "PRIVATE KEY" not in text
    assert json.loads(vault.path.read_text().splitlines()[1])["version"] == 3
    assert any(user.endswith("/container") for _, user in keyring.entries)


def test_a_removed_token_goes_and_does_not_come_back(vault: Vault, issuer: FakeContainerIssuer) -> None:
    issuer.add_token("TOTP0001")
    workstation = registered(vault, issuer)
    workstation.sync()
    workstation.claim("TOTP0001", "Work", PIN, PIN)
    issuer.remove_token("TOTP0001")
    result = workstation.sync()
    assert [(r.name, r.serial) for r in result.removed] == [("Work", "TOTP0001")]
    assert vault.status() == []
    assert vault.history()[-1]["event"] == "container_token_removed"
    assert "container_token_removed" in [r["event"] for r in vault.audit.records()]
    later = workstation.sync()
    assert later.delivered == [] and later.removed == []
    assert issuer.client_dicts[-1]["tokens"] == []


def test_a_replacement_removes_the_old_and_delivers_the_new(
    vault: Vault, issuer: FakeContainerIssuer, clock: FixedClock
) -> None:
    issuer.add_token("TOTP0001")
    workstation = registered(vault, issuer)
    workstation.sync()
    workstation.claim("TOTP0001", "Work", PIN, PIN)
    issuer.remove_token("TOTP0001")
    issuer.add_token("TOTP0002")
    result = workstation.sync()
    assert [r.serial for r in result.removed] == ["TOTP0001"]
    assert [d.serial for d in result.delivered] == ["TOTP0002"]
    workstation.claim("TOTP0002", "Work", PIN, PIN)
    assert [t.serial for t in vault.status()] == ["TOTP0002"]
    assert code_of(vault, "Work", clock.now()) == issuer.passcode("TOTP0002", clock.now())


def test_a_rekeyed_token_with_a_local_serial_replaces_it_at_claim(
    vault: Vault, issuer: FakeContainerIssuer, clock: FixedClock
) -> None:
    vault.activate(description(extra="&serial=TOTP0001"), "Mail token", PIN, PIN)  # came by e-mail
    issuer.add_token("TOTP0001")  # the help desk put it into the container: re-keyed at the sync
    workstation = registered(vault, issuer)
    (delivery,) = workstation.sync().delivered
    assert delivery.replaces == "Mail token"
    workstation.claim("TOTP0001", "Work", PIN, PIN)
    assert [(t.name, t.serial) for t in vault.status()] == [("Work", "TOTP0001")]
    assert vault.history()[-1]["event"] == "replaced"
    assert code_of(vault, "Work", clock.now()) == issuer.passcode("TOTP0001", clock.now())


def test_a_pending_delivery_the_issuer_drops_is_dropped(vault: Vault, issuer: FakeContainerIssuer) -> None:
    issuer.add_token("TOTP0001")
    workstation = registered(vault, issuer)
    workstation.sync()
    assert issuer.client_dicts[-1]["tokens"] == []
    workstation.sync()  # pending counts as held: not re-keyed again
    assert issuer.client_dicts[-1]["tokens"] == [{"serial": "TOTP0001"}]
    issuer.remove_token("TOTP0001")
    workstation.sync()
    assert workstation.pending() == []
    with pytest.raises(DeliveryNotFound):
        workstation.claim("TOTP0001", "Work", PIN, PIN)


def test_a_tampered_reply_is_refused_and_changes_nothing(vault: Vault, issuer: FakeContainerIssuer) -> None:
    issuer.add_token("TOTP0001")
    workstation = registered(vault, issuer)
    before = vault.load()
    issuer.tamper = True
    with pytest.raises(IssuerReplyInvalid) as caught:
        workstation.sync()
    assert "nothing was changed" in caught.value.message
    after = vault.load()
    assert after is not None and before is not None
    assert after.tokens == before.tokens and after.container["pending"] == []  # type: ignore[index]
    status = workstation.status()
    assert status is not None and isinstance(status.last_error, IssuerReplyInvalid)
    assert "container_sync_failed" in [r["event"] for r in vault.audit.records()]
    issuer.tamper = False
    workstation.sync()
    assert workstation.status().last_error is None  # type: ignore[union-attr]


def test_server_down_tokens_still_work(vault: Vault, issuer: FakeContainerIssuer, clock: FixedClock) -> None:
    issuer.add_token("TOTP0001")
    workstation = registered(vault, issuer)
    workstation.sync()
    workstation.claim("TOTP0001", "Work", PIN, PIN)
    issuer.stop()
    with pytest.raises(IssuerUnreachable) as caught:
        workstation.sync()
    assert issuer.url in caught.value.message and "\n" not in caught.value.message
    assert code_of(vault, "Work", clock.now()) == issuer.passcode("TOTP0001", clock.now())
    assert isinstance(workstation.status().last_error, IssuerUnreachable)  # type: ignore[union-attr]


def test_rollover_moves_the_tokens_and_the_old_codes_stop(
    tmp_path: Path, vault: Vault, issuer: FakeContainerIssuer, clock: FixedClock, keyring: MemoryKeyring
) -> None:
    issuer.add_token("TOTP0001")
    old = registered(vault, issuer)
    old.sync()
    old.claim("TOTP0001", "Work", PIN, PIN)
    old_code = code_of(vault, "Work", clock.now())
    text = old.rollover()
    assert "container_rollover_requested" in [r["event"] for r in vault.audit.records()]

    second = make_vault(tmp_path / "ws2", MemoryKeyring(), clock=clock)
    new = Workstation(second)
    new.register(parse_container_link(text))
    (delivery,) = new.sync().delivered
    new.claim(delivery.serial, "Work", PIN, PIN)
    assert code_of(second, "Work", clock.now()) == issuer.passcode("TOTP0001", clock.now())
    assert old_code != issuer.passcode("TOTP0001", clock.now())  # re-keyed: the old one fails
    with pytest.raises(IssuerRefused):
        old.sync()  # the old key no longer signs for the container
    old.finish_move()
    assert vault.status() == [] and old.status() is None
    assert "container_moved" in [r["event"] for r in vault.audit.records()]


def test_rollover_refused_without_the_policy(vault: Vault, issuer: FakeContainerIssuer) -> None:
    issuer.rollover_allowed = False
    workstation = registered(vault, issuer)
    with pytest.raises(RolloverNotAllowed):
        workstation.rollover()


def test_unregister_keeps_the_tokens(vault: Vault, issuer: FakeContainerIssuer, clock: FixedClock) -> None:
    issuer.add_token("TOTP0001")
    workstation = registered(vault, issuer)
    workstation.sync()
    workstation.claim("TOTP0001", "Work", PIN, PIN)
    workstation.unregister()
    assert issuer.state == "unregistered" and workstation.status() is None
    assert code_of(vault, "Work", clock.now()) == issuer.passcode("TOTP0001", clock.now())
    with pytest.raises(NotRegistered):
        workstation.sync()
    registered(vault, issuer)  # registering again works


def test_refused_before_any_network(
    tmp_path: Path, keyring: MemoryKeyring, clock: FixedClock, issuer: FakeContainerIssuer
) -> None:
    def preview(link: str, policy: Policy | None = None) -> None:
        vault = make_vault(tmp_path / "pv", keyring, clock=clock, policy=policy)
        Workstation(vault).preview(parse_container_link(link))

    with pytest.raises(RegistrationExpired):
        preview(issuer.registration_link(ttl_minutes=1, issued_at=NOW - 61))
    with pytest.raises(ContainerPolicyError) as allow:
        preview(issuer.registration_link(), Policy(issuer_urls=("https://pi.example.org",)))
    assert "not one of the issuers" in allow.value.message
    https = issuer.registration_link(url="https://pi.example.org")
    with pytest.raises(ContainerPolicyError) as tls:
        preview(https)  # the fake's links say ssl_verify=False
    assert "certificate" in tls.value.message
    preview(https, Policy(allow_insecure_tls=True))
    with pytest.raises(ContainerPolicyError) as plain:
        preview(issuer.registration_link(url="http://pi.example.org"))
    assert "plain http" in plain.value.message
    preview(issuer.registration_link(), Policy(issuer_urls=(issuer.url,)))  # on the list: fine
    assert issuer.calls == []


def test_already_registered(vault: Vault, issuer: FakeContainerIssuer) -> None:
    workstation = registered(vault, issuer)
    with pytest.raises(AlreadyRegistered):
        workstation.preview(parse_container_link(issuer.registration_link()))


def test_the_server_checks_an_expired_registration_too(vault: Vault, issuer: FakeContainerIssuer) -> None:
    link = parse_container_link(issuer.registration_link(ttl_minutes=1))
    issuer.now = lambda: NOW + 120
    with pytest.raises(IssuerRefused) as caught:
        Workstation(vault).register(link)
    assert caught.value.code == 3002 and "3002" in caught.value.message
    assert Workstation(vault).status() is None


def test_a_trailing_slash_url_signs_the_scope_privacyidea_compares(
    vault: Vault, issuer: FakeContainerIssuer
) -> None:
    issuer.url_path = "/pi/"
    issuer.add_token("TOTP0001")
    workstation = registered(vault, issuer)
    assert [d.serial for d in workstation.sync().delivered] == ["TOTP0001"]
    assert "/container/synchronize" in issuer.calls


def test_no_redirect_is_followed(vault: Vault, issuer: FakeContainerIssuer) -> None:
    issuer.fail_next = (302, 0, "moved")
    with pytest.raises((IssuerReplyInvalid, IssuerRefused)):
        registered(vault, issuer)


def test_the_lock_is_not_held_across_the_network(vault: Vault, issuer: FakeContainerIssuer) -> None:
    """While the issuer takes its time, another thread of this process can use the vault."""
    vault.activate(description(), "Local", PIN, PIN)
    workstation = registered(vault, issuer)
    inside = threading.Event()
    release = threading.Event()

    class SlowTransport(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("synchronize"):
                inside.set()
                release.wait(10)
            return super().handle_request(request)

    def slow(**kw: Any) -> httpx.Client:
        return httpx.Client(transport=SlowTransport(), **{k: v for k, v in kw.items() if k != "verify"})

    workstation = Workstation(vault, http=slow)
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(workstation.sync()))
    worker.start()
    assert inside.wait(10)
    try:
        assert vault.unlock("Local", PIN).token_name == "Local"  # not blocked by the sync
    finally:
        release.set()
        worker.join(10)
    assert done and not worker.is_alive()


def test_repr_shows_no_secret(issuer: FakeContainerIssuer) -> None:
    link = parse_container_link(issuer.registration_link())
    assert link.nonce not in repr(link) and "pia://" not in repr(link)


def test_the_file_version_follows_the_registration(vault: Vault, issuer: FakeContainerIssuer) -> None:
    vault.activate(description(), "Local", PIN, PIN)  # a version-1 vault, as before issue 15

    def version() -> int:
        return int(json.loads(vault.path.read_text().splitlines()[1])["version"])

    assert version() == 1
    workstation = registered(vault, issuer)
    assert version() == 3 and vault.path.read_text().startswith("softtoken-vault 3\n")
    workstation.unregister()
    assert version() == 1
    assert [t.name for t in vault.status()] == ["Local"]
    events = [r["event"] for r in vault.audit.records()]
    assert events.count("container_registered") == 1 and events.count("container_unregistered") == 1


def test_a_delivered_token_follows_the_activation_rules(vault: Vault, issuer: FakeContainerIssuer) -> None:
    from softtoken.core.errors import PinRejected, TokenNameError

    vault.activate(description(), "Work", PIN, PIN)
    issuer.add_token("TOTP0001")
    workstation = registered(vault, issuer)
    workstation.sync()
    with pytest.raises(PinRejected):
        workstation.claim("TOTP0001", "Container", "1234", "1234")  # too common
    with pytest.raises(TokenNameError):
        workstation.claim("TOTP0001", "work", PIN, PIN)  # the name is taken
    assert [d.serial for d in workstation.pending()] == ["TOTP0001"]  # still waiting
    workstation.claim("TOTP0001", "Container", PIN, PIN)
    assert sorted(t.name for t in vault.status()) == ["Container", "Work"]


def test_policy_issuer_urls_are_checked_and_normalised(tmp_path: Path) -> None:
    from softtoken.core.errors import PolicyError
    from softtoken.core.policy import load_policy

    admin = tmp_path / "admin.toml"
    admin.write_text('issuer_urls = ["HTTPS://PI.Example.org:443/", "https://pi.example.org:8443/pi/"]\n')
    policy = load_policy(admin_path=admin)
    assert policy.issuer_urls == ("https://pi.example.org", "https://pi.example.org:8443/pi")
    for bad in ('"https://pi.example.org"', '["ftp://x"]', '["https://u@pi.example.org"]', "[1]"):
        admin.write_text(f"issuer_urls = {bad}\n")
        with pytest.raises(PolicyError, match="issuer_urls"):
            load_policy(admin_path=admin)
    admin.write_text("sync_minutes = 0\n")
    with pytest.raises(PolicyError, match="between 1 and 1440"):
        load_policy(admin_path=admin)


@pytest.mark.parametrize(
    ("url", "ssl_verify", "policy", "verify"),
    [
        ("http://127.0.0.1:5000", False, Policy(), True),
        ("http://127.8.9.10", True, Policy(), True),
        ("http://[::1]:8080/pi", True, Policy(), True),
        ("http://localhost:8080", True, Policy(), True),
        ("https://pi.example.org", True, Policy(), True),
        ("https://pi.example.org/", True, Policy(issuer_urls=("https://pi.example.org",)), True),
        ("https://PI.example.org:443", True, Policy(issuer_urls=("https://pi.example.org",)), True),
        ("https://pi.example.org", False, Policy(allow_insecure_tls=True), False),
    ],
)
def test_issuers_the_policy_lets_through(url: str, ssl_verify: bool, policy: Policy, verify: bool) -> None:
    from softtoken.core.containers.transport import check_issuer

    assert check_issuer(url, ssl_verify, policy) is verify  # (httpx's verify; plain http has no TLS)


@pytest.mark.parametrize(
    ("url", "ssl_verify", "policy"),
    [
        ("http://pi.example.org", True, Policy()),
        ("http://10.0.0.1", True, Policy(allow_insecure_tls=True)),
        ("http://127.0.0.1.example.org", True, Policy()),
        ("https://pi.example.org:8443", True, Policy(issuer_urls=("https://pi.example.org",))),
        ("https://pi.example.org/other", True, Policy(issuer_urls=("https://pi.example.org/pi",))),
        ("https://pi.example.org", False, Policy()),
        ("https://user@pi.example.org", True, Policy()),
    ],
)
def test_issuers_the_policy_refuses(url: str, ssl_verify: bool, policy: Policy) -> None:
    from softtoken.core.containers.transport import check_issuer

    with pytest.raises(ContainerPolicyError) as caught:
        check_issuer(url, ssl_verify, policy)
    assert "\n" not in caught.value.message


def test_registering_a_workstation_without_tokens_makes_its_vault(
    vault: Vault, issuer: FakeContainerIssuer
) -> None:
    assert not vault.exists()
    registered(vault, issuer)
    events = [r["event"] for r in vault.audit.records()]
    assert events[:2] == ["vault_created", "container_registered"]
    assert vault.audit_verify().ok and vault.status() == []


def test_quiet_syncs_and_repeated_failures_do_not_fill_the_log(
    vault: Vault, issuer: FakeContainerIssuer
) -> None:
    workstation = registered(vault, issuer)
    for _ in range(3):
        workstation.sync()
    issuer.stop()
    for _ in range(3):
        with pytest.raises(IssuerUnreachable):
            workstation.sync()
    events = [r["event"] for r in vault.audit.records()]
    assert events.count("container_synced") == 0 and events.count("container_sync_failed") == 1
    issuer.start()
    issuer.add_token("TOTP0001")
    workstation.sync()
    assert [r["event"] for r in vault.audit.records()].count("container_synced") == 1
