"""A bare-bones workstation side of privacyIDEA's container protocol, for the console's e2e tests.

Plain httpx + cryptography, written from /work/shared/reference/privacyidea-containers.md
(finalize, challenge, synchronize), so the console's tests do not depend on softtoken's own
client (core/containers, built separately): it only has to register a link the console made,
and show what a sync delivers and removes.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def _scope(url: str, path: str) -> str:
    return url + ("" if url.endswith("/") else "/") + path


def _b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Refused(Exception):
    def __init__(self, status: int, code: int | None, message: str) -> None:
        super().__init__(f"HTTP {status}, code {code}: {message}")
        self.status, self.code = status, code


@dataclass
class SyncResult:
    added: dict[str, str]  # serial -> otpauth link (with the new secret)
    removed: list[str]


@dataclass
class Workstation:
    """One registered workstation: its key, and the tokens (serial -> otpauth link) it holds."""

    link: str
    key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP384R1()))
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def query(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(urlsplit(self.link).query, keep_blank_values=True).items()}

    @property
    def url(self) -> str:
        return self.query["url"]

    @property
    def serial(self) -> str:
        return self.query["serial"]

    def _sign(self, message: str) -> str:
        return base64.b64encode(self.key.sign(message.encode(), ec.ECDSA(hashes.SHA256()))).decode()

    def _post(self, path: str, data: dict[str, str]) -> Any:
        answer = httpx.post(_scope(self.url, path), data=data, timeout=15)
        body = answer.json()
        if answer.status_code != 200 or body["result"].get("status") is False:
            error = body["result"].get("error") or {}
            raise Refused(answer.status_code, error.get("code"), str(error.get("message")))
        return body["result"]["value"]

    def register(self) -> dict[str, Any]:
        q = self.query
        scope = _scope(self.url, "container/register/finalize")
        pem = self.key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        signature = self._sign("|".join([q["nonce"], q["time"], self.serial, scope]))
        value: dict[str, Any] = self._post(
            "container/register/finalize",
            {"container_serial": self.serial, "signature": signature, "public_client_key": pem.decode()},
        )
        return value

    def sync(self) -> SyncResult:
        """Challenge, signed sync with the serials held; the new tokens kept, the missing ones dropped."""
        scope = _scope(self.url, "container/synchronize")
        challenge = self._post("container/challenge", {"container_serial": self.serial, "scope": scope})
        ephemeral = x25519.X25519PrivateKey.generate()
        public = base64.b64encode(
            ephemeral.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        ).decode()
        held = {
            "serial": self.serial,
            "type": "smartphone",
            "tokens": [{"serial": s, "tokentype": "totp"} for s in self.tokens],
        }
        client_dict = json.dumps(held)
        message = "|".join(
            [challenge["nonce"], challenge["time_stamp"], self.serial, scope, public, client_dict]
        )
        value = self._post(
            "container/synchronize",
            {
                "container_serial": self.serial,
                "signature": self._sign(message),
                "public_enc_key_client": public,
                "container_dict_client": client_dict,
            },
        )
        shared = ephemeral.exchange(
            x25519.X25519PublicKey.from_public_bytes(_b64url(value["public_server_key"]))
        )
        params = value["encryption_params"]
        sealed = _b64url(value["container_dict_server"]) + _b64url(params["tag"])
        plain = json.loads(AESGCM(shared).decrypt(_b64url(params["init_vector"]), sealed, None))
        added = {}
        for link in plain["tokens"]["add"]:
            serial = parse_qs(urlsplit(link).query)["serial"][0]
            added[serial] = link
        listed = set(added) | {str(u["serial"]) for u in plain["tokens"].get("update", [])}
        removed = [s for s in self.tokens if s not in listed]
        for serial in removed:
            del self.tokens[serial]
        self.tokens.update(added)
        return SyncResult(added, removed)

    def code(self, serial: str, at: float | None = None) -> str:
        import pyotp

        secret = parse_qs(urlsplit(self.tokens[serial]).query)["secret"][0]
        otp = pyotp.TOTP(secret)
        return otp.now() if at is None else otp.at(at)
