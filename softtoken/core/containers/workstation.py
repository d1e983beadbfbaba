"""This workstation as a client of an issuer's token container (privacyIDEA 3.11+).

The one front door for registration, synchronization, claiming delivered
tokens, moving to a new workstation and unregistering. Every network call
happens *outside* the vault lock: the vault is locked only to read the
registration (and sign with its key) and to apply a result, so a front end may
run a Workstation on its own thread while another thread unlocks tokens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric import ec

from ..errors import (
    AlreadyRegistered,
    ContainerPolicyError,
    InputError,
    IssuerError,
    IssuerRefused,
    IssuerReplyInvalid,
    NotRegistered,
    RegistrationExpired,
    RolloverNotAllowed,
    Sentence,
    SoftTokenError,
    VaultError,
)
from ..lifecycle import Reason
from ..pin import check_new_pin
from ..vault import container_sync, containers, tokens
from . import protocol
from .link import ContainerLink, parse_container_link
from .results import (
    Delivery,
    Registration,
    RegistrationPreview,
    RemovedToken,
    RetireOutcome,
    SyncResult,
)
from .status import registration_of, registration_status
from .transport import Issuer, check_issuer, endpoint

if TYPE_CHECKING:
    import httpx

    from ..vault.results import TokenStatus
    from ..vault.session import Session
    from ..vault.vault import Vault

log = logging.getLogger(__name__)
NOT_REGISTERED_CODE = 3001
_GARBLED = (
    "The issuer {url} sent a reply softtoken cannot read; nothing was changed. If this goes on, "
    "call your help desk."
)


@dataclass(frozen=True)
class _Call:
    """What one signed exchange needs, read under the lock and used after it."""

    serial: str
    url: str
    issuer: Issuer
    key: ec.EllipticCurvePrivateKey = field(repr=False)
    held: list[str]
    policies: Any


class Workstation:
    def __init__(self, vault: Vault, *, http: Callable[..., httpx.Client] | None = None) -> None:
        """``http`` makes the HTTP client for one exchange (tests hand in their own);
        clock and policy are the vault's."""
        self.vault = vault
        self._http = http

    def preview(self, link: ContainerLink) -> RegistrationPreview:
        """What registering with ``link`` means, checked against the policy; no network.

        Refuses (ContainerPolicyError) an issuer the policy does not allow,
        (RegistrationExpired) a link past its time to live, and
        (AlreadyRegistered) a second registration.
        """
        check_issuer(link.url, link.ssl_verify, self.vault.policy)
        if self.vault.clock.now() >= link.expires_at:
            raise RegistrationExpired(
                "This registration link expired at {when}. Ask the help desk for a new one.",
                params={"when": _shown_time(link.expires_at)},
            )
        current = self.status()
        if current is not None:
            raise AlreadyRegistered(
                "This workstation is already registered with {issuer} (container {serial}). To move to "
                "another registration, unregister first.",
                params={"issuer": current.issuer, "serial": current.serial},
            )
        return RegistrationPreview(
            issuer=link.issuer,
            url=link.url,
            serial=link.serial,
            expires_at=link.expires_at,
            needs_passphrase=link.needs_passphrase,
            passphrase_prompt=link.passphrase_prompt,
        )

    def register(self, link: ContainerLink, passphrase: str | None = None) -> Registration:
        """Make the workstation's key, finalize the registration at the issuer, keep it in the vault."""
        self.preview(link)
        verify = check_issuer(link.url, link.ssl_verify, self.vault.policy)
        if link.needs_passphrase and not passphrase:
            raise InputError(
                "The issuer asks for a passphrase ({prompt}); give it to register this workstation.",
                params={"prompt": link.passphrase_prompt},
            )
        if not self.vault.exists():
            probe = getattr(self.vault.keystore, "probe", None)
            if probe is not None:
                probe()  # no keystore, no registration: refused before the issuer takes the key
        key = protocol.new_signing_key()
        message = protocol.registration_message(
            link.nonce, link.time, link.serial, link.url, passphrase=passphrase or ""
        )
        form = {
            "container_serial": link.serial,
            "signature": protocol.sign(key, message),
            "public_client_key": protocol.public_key_pem(key),
        }
        if passphrase and link.send_passphrase:
            form["passphrase"] = passphrase
        value = Issuer(link.url, verify).post(protocol.FINALIZE, form, self._http)
        private = protocol.private_key_bytes(key)
        existed = self.vault.exists()
        try:
            with self.vault.container_session(create=True) as session:
                if containers.section(session.loaded) is not None:
                    raise AlreadyRegistered(
                        "This workstation was registered by another softtoken window meanwhile; nothing was "
                        "changed."
                    )
                containers.save_registration(
                    session,
                    serial=link.serial,
                    issuer=link.issuer,
                    url=link.url,
                    ssl_verify=link.ssl_verify,
                    private_key=private,
                    policies=value.get("policies"),
                    vault_created=not existed,
                )
                return self._registration(session)
        finally:
            private.wipe()

    def status(self) -> Registration | None:
        """The registration, or None when this workstation has none; no network."""
        return registration_status(self.vault)

    def _registration(self, session: Session) -> Registration:
        return registration_of(containers.required(session))

    def _start(self) -> _Call:
        """Read the registration (and its key) under the lock; the network call comes after."""
        with self.vault.container_session() as session:
            found = containers.required(session)
            der = containers.signing_key(session)
            try:
                key = protocol.load_signing_key(der)
            except ValueError:
                raise VaultError(
                    "The registration key in the token vault is damaged; ask the help desk for a new "
                    "registration link."
                ) from None
            finally:
                der.wipe()
            held = containers.held_serials(session)
        verify = check_issuer(found["url"], found["ssl_verify"], self.vault.policy)
        return _Call(
            found["serial"], found["url"], Issuer(found["url"], verify), key, held, found.get("policies", {})
        )

    def _challenge(self, call: _Call, path: str) -> tuple[str, str]:
        value = call.issuer.post(
            protocol.CHALLENGE,
            {"container_serial": call.serial, "scope": endpoint(call.url, path)},
            self._http,
        )
        nonce, stamp = value.get("nonce"), value.get("time_stamp")
        if not isinstance(nonce, str) or not isinstance(stamp, str) or not nonce or not stamp:
            raise IssuerReplyInvalid(_GARBLED, params={"url": call.url})
        return nonce, stamp

    def _failed(self, error: SoftTokenError) -> None:
        """Note a failed exchange in the vault (status line, support card); the error is raised after."""
        try:
            with self.vault.container_session() as session:
                containers.record_error(session, error)
        except SoftTokenError as exc:
            log.warning("sync failure not recorded: %s", type(exc).__name__)

    def sync(self) -> SyncResult:
        """Synchronize with the issuer: new and re-keyed tokens become deliveries, dropped ones go."""
        try:
            call = self._start()
        except ContainerPolicyError as exc:
            self._failed(exc)
            raise
        try:
            nonce, stamp = self._challenge(call, protocol.SYNCHRONIZE)
            exchange = protocol.new_exchange_key()
            public = protocol.exchange_public(exchange)
            listing = protocol.client_dict(call.serial, call.held)
            message = protocol.signed_request(
                nonce, stamp, call.serial, call.url, protocol.SYNCHRONIZE, public, listing
            )
            value = call.issuer.post(
                protocol.SYNCHRONIZE,
                {
                    "container_serial": call.serial,
                    "signature": protocol.sign(call.key, message),
                    "public_enc_key_client": public,
                    "container_dict_client": listing,
                },
                self._http,
            )
            server = protocol.decrypt_reply(exchange, value, call.url, call.serial)
        except (IssuerError, ContainerPolicyError) as exc:
            self._failed(exc)
            raise
        with self.vault.container_session() as session:
            delivered, removed, updated = container_sync.apply_sync(
                session, call.serial, server.add, server.listed, server.updated, value.get("policies")
            )
        return SyncResult(
            delivered=[Delivery(**d) for d in delivered],
            removed=[RemovedToken(**r) for r in removed],
            updated=updated,
        )

    def pending(self) -> list[Delivery]:
        """The delivered tokens waiting to be named and given a PIN; no network."""
        if not self.vault.exists():
            return []
        with self.vault.container_session() as session:
            found = containers.section(session.loaded)
            if found is None:
                return []
            return [
                Delivery(**container_sync.delivery_view(session, found, p)) for p in found.get("pending", [])
            ]

    def claim(self, serial: str, name: str, pin: str, confirm: str) -> TokenStatus:
        """Turn a delivery into a token named ``name`` with ``pin``, exactly like an activation."""
        check_new_pin(pin, confirm, self.vault.policy)
        with self.vault.container_session() as session:
            token = container_sync.claim(session, serial, name, pin)
            token_id = token.token_id
        return self.vault.token_status(token_id)

    def rollover(self) -> str:
        """Ask the issuer for a registration link for the new workstation (the tokens then move)."""
        current = self.status()
        if current is None:
            raise _not_registered()
        if not current.rollover_allowed:
            raise RolloverNotAllowed(
                "The issuer's policy does not let this workstation move its tokens by itself. Call your "
                "help desk to move to a new workstation."
            )
        call = self._start()
        nonce, stamp = self._challenge(call, protocol.ROLLOVER)
        message = protocol.signed_request(nonce, stamp, call.serial, call.url, protocol.ROLLOVER)
        value = call.issuer.post(
            protocol.ROLLOVER,
            {
                "container_serial": call.serial,
                "signature": protocol.sign(call.key, message),
                "scope": endpoint(call.url, protocol.ROLLOVER),
            },
            self._http,
        )
        text = _link_text(value)
        if text is None:
            raise IssuerReplyInvalid(_GARBLED, params={"url": call.url})
        parse_container_link(text)  # the new workstation must be able to read it
        with self.vault.container_session() as session:
            session.audit("container_rollover_requested", container=call.serial)
        return text

    def finish_move(self) -> None:
        """Forget the container's tokens and the registration here (the new workstation has them)."""
        with self.vault.container_session() as session:
            containers.forget(session, tokens_too=True, event="container_moved")

    def unregister(self) -> None:
        """Tell the issuer this workstation leaves, then forget the registration; tokens stay usable."""
        call = self._start()
        self._terminate(call)
        with self.vault.container_session() as session:
            found = containers.required(session)
            if found["serial"] != call.serial:
                raise _not_registered()
            containers.forget(session, tokens_too=False, event="container_unregistered")

    def _terminate(self, call: _Call) -> None:
        """``/container/register/terminate/client``: the issuer stops serving this workstation."""
        try:
            nonce, stamp = self._challenge(call, protocol.TERMINATE)
            message = protocol.signed_request(nonce, stamp, call.serial, call.url, protocol.TERMINATE)
            call.issuer.post(
                protocol.TERMINATE,
                {"container_serial": call.serial, "signature": protocol.sign(call.key, message)},
                self._http,
            )
        except IssuerRefused as exc:
            if exc.code != NOT_REGISTERED_CODE:
                raise
            log.info("the issuer had already unregistered this workstation")

    def retire(self, name_or_id: str) -> RetireOutcome:
        """Retire a token here; one the container delivered also ends the registration.

        Retiring a delivered token means the prescriber leaves this workstation: left
        registered, the next sync would deliver the token again (re-keyed). So the issuer
        is told (terminate/client) and the registration forgotten here. When the issuer
        cannot be reached or refuses, it is forgotten all the same (a sync must never
        bring the token back) and ``note`` asks for the help desk to end it there. A
        token activated by hand leaves the registration alone.
        """
        with self.vault.container_session() as session:
            token = tokens.find(session.doc, name_or_id)
            found = containers.section(session.loaded)
            delivered = found is not None and token in containers.container_tokens(session.doc, found)
            name = token.name
            tokens.retire(session, token.token_id, Reason.NEW_WORKSTATION)
        if not delivered or found is None:
            return RetireOutcome(name=name, unregistered=False)
        serial, issuer = found["serial"], found["issuer"]
        problem: SoftTokenError | None = None
        try:
            self._terminate(self._start())
        except NotRegistered:
            return RetireOutcome(name=name, unregistered=True, container=serial, issuer=issuer)
        except SoftTokenError as exc:  # unreachable, refused, no longer allowed, a damaged key
            problem = exc
        with self.vault.container_session() as session:
            now = containers.section(session.loaded)
            if now is not None and now["serial"] == serial:
                containers.forget(
                    session, tokens_too=False, event="container_unregistered", issuer_told=problem is None
                )
        note = None
        if problem is not None:
            note = SoftTokenError(
                "This workstation no longer synchronizes with {issuer}, but the issuer was not told "
                "({problem}). Ask your help desk to end the registration of container {serial} "
                "(softtoken-helpdesk replace USER --reason lost).",
                params={"issuer": issuer, "problem": Sentence(problem), "serial": serial},
            )
        return RetireOutcome(name=name, unregistered=True, container=serial, issuer=issuer, note=note)


def _shown_time(when: float) -> str:
    """A moment as the messages say it: UTC, to the minute."""
    from datetime import UTC, datetime

    return datetime.fromtimestamp(when, UTC).strftime("%Y-%m-%d %H:%M UTC")


def _not_registered() -> NotRegistered:
    return NotRegistered(
        "This workstation is not registered with an issuer. Register it with the link from your help "
        "desk first."
    )


def _link_text(value: dict[str, Any]) -> str | None:
    """The registration link in a register/initialize-like reply (``container_url.value``)."""
    url = value.get("container_url")
    text = url.get("value") if isinstance(url, dict) else url
    return text if isinstance(text, str) and text.startswith("pia://") else None
