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

import logging
import secrets
from pathlib import Path
from typing import Any

from softtoken import __version__

from .errors import (
    ConsoleSetupError,
    IssuerAuthError,
    IssuerProtocolError,
    IssuerUnavailable,
    SessionExpired,
    one_line,
)
from .records import Answer, TokenInfo, Verdict, issuer_error
from .records import issuer_error as _error  # noqa: F401 - the name tests/unit imports
from .trust import check_server_url, read_pem, verify_signature

log = logging.getLogger(__name__)

PAGE_SIZE = 200
MAX_PAGES = 50  # 10,000 tokens: more than a help desk reads on a call
# What OpenSSL says when the other end answers a TLS hello with plain http.
_PLAIN_HTTP_SIGNS = ("WRONG_VERSION_NUMBER", "WRONG VERSION NUMBER", "RECORD LAYER FAILURE", "HTTP_REQUEST")


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
            self._public_key = read_pem(public_key, "the issuer's public key")
        self._http: Any = None

    def __repr__(self) -> str:  # never the JWT
        return f"Issuer({self.url!r}, admin={self.admin!r})"

    def _client(self) -> Any:
        if self._http is None:
            import httpx

            verify: Any = True
            if self.ca_file is not None:
                import ssl

                pem = read_pem(self.ca_file, "the CA file")
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
            reason = str(exc).upper()
            if self.url.startswith("https://") and any(m in reason for m in _PLAIN_HTTP_SIGNS):
                raise IssuerUnavailable(
                    f"The issuer at {self.url} does not speak TLS on that port (it answered like a plain "
                    "http server). Check the address: the port may be the http one, or the server's "
                    "TLS is not set up."
                ) from None
            if "CERTIFICATE" in reason:
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
            raise issuer_error(
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
        self,
        *,
        user: str | None = None,
        realm: str | None = None,
        serial: str | None = None,
        **filters: str,
    ) -> list[TokenInfo]:
        """The token list, every page of it. An empty ``user`` is never sent (it means "everyone")."""
        params = {"pagesize": str(PAGE_SIZE), **filters}
        if user is not None:
            if not user:
                raise ValueError("an empty user would list every token")
            params["user"] = user
            if realm:
                params["realm"] = realm
        if serial is not None:
            params["serial"] = serial
        found: list[TokenInfo] = []
        for page in range(1, MAX_PAGES + 1):
            answer = self.call("GET", "/token/", params={**params, "page": str(page)})
            value = answer.value if isinstance(answer.value, dict) else {}
            raw = value.get("tokens")
            if not isinstance(raw, list):
                raise IssuerProtocolError("The issuer's token list has no 'tokens'.")
            found.extend(TokenInfo.from_api(t) for t in raw if isinstance(t, dict))
            if not value.get("next"):
                break
        return found

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

    def unassign(self, serial: str) -> None:
        self.call("POST", "/token/unassign", data={"serial": serial})

    def enable(self, serial: str) -> None:
        self.call("POST", "/token/enable", data={"serial": serial})

    def reset(self, serial: str) -> None:
        self.call("POST", "/token/reset", data={"serial": serial})

    def resync(self, serial: str, otp1: str, otp2: str) -> bool:
        answer = self.call("POST", "/token/resync", data={"serial": serial, "otp1": otp1, "otp2": otp2})
        return answer.value is True

    def realms(self) -> dict[str, bool]:
        """Realm name -> whether it is the default realm."""
        value = self.call("GET", "/realm/").value
        if not isinstance(value, dict):
            raise IssuerProtocolError("The issuer's realm list is not a list of realms.")
        return {str(name): bool(r.get("default")) for name, r in value.items() if isinstance(r, dict)}

    def audit(self, params: dict[str, str]) -> list[dict[str, Any]]:
        value = self.call("GET", "/audit/", params=params).value
        rows = value.get("auditdata") if isinstance(value, dict) else None
        if not isinstance(rows, list):
            raise IssuerProtocolError("The issuer's audit answer has no entries ('auditdata').")
        return [r for r in rows if isinstance(r, dict)]

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
