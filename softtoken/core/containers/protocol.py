"""privacyIDEA's container protocol, without the network: keys, signed strings, the sync reply.

Every detail follows what privacyIDEA 3.14 itself checks (see
/work/shared/reference/privacyidea-containers.md; where its own docs differ,
the server wins):

- the workstation key is ECDSA P-384; a signature is ECDSA with SHA-256 over the
  UTF-8 message, DER, base64 with padding;
- the signed strings are ``|``-joined, empty fields left out, ``nonce`` and
  ``time`` verbatim from the server, the scope ``url`` + ``/`` + path with no
  double slash (transport.endpoint);
- a sync reply is AES-256-GCM with a 16-byte nonce under the *raw* X25519
  shared secret (no KDF), the tag sent apart, no associated data.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ..errors import IssuerReplyInvalid
from ..secret import Secret
from .transport import endpoint

FINALIZE = "container/register/finalize"
SYNCHRONIZE = "container/synchronize"
ROLLOVER = "container/rollover"
TERMINATE = "container/register/terminate/client"
CHALLENGE = "container/challenge"
_B64URL = re.compile(r"[A-Za-z0-9_=-]*")
_SERIAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
MAX_TOKENS = 500


# ---------------------------------------------------------------- keys and signatures


def new_signing_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP384R1())


def private_key_bytes(key: ec.EllipticCurvePrivateKey) -> Secret:
    """The key as PKCS#8 DER, in a wipeable buffer (encrypted at once by the vault)."""
    return Secret(
        key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )


def load_signing_key(der: Secret) -> ec.EllipticCurvePrivateKey:
    key = serialization.load_der_private_key(bytes(der.buffer), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError("not an EC key")
    return key


def public_key_pem(key: ec.EllipticCurvePrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )


def sign(key: ec.EllipticCurvePrivateKey, message: str) -> str:
    """ECDSA-SHA256 over the UTF-8 message, DER, base64 with padding (the server's urlsafe decode)."""
    der = key.sign(message.encode("utf-8"), ec.ECDSA(hashes.SHA256()))
    return base64.urlsafe_b64encode(der).decode("ascii")


def _joined(*fields: str | None) -> str:
    return "|".join(f for f in fields if f)


def registration_message(
    nonce: str,
    time: str,
    serial: str,
    url: str,
    *,
    device_brand: str = "",
    device_model: str = "",
    passphrase: str = "",
) -> str:
    """``nonce|time|serial|<url>/container/register/finalize[|brand][|model][|passphrase]``."""
    return _joined(nonce, time, serial, endpoint(url, FINALIZE), device_brand, device_model, passphrase)


def signed_request(nonce: str, time_stamp: str, serial: str, url: str, path: str, *extra: str) -> str:
    """``nonce|time_stamp|serial|<url>/<path>[|extra…]`` (sync adds its key and client dict)."""
    return _joined(nonce, time_stamp, serial, endpoint(url, path), *extra)


# ---------------------------------------------------------------- the sync exchange


def new_exchange_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def exchange_public(key: X25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.urlsafe_b64encode(raw).decode("ascii")


def client_dict(serial: str, token_serials: list[str]) -> str:
    """``container_dict_client``: the serials whose current secret this workstation holds.

    Signed exactly as sent, so serialised once, here.
    """
    tokens = [{"serial": s} for s in sorted(set(token_serials))]
    return json.dumps({"serial": serial, "type": "smartphone", "tokens": tokens}, separators=(",", ":"))


@dataclass(frozen=True)
class ServerContainer:
    """The decrypted sync reply: links of tokens delivered (re-keyed) and serials merely listed."""

    serial: str
    add: list[tuple[str, str]] = field(repr=False)  # (token serial, otpauth link with its secret)
    listed: frozenset[str] = frozenset()  # every token serial the server lists (add and update)
    updated: frozenset[str] = frozenset()


def _b64url(text: Any) -> bytes:
    if not isinstance(text, str) or not _B64URL.fullmatch(text) or len(text) > 8 * 1024 * 1024:
        raise ValueError("base64")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ValueError("base64") from None


def _invalid(url: str) -> IssuerReplyInvalid:
    return IssuerReplyInvalid(
        "The issuer {url} sent a synchronization reply that does not decrypt or is garbled; it may "
        "have been changed on the way, so nothing was changed. If this goes on, call your help desk.",
        params={"url": url},
    )


def decrypt_reply(key: X25519PrivateKey, value: dict[str, Any], url: str, container: str) -> ServerContainer:
    """Decrypt and read the reply of /container/synchronize; a flipped byte is IssuerReplyInvalid."""
    try:
        params = value["encryption_params"]
        if not isinstance(params, dict) or str(params.get("mode", "GCM")).upper() != "GCM":
            raise ValueError("mode")
        ciphertext = _b64url(value["container_dict_server"])
        nonce = _b64url(params["init_vector"])
        tag = _b64url(params["tag"])
        server_key = _b64url(value["public_server_key"])
        if len(tag) != 16 or not 12 <= len(nonce) <= 64 or len(server_key) != 32:
            raise ValueError("sizes")
        shared = key.exchange(X25519PublicKey.from_public_bytes(server_key))
        plaintext = AESGCM(shared).decrypt(nonce, ciphertext + tag, None)
        document = json.loads(plaintext)
    except (KeyError, TypeError, ValueError, InvalidTag, UnicodeDecodeError, RecursionError):
        raise _invalid(url) from None
    try:
        return parse_server_container(document, container)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise _invalid(url) from None


def link_serial(link: str) -> str:
    """The ``serial=`` of a delivered otpauth link (ValueError without a usable one)."""
    if not link.lower().startswith("otpauth://"):
        raise ValueError("link")
    values = dict(parse_qsl(urlsplit(link).query, keep_blank_values=True))
    serial = values.get("serial", "")
    if not _SERIAL.fullmatch(serial):
        raise ValueError("serial")
    return serial


def parse_server_container(document: Any, container: str) -> ServerContainer:
    """``{"container": {"serial"}, "tokens": {"add": [links], "update": [{"serial"…}]}}``."""
    if not isinstance(document, dict):
        raise ValueError("document")
    own = document.get("container", {}).get("serial", container)
    if own != container:
        raise ValueError("another container")
    tokens = document.get("tokens", {})
    add_links = tokens.get("add", []) or []
    updates = tokens.get("update", []) or []
    if not isinstance(add_links, list) or not isinstance(updates, list):
        raise ValueError("lists")
    if len(add_links) + len(updates) > MAX_TOKENS:
        raise ValueError("too many")
    add: list[tuple[str, str]] = []
    for link in add_links:
        if not isinstance(link, str):
            raise ValueError("link")
        add.append((link_serial(link), link))
    updated = set()
    for entry in updates:
        serial = entry.get("serial") if isinstance(entry, dict) else None
        if isinstance(serial, str) and serial:
            updated.add(serial)
    listed = frozenset(updated | {serial for serial, _ in add})
    return ServerContainer(container, add, listed, frozenset(updated))
