"""One vault operation under the lock: the authenticated file and the keystore as seen now.

Every public :class:`~softtoken.core.vault.vault.Vault` method opens one
session, does its work through it and closes it before answering; the
modules beside this one (unlocking, tokens, auditing) take a session, so
the state they share has one owner and lives exactly as long as the lock.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ..audit import AuditHead
from ..clock import Clock
from ..errors import TokenNotFound
from ..policy import Policy
from ..secret import Secret
from . import crypto
from .keys import KeyCache
from .model import TokenRecord, VaultDoc

if TYPE_CHECKING:
    from ..tpm.chip import Chip
    from .vault import Vault

log = logging.getLogger(__name__)


class Session:
    def __init__(self, vault: Vault, keys: KeyCache, doc: VaultDoc | None) -> None:
        self.vault = vault
        self.keys = keys
        self.loaded = doc
        self._chip: Chip | None = None

    def chip(self) -> Chip:
        """The TPM, opened once per session (the vault's injected opener); closed with the session.

        ChipUnavailable says why there is none.
        """
        if self._chip is None:
            self._chip = self.vault.open_chip()
        return self._chip

    def close(self) -> None:
        """Flush and forget everything this session loaded into the TPM."""
        chip, self._chip = self._chip, None
        if chip is not None:
            chip.close()

    @property
    def doc(self) -> VaultDoc:
        if self.loaded is None:
            raise TokenNotFound("There is no token on this workstation yet. Activate one first.")
        return self.loaded

    @property
    def clock(self) -> Clock:
        return self.vault.clock

    @property
    def policy(self) -> Policy:
        return self.vault.policy

    def now(self) -> float:
        return float(self.vault.clock.now())

    def derived(self, info: bytes) -> Secret:
        """A key derived from the vault key (file MAC, audit MAC, fingerprints)."""
        return self.vault.derived_key(self.keys, self.doc.vault_id, info)

    def write(self) -> None:
        self.vault.file.write(
            self.doc, lambda vault_id: self.vault.derived_key(self.keys, vault_id, MAC_INFO)
        )

    def audit(self, event: str, *, mirror: bool = True, **details: Any) -> AuditHead:
        """Append a record after checking the log against the keystore's mirrored head.

        Security events are mirrored (the head can then never be cut off unseen);
        routine unlocks are not (a Secret Service write per unlock), so only
        trailing routine records after the last security event can be cut unseen.
        """
        vault_id = self.doc.vault_id
        mirrored = self.mirrored_head()
        head = self.vault.audit.append(event, mirrored, **details)
        if mirror:
            self.keys.save_audit_head(vault_id, head)
            mirrored = head
        self.vault.heads.remember(vault_id, mirrored, self.vault.audit.path)
        return head

    def mirrored_head(self) -> AuditHead | None:
        """The keystore's audit head (or this process's copy of it, while the log is unchanged)."""
        vault_id = self.doc.vault_id
        known, head = self.vault.heads.recall(vault_id, self.vault.audit.path)
        if not known:
            head = self.keys.audit_head(vault_id)
            self.vault.heads.remember(vault_id, head, self.vault.audit.path)
        return head

    def token_entry_name(self, token: TokenRecord) -> str:
        return self.keys.token_entry_name(self.doc.vault_id, token.token_id, token.protection)


MAC_INFO = b"softtoken/1/file-mac"
AUDIT_INFO = b"softtoken/1/audit"
FINGERPRINT_INFO = b"softtoken/1/fingerprint"


def fingerprint(session: Session, seed: Secret) -> str:
    """A keyed fingerprint of a seed: lets replacement refuse a reused seed without keeping any."""
    with session.derived(FINGERPRINT_INFO) as key:
        return crypto.mac(key, seed.buffer).hex()  # the bytearray itself: no bytes copy of the seed
