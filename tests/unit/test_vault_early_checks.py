"""Vault.check_activation and check_replacement: what activate/replace refuse, said before a PIN is asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from softtoken.core import errors
from softtoken.core.vault.vault import Vault
from tests.keyrings import MemoryKeyring
from tests.vaults import PIN, description, make_vault

OTHER = bytes(range(200, 220))


@pytest.fixture
def vault(tmp_path: Path, memory_keyring: MemoryKeyring) -> Vault:
    vault = make_vault(tmp_path / "h", memory_keyring)
    vault.activate(description(extra="&serial=S1"), "EPCS", PIN, PIN)
    return vault


def test_an_activation_repeating_a_seed_or_a_serial_is_refused_early(vault: Vault) -> None:
    generation = vault.load().generation  # type: ignore[union-attr]
    with pytest.raises(errors.SeedReused, match="already used"):
        vault.check_activation(description())
    with pytest.raises(errors.SeedReused, match="already has serial S1"):
        vault.check_activation(description(OTHER, extra="&serial=S1"))
    vault.check_activation(description(OTHER, extra="&serial=S2"))  # a new one passes
    assert vault.load().generation == generation  # type: ignore[union-attr]  # nothing written
    vault.retire("EPCS")
    with pytest.raises(errors.SeedReused, match="replaced or removed"):
        vault.check_activation(description())


def test_before_any_vault_there_is_nothing_to_repeat(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    vault = make_vault(tmp_path / "new", memory_keyring)
    vault.check_activation(description())
    assert not vault.exists() and memory_keyring.entries == {}


def test_a_replacement_may_keep_its_own_serial_but_not_another_tokens(vault: Vault) -> None:
    vault.activate(description(OTHER, extra="&serial=S2"), "Other", PIN, PIN)
    vault.check_replacement("EPCS", description(bytes(range(50, 70)), extra="&serial=S1"))
    with pytest.raises(errors.SeedReused, match="'Other' on this workstation already has serial S2"):
        vault.check_replacement("EPCS", description(bytes(range(50, 70)), extra="&serial=S2"))
