"""On a real desktop session (gnome-keyring under dbus-run-session), step 1's bus question says yes."""

from __future__ import annotations

import pytest

from softtoken.core import keystore_probe

pytestmark = pytest.mark.keystore


def test_gnome_keyring_is_found_on_the_bus_without_opening_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)  # as in the app: nothing chosen yet
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    assert keystore_probe.keystore_present() is True
    assert keystore_probe.refuse_without_keystore() is True
