"""The real OS keystore: gnome-keyring's Secret Service under dbus-run-session.

scripts/test runs this tier inside ``dbus-run-session`` with a throw-away HOME
and an unlocked gnome-keyring; elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def test_a_restored_data_folder_on_the_real_keystore(tmp_path: Path) -> None:
    """The issue's reproduction with gnome-keyring: right PINs after a backup never count."""
    import shutil

    clock = FixedClock(1_800_000_000)
    home = tmp_path / "home"
    vault = Vault(home, policy=Policy(max_attempts=3), clock=clock, kdf=CHEAP)
    vault.activate(description(), "EPCS", PIN, PIN)
    shutil.copytree(home, tmp_path / "backup")
    for _ in range(5):
        clock.advance(30)
        assert Vault(home, policy=Policy(max_attempts=3), clock=clock, kdf=CHEAP).unlock(None, PIN).codes
    for name in ("vault.stv", "audit.log"):
        shutil.copy2(tmp_path / "backup" / name, home / name)
    fresh = Vault(home, policy=Policy(max_attempts=3), clock=clock, kdf=CHEAP)
    assert fresh.status()[0].failures == 0
    assert fresh.unlock(None, PIN).codes


# ------------------------------------------------- the kept Secret Service connection


def _keyring_backend() -> Any:
    from keyring.backends.SecretService import Keyring

    return Keyring()


def test_kept_connection_reads_and_writes_what_keyring_does() -> None:
    """Items look exactly like keyring's: either path reads what the other wrote, no duplicates."""
    store, backend = OsKeystore(), _keyring_backend()
    backend.set_password("softtoken", "from-keyring", "written by keyring")
    assert store.get("from-keyring") == "written by keyring"
    store.set("from-softtoken", "first")
    store.set("from-softtoken", "second")  # replaced, not added
    assert backend.get_password("softtoken", "from-softtoken") == "second"
    assert sorted(_secret_service_items()).count("from-softtoken") == 1
    assert store.get("never-written") is None
    store.delete("from-softtoken")
    assert store.get("from-softtoken") is None and backend.get_password("softtoken", "from-softtoken") is None


def test_one_session_key_exchange_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """keyring pays a Diffie-Hellman exchange per call; the kept link pays it once."""
    import secretstorage.util

    opened: list[object] = []
    real_open = secretstorage.util.open_session

    def counting_open(connection: Any) -> Any:
        opened.append(connection)
        return real_open(connection)

    monkeypatch.setattr(secretstorage.util, "open_session", counting_open)
    store = OsKeystore()
    for n in range(5):
        store.set("count", str(n))
        assert store.get("count") == str(n)
    assert len(opened) == 1


def test_a_broken_connection_falls_back_and_reconnects() -> None:
    store = OsKeystore()
    store.set("survivor", "v1")
    link = store._link
    assert link is not None and link._collection is not None
    link._collection.connection.close()  # the daemon went away under us, as far as this socket knows
    assert store.get("survivor") == "v1"  # keyring's own path answered
    store.set("survivor", "v2")  # and the next call opened a new kept connection
    assert link._collection is not None and store.get("survivor") == "v2"


def test_a_forked_child_opens_its_own_connection() -> None:
    store = OsKeystore()
    store.set("forked", "parent")
    pid = os.fork()
    if pid == 0:  # the child: sharing the parent's socket would interleave replies
        code = 0 if store.get("forked") == "parent" else 3
        try:
            store.set("forked", "child")
        except Exception:  # noqa: BLE001 - any failure is the child's exit code
            code = 4
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert store.get("forked") == "child"  # the parent's kept connection still works


LOCKED_PROBE = """
import secretstorage, secretstorage.collection, secretstorage.item, secretstorage.util
from softtoken.core import errors
from softtoken.core.keystore import OsKeystore
prompts = []
for module in (secretstorage.util, secretstorage.collection, secretstorage.item):
    real = module.exec_prompt
    def counted(*args, real=real, **kwargs):
        prompts.append(1)
        return real(*args, **kwargs)
    module.exec_prompt = counted
store = OsKeystore()
store.set("locked", "value")
connection = secretstorage.dbus_init()
secretstorage.get_default_collection(connection).lock()
fresh = OsKeystore()  # a new process, as far as the link is concerned: it opens on a locked keyring
try:
    fresh.get("locked")
except errors.KeystoreError as exc:
    print("KeystoreError:", exc)
print("prompts:", len(prompts))
try:
    store.get("locked")  # the kept connection of a process that was running when it was locked
except errors.KeystoreError as exc:
    print("KeystoreError again:", exc)
"""


def test_a_locked_keyring_gives_the_locked_error_not_a_hang(tmp_path: Path) -> None:
    """Run in a private D-Bus session so locking it does not disturb the other tests."""
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    env["HOME"] = str(tmp_path)
    script = (
        'printf %s probe | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" -c "$1"'
    )
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script, sys.executable, LOCKED_PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "KeystoreError: The system keystore refused access" in result.stdout, result.stderr
    assert "prompts: 1\n" in result.stdout  # one unlock prompt, not one from each path
    assert "KeystoreError again: The system keystore refused access" in result.stdout


def test_an_empty_search_is_confirmed_before_an_entry_counts_as_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """KeePassXC answers a search on a locked database with nothing; a missing device key
    disables a token, so the kept connection's "not found" is checked through keyring."""
    store = OsKeystore()
    store.set("present", "device key")
    link = store._link
    assert link is not None
    collection = link._collection_now()
    monkeypatch.setattr(collection, "search_items", lambda attributes: iter(()))  # as a locked KeePassXC
    assert store.get("present") == "device key"
    assert store.get("never-written") is None  # really absent: keyring's path says so too
