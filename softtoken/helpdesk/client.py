"""A small privacyIDEA REST client: the calls the console needs, errors turned into ours.

Every request carries a fresh ``nonce``; privacyIDEA echoes it into the
signed answer, and a different echo is refused. With the issuer's
response-signing public key (``--issuer-key``) every answer's RSA-PSS
signature is checked too, and the nonce becomes mandatory, so an answer
cannot come from anywhere but that server, for this request.

httpx and cryptography are imported inside the functions that use them:
``softtoken-helpdesk --help`` stays light.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from softtoken import __version__

from .errors import (
    ConsoleSetupError,
    ImportRefused,
    IssuerAuthError,
    IssuerError,
    IssuerForbidden,
    IssuerProtocolError,
    IssuerRefused,
    IssuerUnavailable,
    SessionExpired,
    TokenOwnedElsewhere,
    TokenRevoked,
    UnknownSerial,
    UnknownUser,
    one_line,
)

log = logging.getLogger(__name__)

PAGE_SIZE = 200
_LOOPBACK_NAMES = ("localhost", "localhost.localdomain")


def check_server_url(url: str) -> str:
    """An https:// URL (plain http only for this computer), without credentials; no trailing slash."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise ConsoleSetupError(f"The issuer address '{one_line(text, 80)}' is not a valid URL.") from None
    if parts.scheme not in ("https", "http") or not host:
        raise ConsoleSetupError(
            f"The issuer address must look like https://issuer.example.org; got '{one_line(text, 80)}'."
        )
    if parts.username or parts.password:
        raise ConsoleSetupError("Do not put a name or password in the issuer address; use 'login'.")
    if parts.query or parts.fragment:
        raise ConsoleSetupError("The issuer address must not have a query (?…) or fragment (#…).")
    if parts.scheme == "http" and not _is_loopback(host):
        raise ConsoleSetupError(
            "Use https:// for the issuer: plain http would send the admin password and the "
            "activation secrets unprotected (http is allowed only for this computer)."
        )
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def verify_signature(body: dict[str, Any], public_key_pem: bytes) -> bool:
    """privacyIDEA's ``signature``: RSA-PSS/SHA-256 over json.dumps(body minus signature, sort_keys)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    signature = body.get("signature")
    if not isinstance(signature, str) or not signature.startswith("rsa_sha256_pss:"):
        return False
    try:
        raw = bytes.fromhex(signature.partition(":")[2])
        key = serialization.load_pem_public_key(public_key_pem)
    except ValueError:
        return False
    if not isinstance(key, rsa.RSAPublicKey):
        return False
    signed = json.dumps({k: v for k, v in body.items() if k != "signature"}, sort_keys=True).encode()
    try:
        key.verify(
            raw,
            signed,
            padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.MAX_LENGTH),
            hashes.SHA256(),
        )
    except InvalidSignature:
        return False
    return True


@dataclass(frozen=True)
class Answer:
    status: int
    result: dict[str, Any]
    detail: dict[str, Any]

    @property
    def value(self) -> Any:
        return self.result.get("value")


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    message: str
    serial: str


@dataclass(frozen=True)
class TokenInfo:
    """What the token list says about a token (privacyIDEA never lists secrets)."""

    serial: str
    type: str
    active: bool
    revoked: bool
    locked: bool
    rollout_state: str
    failcount: int
    maxfail: int
    username: str
    user_realm: str
    realms: tuple[str, ...]
    description: str
    info: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_api(cls, raw: dict[str, Any]) -> TokenInfo:
        info = raw.get("info") or {}
        return cls(
            serial=str(raw.get("serial", "")),
            type=str(raw.get("tokentype", "")).lower(),
            active=bool(raw.get("active")),
            revoked=bool(raw.get("revoked")),
            locked=bool(raw.get("locked")),
            rollout_state=str(raw.get("rollout_state") or ""),
            failcount=int(raw.get("failcount") or 0),
            maxfail=int(raw.get("maxfail") or 0),
            username=str(raw.get("username") or ""),
            user_realm=str(raw.get("user_realm") or ""),
            realms=tuple(str(r) for r in raw.get("realms") or ()),
            description=str(raw.get("description") or ""),
            info={str(k): str(v) for k, v in info.items()} if isinstance(info, dict) else {},
        )

    @property
    def state(self) -> str:
        if self.revoked:
            return "revoked"
        if self.locked:
            return "locked"
        if not self.active:
            return "disabled"
        if self.maxfail and self.failcount >= self.maxfail:
            return "fail counter full"
        return "active"


def _error(status: int, code: int | None, message: str, *, login: bool) -> IssuerError:
    shown = one_line(message, 200)
    if status >= 500 or code == -500:
        return IssuerProtocolError(
            "The issuer failed with an internal error (HTTP {status}); check the privacyIDEA log "
            "and the token's state before trying again.",
            params={"status": status},
        )
    if login and (status == 401 or code == 4031):
        return IssuerAuthError("The issuer did not accept that admin name and password.")
    if status == 401 or (code is not None and 4000 <= code < 5000):
        return SessionExpired(
            "The issuer no longer accepts your session (it expired or the server was reset); "
            "run 'softtoken-helpdesk login' again."
        )
    if code == 303 or status == 403:
        return IssuerForbidden(
            f"The issuer's admin policies do not allow this: {shown} Ask the privacyIDEA "
            "administrator to add that action to the admin policy."
        )
    if code == 904:
        return UnknownUser(f"The issuer does not know that user ({shown}).", code, status)
    if code == 601 or status == 404:
        return UnknownSerial(f"The issuer has no such token ({shown}).", code, status)
    if code == 1007:
        return TokenRevoked(
            "That token is revoked (locked for good): it can no longer be used or changed. "
            "Issue a new token instead.",
            code,
            status,
        )
    if code == 1103:
        return TokenOwnedElsewhere(f"The token belongs to another user ({shown}).", code, status)
    if code == 304:
        return ImportRefused(
            "The issuer could not decrypt the key file: the pre-shared key or password is wrong.",
            code,
            status,
        )
    suffix = f" (code {code})" if code is not None else f" (HTTP {status})"
    return IssuerRefused(f"The issuer refused: {shown}{suffix}", code, status)


MAX_PEM = 1024 * 1024


def _read_pem(path: Path, what: str) -> bytes:
    """A PEM file, read with a size bound; a FIFO or device is refused instead of blocking."""
    from softtoken.core.storage import UnreadableFile, read_bounded

    try:
        return read_bounded(path, MAX_PEM)
    except UnreadableFile as exc:
        raise ConsoleSetupError(f"Cannot use {what} {path}: it {exc.reason}.") from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or "unreadable"
        raise ConsoleSetupError(f"Cannot read {what} {path} ({reason}).") from None


class Issuer:
    """One privacyIDEA server, as one admin."""

    def __init__(
        self,
        url: str,
        *,
        timeout: float = 15.0,
        transport: Any = None,
        public_key: Path | None = None,
        ca_file: Path | None = None,
    ) -> None:
        self.url = check_server_url(url)
        self.timeout = timeout
        self.transport = transport
        self.ca_file = ca_file
        self.jwt: str | None = None
        self.admin: str | None = None
        self._public_key: bytes | None = None
        if public_key is not None:
            self._public_key = _read_pem(public_key, "the issuer's public key")
        self._http: Any = None

    def __repr__(self) -> str:  # never the JWT
        return f"Issuer({self.url!r}, admin={self.admin!r})"

    def _client(self) -> Any:
        if self._http is None:
            import httpx

            verify: Any = True
            if self.ca_file is not None:
                import ssl

                pem = _read_pem(self.ca_file, "the CA file")
                try:
                    verify = ssl.create_default_context(cadata=pem.decode("ascii"))
                except (ValueError, ssl.SSLError):
                    raise ConsoleSetupError(f"Cannot use the CA file {self.ca_file}.") from None
            self._http = httpx.Client(
                base_url=self.url,
                timeout=self.timeout,
                transport=self.transport,
                verify=verify,
                follow_redirects=False,
                headers={"User-Agent": f"softtoken-helpdesk/{__version__}", "Accept": "application/json"},
            )
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    # ------------------------------------------------------------------ the one request path

    def call(
        self,
        method: str,
        path: str,
        *,
        data: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
        json_body: dict[str, Any] | None = None,
        files: dict[str, tuple[str, bytes]] | None = None,
        headers: dict[str, str] | None = None,
        auth: bool = True,
        login: bool = False,
    ) -> Answer:
        import httpx

        nonce = secrets.token_hex(16)
        if method in ("GET", "DELETE"):
            params = {**(params or {}), "nonce": nonce}
        elif json_body is not None:
            json_body = {**json_body, "nonce": nonce}
        else:
            data = {**(data or {}), "nonce": nonce}
        sent = dict(headers or {})
        if auth:
            if not self.jwt:
                raise SessionExpired("Log in to the issuer first: 'softtoken-helpdesk login --user ADMIN'.")
            sent["Authorization"] = self.jwt
        log.debug("%s %s", method, path)
        try:
            response = self._client().request(
                method, path, params=params, data=data, json=json_body, files=files, headers=sent
            )
        except httpx.TimeoutException:
            raise IssuerUnavailable(
                "The issuer at {url} did not answer within {seconds} seconds. "
                "Check that it is running, then try again; the last request may or may not have happened.",
                params={"url": self.url, "seconds": f"{self.timeout:g}"},
            ) from None
        except httpx.ConnectError as exc:
            if "CERTIFICATE" in str(exc).upper():
                raise IssuerUnavailable(
                    f"The issuer at {self.url} has a TLS certificate this computer does not trust. "
                    "Check the address, or give the CA certificate with --ca-file."
                ) from None
            raise IssuerUnavailable(
                f"Cannot reach the issuer at {self.url}. Check the address and that the server is running."
            ) from None
        except httpx.HTTPError:
            raise IssuerUnavailable(
                f"The connection to the issuer at {self.url} failed. Try again; check the token's state "
                "first if you were changing it."
            ) from None
        return self._answer(response, nonce, login=login)

    def _answer(self, response: Any, nonce: str, *, login: bool) -> Answer:
        status = int(response.status_code)
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("result"), dict):
            hint = (
                "a proxy or gateway in front of it may be failing"
                if status >= 500
                else f"is {self.url} the address of the privacyIDEA server?"
            )
            raise IssuerProtocolError(
                "The issuer answered HTTP {status} with something that is not privacyIDEA's JSON; {hint}",
                params={"status": status, "hint": hint},
            )
        if self._public_key is not None:
            if not verify_signature(body, self._public_key):
                raise IssuerProtocolError(
                    "The issuer's answer is not signed with its key (--issuer-key): it did not come "
                    "from that server unchanged. Nothing more was sent; check the network and the key."
                )
            if body.get("nonce") != nonce:
                raise IssuerProtocolError(
                    "The issuer's signed answer is not for this request (nonce mismatch). "
                    "Check the network between this computer and the issuer."
                )
        elif "nonce" in body and body["nonce"] != nonce:
            raise IssuerProtocolError(
                "The issuer's answer is not for this request (nonce mismatch). "
                "Check the network between this computer and the issuer."
            )
        result: dict[str, Any] = body["result"]
        raw_detail = body.get("detail")
        detail: dict[str, Any] = raw_detail if isinstance(raw_detail, dict) else {}
        if status >= 400 or result.get("status") is False:
            raw_error = result.get("error")
            error: dict[str, Any] = raw_error if isinstance(raw_error, dict) else {}
            code = error.get("code")
            raise _error(
                status,
                code if isinstance(code, int) else None,
                str(error.get("message", "")),
                login=login,
            )
        return Answer(status, result, detail)

    # ------------------------------------------------------------------ calls

    def login(self, admin: str, password: str) -> str:
        answer = self.call(
            "POST", "/auth", data={"username": admin, "password": password}, auth=False, login=True
        )
        value = answer.value if isinstance(answer.value, dict) else {}
        token = value.get("token")
        if not isinstance(token, str) or not token:
            raise IssuerProtocolError("The issuer's login answer has no session token.")
        if value.get("role") not in (None, "admin"):
            raise IssuerAuthError(
                f"'{one_line(admin, 60)}' is not an issuer administrator (it logged in as a "
                f"{one_line(str(value.get('role')), 20)}). Use an admin account."
            )
        self.jwt, self.admin = token, admin
        return token

    def tokens(
        self, *, user: str | None = None, realm: str | None = None, serial: str | None = None
    ) -> list[TokenInfo]:
        params = {"pagesize": str(PAGE_SIZE)}
        if user is not None:
            params["user"] = user
            if realm:
                params["realm"] = realm
        if serial is not None:
            params["serial"] = serial
        answer = self.call("GET", "/token/", params=params)
        value = answer.value if isinstance(answer.value, dict) else {}
        raw = value.get("tokens")
        if not isinstance(raw, list):
            raise IssuerProtocolError("The issuer's token list has no 'tokens'.")
        return [TokenInfo.from_api(t) for t in raw if isinstance(t, dict)]

    def token(self, serial: str) -> TokenInfo | None:
        found = [t for t in self.tokens(serial=serial) if t.serial == serial]
        return found[0] if found else None

    def init(self, params: dict[str, str], headers: dict[str, str] | None = None) -> Answer:
        return self.call("POST", "/token/init", data=params, headers=headers)

    def validate(
        self, otp: str, *, serial: str | None = None, user: str | None = None, realm: str | None = None
    ) -> Verdict:
        data = {"pass": otp}
        if serial is not None:
            data["serial"] = serial
        if user is not None:
            data["user"] = user
            if realm:
                data["realm"] = realm
        answer = self.call("POST", "/validate/check", data=data, auth=False)
        accepted = answer.value is True and answer.result.get("authentication") == "ACCEPT"
        return Verdict(accepted, str(answer.detail.get("message", "")), str(answer.detail.get("serial", "")))

    def assign(self, serial: str, user: str, realm: str | None) -> None:
        data = {"serial": serial, "user": user}
        if realm:
            data["realm"] = realm
        self.call("POST", "/token/assign", data=data)

    def revoke(self, serial: str) -> None:
        self.call("POST", "/token/revoke", data={"serial": serial})

    def disable(self, serial: str) -> None:
        self.call("POST", "/token/disable", data={"serial": serial})

    def delete(self, serial: str) -> None:
        self.call("DELETE", f"/token/{serial}")

    def set_description(self, serial: str, description: str) -> None:
        self.call("POST", "/token/description", data={"serial": serial, "description": description})

    def load_pskc(
        self,
        filename: str,
        content: bytes,
        *,
        realm: str | None,
        psk_hex: str | None = None,
        password: str | None = None,
    ) -> tuple[int, int]:
        data = {"type": "pskc", "pskcValidateMAC": "check_fail_hard"}
        if realm:
            data["tokenrealms"] = realm
        if psk_hex is not None:
            data["psk"] = psk_hex
        if password is not None:
            data["password"] = password
        answer = self.call("POST", f"/token/load/{filename}", data=data, files={"file": (filename, content)})
        value = answer.value if isinstance(answer.value, dict) else {}
        try:
            return int(value["n_imported"]), int(value["n_not_imported"])
        except (KeyError, TypeError, ValueError):
            raise IssuerProtocolError("The issuer's import answer has no token counts.") from None

    def policies(self, scope: str) -> list[dict[str, Any]]:
        answer = self.call("GET", "/policy/", params={"scope": scope})
        value = answer.value
        return [p for p in value if isinstance(p, dict)] if isinstance(value, list) else []

    def set_policy(self, name: str, body: dict[str, Any]) -> None:
        self.call("POST", f"/policy/{name}", json_body=body)
