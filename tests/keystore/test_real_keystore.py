"""The real OS keystore: gnome-keyring's Secret Service under dbus-run-session.

scripts/test runs this tier inside ``dbus-run-session`` with a throw-away HOME
and an unlocked gnome-keyring; elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from softtoken.core import errors
from softtoken.core.clock import FixedClock
from softtoken.core.keystore import OsKeystore, secure_backend
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault
from tests.vaults import CHEAP, PIN, description

pytestmark = [
    pytest.mark.keystore,
    pytest.mark.skipif(
        not os.environ.get("SOFTTOKEN_REAL_KEYSTORE"),
        reason="needs gnome-keyring under dbus-run-session (scripts/test runs this tier)",
    ),
]


def _secret_service_items() -> set[str]:
    import secretstorage

    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        return {
            item.get_attributes().get("username", "")
            for item in collection.get_all_items()
            if item.get_attributes().get("service") == "softtoken"
        }
    finally:
        connection.close()


def test_backend_is_secret_service() -> None:
    backend = secure_backend()
    assert backend is not None and type(backend).__module__ == "keyring.backends.SecretService"
    OsKeystore().probe()


def test_vault_on_the_real_keystore(tmp_path: Path) -> None:
    clock = FixedClock(59)
    vault = Vault(tmp_path / "home", policy=Policy(max_attempts=3), clock=clock, kdf=CHEAP)
    vault.activate(description(extra="&digits=8"), "EPCS", PIN, PIN)
    vault_id = vault.vault_id()
    items = _secret_service_items()
    token_entries = {i for i in items if i.startswith(f"{vault_id}/")}
    assert vault_id in items and len(token_entries) == 1

    # a new Vault object (a new process, as far as the keystore is concerned) unlocks
    fresh = Vault(tmp_path / "home", policy=Policy(max_attempts=3), clock=clock, kdf=CHEAP)
    assert fresh.unlock(None, PIN).codes[0].code == "94287082"

    for _ in range(3):
        with pytest.raises(errors.WrongPin):
            fresh.unlock(None, "1357")
        clock.advance(700)
    assert not token_entries & _secret_service_items()  # the device key is gone from the keystore
    with pytest.raises(errors.TokenDisabled):
        fresh.unlock(None, PIN)
    assert fresh.audit_verify().ok
