"""Step 1's keystore question is asked of a real session bus (a private dbus-daemon), not of the keystore."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from softtoken.core import keystore_probe
from softtoken.core.errors import KeystoreUnavailable

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Secret Service is Linux's")


@pytest.fixture
def no_backend_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in the app: nobody called keyring.set_keyring() (the tests' in-memory keyring is taken out)."""
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)


@pytest.mark.usefixtures("no_backend_chosen")
def test_no_keystore_service_on_the_bus_is_said(session_bus: Callable[..., str]) -> None:
    session_bus()
    assert keystore_probe.keystore_present() is False
    with pytest.raises(KeystoreUnavailable, match="No secure keystore is available"):
        keystore_probe.refuse_without_keystore()


@pytest.mark.usefixtures("no_backend_chosen")
def test_an_activatable_secret_service_counts_and_is_not_started(session_bus: Callable[..., str]) -> None:
    session_bus("org.freedesktop.secrets")
    assert keystore_probe.refuse_without_keystore() is True


@pytest.mark.usefixtures("no_backend_chosen")
def test_a_running_secret_service_counts(session_bus: Callable[..., str]) -> None:
    session_bus()
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(bus="SESSION") as owner:
        owner.send_and_get_reply(message_bus.RequestName("org.freedesktop.secrets"))
        assert keystore_probe.keystore_present() is True


@pytest.mark.usefixtures("no_backend_chosen")
def test_kwallet_alone_counts_only_where_keyring_can_use_it(session_bus: Callable[..., str]) -> None:
    session_bus("org.kde.kwalletd5")
    import importlib.util

    assert keystore_probe.keystore_present() is (importlib.util.find_spec("dbus") is not None)


@pytest.mark.usefixtures("no_backend_chosen")
def test_an_unreachable_bus_leaves_it_to_the_keystore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    assert keystore_probe.keystore_present() is None
    assert keystore_probe.refuse_without_keystore() is False


def test_a_chosen_backend_wins_over_the_bus(session_bus: Callable[..., str]) -> None:
    session_bus()  # no service at all, but the tests' in-memory keyring was set with keyring.set_keyring()
    assert keystore_probe.keystore_present() is None


@pytest.mark.usefixtures("no_backend_chosen")
@pytest.mark.parametrize("how", ["environment", "config file"])
def test_a_configured_backend_wins_over_the_bus(
    how: str, session_bus: Callable[..., str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_bus()
    if how == "environment":
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    else:
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
        (tmp_path / "config" / "python_keyring").mkdir(parents=True)
        (tmp_path / "config" / "python_keyring" / "keyringrc.cfg").write_text("[backend]\n")
    assert keystore_probe.keystore_present() is None


@pytest.mark.usefixtures("no_backend_chosen")
def test_elsewhere_only_the_keystore_can_tell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert keystore_probe.keystore_present() is None


@pytest.mark.parametrize("xdg", [None, "custom"])
def test_the_config_file_looked_for_is_keyrings_own(
    xdg: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """keystore_probe writes out keyring's config_root() rather than importing keyring: the same place."""
    from keyring.util.platform_ import config_root

    if xdg is None:
        monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / xdg))
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    assert keystore_probe._backend_chosen() is False
    config_root().mkdir(parents=True, exist_ok=True)
    (config_root() / "keyringrc.cfg").write_text("[backend]\n")
    assert keystore_probe._backend_chosen() is True
