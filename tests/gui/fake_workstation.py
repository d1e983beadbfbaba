"""A test double of core's ``Workstation`` (the contract's API), for GUI tests of the screens' flow.

It is NOT the protocol: it talks to no issuer. It answers with core's own result
dataclasses, records the calls (and on which thread), can be told to fail, and
claims a delivery by activating a real token in the real vault, so the window
that follows reads a real vault. One test (test_workstation_real_issuer.py) runs
the real Workstation against the loopback fake issuer instead.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from softtoken.core.containers.results import (
    Delivery,
    Registration,
    RegistrationPreview,
    RemovedToken,
    RetireOutcome,
    SyncResult,
)
from softtoken.core.vault.vault import TokenStatus, Vault
from tests.vaults import description

ISSUER = "ACME Health"
URL = "https://pi.acme-health.example"
SERIAL = "SMPH0000D181"
NEW_LINK = (
    "pia://container/SMPH0000D181?issuer=ACME%20Health&ttl=10&nonce=0123456789abcdef0123456789abcdef01234567"
    "&time=2026-12-02T15%3A00%3A00.000000%2B00%3A00&url=https%3A//pi.acme-health.example&serial=SMPH0000D181"
    "&key_algorithm=secp384r1&hash_algorithm=SHA256&ssl_verify=True&passphrase=&send_passphrase=False"
)


def registration_link(passphrase: str = "") -> str:
    """A pia://container link as privacyIDEA 3.14 makes it (every parameter, in its order)."""
    prompt = passphrase.replace(" ", "%20")
    return NEW_LINK.replace(
        "&passphrase=&send_passphrase=False", f"&passphrase={prompt}&send_passphrase=False"
    )


@dataclass
class FakeWorkstation:
    vault: Vault
    registered: bool = False
    rollover_allowed: bool = True
    fail_sync: BaseException | None = None
    fail_register: BaseException | None = None
    fail_preview: BaseException | None = None
    deliveries: list[Delivery] = field(default_factory=list)  # what the next sync brings
    removed: list[RemovedToken] = field(default_factory=list)
    pending_now: list[Delivery] = field(default_factory=list)
    calls: list[tuple[str, str]] = field(default_factory=list)  # (call, thread name)
    passphrases: list[str | None] = field(default_factory=list)
    claimed: list[tuple[str, str]] = field(default_factory=list)  # (serial, name)
    last_error: Any = None
    seeds: dict[str, bytes] = field(default_factory=dict)
    gate: threading.Event | None = None  # sync waits for it (a slow issuer)
    retire_note: Any = None  # what retire says when the issuer was not told (core's note)

    def _called(self, name: str) -> None:
        self.calls.append((name, threading.current_thread().name))

    def count(self, name: str) -> int:
        return sum(1 for call, _ in self.calls if call == name)

    def _registration(self) -> Registration:
        return Registration(
            issuer=ISSUER,
            url=URL,
            serial=SERIAL,
            registered_at=1_764_165_000.0,
            last_sync_at=None,
            last_error=self.last_error,
            rollover_allowed=self.rollover_allowed,
            unregister_allowed=True,
            pending=len(self.pending_now),
        )

    def preview(self, link: Any) -> RegistrationPreview:
        self._called("preview")
        if self.fail_preview is not None:
            raise self.fail_preview
        return RegistrationPreview(
            issuer=link.issuer,
            url=link.url,
            serial=link.serial,
            expires_at=link.expires_at,
            needs_passphrase=bool(link.passphrase_prompt),
            passphrase_prompt=link.passphrase_prompt,
        )

    def register(self, link: Any, passphrase: str | None = None) -> Registration:
        self._called("register")
        self.passphrases.append(passphrase)
        if self.fail_register is not None:
            raise self.fail_register
        self.registered = True
        return self._registration()

    def status(self) -> Registration | None:
        self._called("status")
        return self._registration() if self.registered else None

    def sync(self) -> SyncResult:
        self._called("sync")
        if self.gate is not None:
            self.gate.wait(10)
        if self.fail_sync is not None:
            self.last_error = self.fail_sync
            raise self.fail_sync
        delivered, self.deliveries = self.deliveries, []
        removed, self.removed = self.removed, []
        self.pending_now += delivered
        return SyncResult(delivered=delivered, removed=removed, updated=0)

    def pending(self) -> list[Delivery]:
        self._called("pending")
        return list(self.pending_now)

    def claim(self, serial: str, name: str, pin: str, confirm: str) -> TokenStatus:
        self._called("claim")
        delivery = next(d for d in self.pending_now if d.serial == serial)
        seed = self.seeds.get(serial, bytes(range(100, 120)))
        if delivery.replaces:  # core retires the old token in the same write; the double, just before
            old = next(t for t in self.vault.status() if t.name == delivery.replaces)
            self.vault.retire(old.token_id)
        status = self.vault.activate(description(seed, extra=f"&serial={serial}"), name, pin, confirm)
        self.pending_now.remove(delivery)
        self.claimed.append((serial, name))
        return status

    def rollover(self) -> str:
        self._called("rollover")
        return NEW_LINK

    def finish_move(self) -> None:
        """As core: the delivered (claimed) tokens go, the ones activated by hand stay."""
        self._called("finish_move")
        delivered = {serial for serial, _ in self.claimed}
        for token in self.vault.status():
            if token.serial in delivered:
                self.vault.retire(token.token_id)
        self.registered = False

    def retire(self, name_or_id: str) -> RetireOutcome:
        """Core's rule, as the contract says it: a delivered token also ends the registration."""
        self._called("retire")
        token = next(t for t in self.vault.status() if name_or_id in (t.token_id, t.name))
        self.vault.retire(token.token_id)
        if not (self.registered and token.serial in {serial for serial, _ in self.claimed}):
            return RetireOutcome(name=token.name, unregistered=False)
        self.registered = False
        return RetireOutcome(
            name=token.name, unregistered=True, container=SERIAL, issuer=ISSUER, note=self.retire_note
        )

    def unregister(self) -> None:
        self._called("unregister")
        self.registered = False


def delivery(serial: str = "TOTP0000C0DE", name: str = "ACME EPCS", replaces: str | None = None) -> Delivery:
    return Delivery(
        serial=serial, issuer=ISSUER, suggested_name=name, replaces=replaces, arrived_at=1_764_165_900.0
    )
