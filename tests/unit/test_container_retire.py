"""Retiring a token the container delivered ends the registration (the prescriber leaves)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from softtoken.core.clock import FixedClock
from softtoken.core.containers import Workstation, is_registered, parse_container_link, registration_status
from softtoken.core.errors import NotRegistered, SoftTokenError, TokenNotFound
from softtoken.core.vault.vault import Vault
from tests.fake_container_issuer import FakeContainerIssuer
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault

NOW = time.time()
TERMINATE = "/container/register/terminate/client"


@pytest.fixture
def issuer() -> Iterator[FakeContainerIssuer]:
    with FakeContainerIssuer(now=lambda: NOW) as running:
        yield running


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    return make_vault(tmp_path / "ws", MemoryKeyring(), clock=FixedClock(NOW))


def delivered(vault: Vault, issuer: FakeContainerIssuer) -> Workstation:
    """A registered workstation holding the container's token as 'Work'."""
    issuer.add_token("TOTP0001")
    workstation = Workstation(vault)
    workstation.register(parse_container_link(issuer.registration_link()))
    workstation.sync()
    workstation.claim("TOTP0001", "Work", PIN, PIN)
    return workstation


def events(vault: Vault) -> list[tuple[str, dict[str, object]]]:
    return [(r["event"], r["details"]) for r in vault.audit.records()]


def test_retiring_a_delivered_token_tells_the_issuer_and_forgets_the_registration(
    vault: Vault, issuer: FakeContainerIssuer
) -> None:
    workstation = delivered(vault, issuer)
    outcome = workstation.retire("Work")
    assert outcome.name == "Work" and outcome.unregistered and outcome.note is None
    assert (outcome.container, outcome.issuer) == (issuer.serial, "privacyIDEA")
    assert issuer.calls[-1] == TERMINATE and issuer.state == "unregistered"
    assert vault.status() == [] and workstation.status() is None and not is_registered(vault)
    with pytest.raises(NotRegistered):
        workstation.sync()  # the token can never come back
    (record,) = [r for e, r in events(vault) if e == "container_unregistered"]
    assert record["container"] == issuer.serial and record["issuer_told"] is True
    assert "retired" in [e for e, _ in events(vault)]


def test_the_issuer_down_still_forgets_and_says_to_call_the_help_desk(
    vault: Vault, issuer: FakeContainerIssuer
) -> None:
    workstation = delivered(vault, issuer)
    issuer.stop()
    outcome = workstation.retire("Work")
    assert outcome.unregistered and outcome.note is not None
    note = outcome.note.message
    assert issuer.serial in note and "help desk" in note and "--reason lost" in note and "\n" not in note
    assert issuer.url in note  # the reason, in the unreachable error's own words
    assert outcome.note.template.startswith("This workstation no longer synchronizes with {issuer}")
    assert vault.status() == [] and registration_status(vault) is None
    issuer.start()
    with pytest.raises(NotRegistered):
        workstation.sync()  # no registration is left here to sync with
    assert issuer.state == "registered"  # the issuer was not told: the help desk ends it
    (record,) = [r for e, r in events(vault) if e == "container_unregistered"]
    assert record["issuer_told"] is False


def test_an_issuer_refusing_to_unregister_still_forgets(vault: Vault, issuer: FakeContainerIssuer) -> None:
    workstation = delivered(vault, issuer)
    issuer.unregister_allowed = False
    outcome = workstation.retire("Work")
    assert outcome.unregistered and outcome.note is not None
    assert not is_registered(vault) and issuer.state == "registered"
    assert "Unregistering the container is not allowed" in outcome.note.message  # the issuer's reason
    assert isinstance(outcome.note, SoftTokenError)


def test_a_hand_activated_token_leaves_the_registration_alone(
    vault: Vault, issuer: FakeContainerIssuer
) -> None:
    workstation = delivered(vault, issuer)
    vault.activate(description(), "Mail token", PIN, PIN)  # came by e-mail, not from the container
    calls = len(issuer.calls)
    outcome = workstation.retire("Mail token")
    assert outcome.name == "Mail token" and not outcome.unregistered and outcome.note is None
    assert len(issuer.calls) == calls  # no network at all
    assert [t.name for t in vault.status()] == ["Work"]
    current = registration_status(vault)
    assert current is not None and current.serial == issuer.serial and issuer.state == "registered"
    workstation.sync()  # still registered


def test_retiring_without_a_registration_is_the_plain_retire(vault: Vault) -> None:
    vault.activate(description(), "Local", PIN, PIN)
    outcome = Workstation(vault).retire("Local")
    assert not outcome.unregistered and vault.status() == []
    with pytest.raises(TokenNotFound):
        Workstation(vault).retire("Local")


def test_registration_status_loads_no_container_crypto(vault: Vault, issuer: FakeContainerIssuer) -> None:
    assert registration_status(vault) is None and not is_registered(vault)
    workstation = delivered(vault, issuer)
    assert registration_status(vault) == workstation.status()
    import subprocess
    import sys

    probe = (
        "import sys; from softtoken.core.containers import registration_status; "
        "print(sorted(m for m in sys.modules if m.startswith(('cryptography', 'httpx', "
        "'softtoken.core.containers.workstation', 'softtoken.core.containers.transport'))))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
