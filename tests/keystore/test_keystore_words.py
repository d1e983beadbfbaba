"""The support card names the real keystore in words: gnome-keyring answers as the Secret Service."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from softtoken.core.clock import FixedClock
from softtoken.core.diagnostics import render, support_card
from softtoken.core.keystore import keystore_in_words, secret_service_program
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault

pytestmark = [
    pytest.mark.keystore,
    pytest.mark.skipif(
        not os.environ.get("SOFTTOKEN_REAL_KEYSTORE"),
        reason="needs gnome-keyring under dbus-run-session (scripts/test runs this tier)",
    ),
]


def test_gnome_keyring_by_name(tmp_path: Path) -> None:
    assert secret_service_program() == "GNOME Keyring"
    assert keystore_in_words("keyring.backends.SecretService.Keyring") == "GNOME Keyring"
    vault = Vault(tmp_path / "home", policy=Policy(), clock=FixedClock(59))
    card = support_card(vault, vault.policy, vault.clock)  # before any vault: the keystore is named
    assert card["keystore"]["name"] == "GNOME Keyring"
    assert "Keystore: GNOME Keyring\n" in render(card)
    assert "Keystore backend: keyring.backends.SecretService.Keyring" in render(card)
