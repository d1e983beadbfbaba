"""The only network code of softtoken: posting to the registered issuer's container endpoints.

Rules (issue 15, "Network rules"): TLS certificates are always verified unless
the registration link said ``ssl_verify=False`` *and* the admin policy allows
it; plain http only to a loopback address; the issuer must be on the policy's
allow-list when there is one; no redirect is followed; connect and read time
out (5 s, 15 s). Only ever the registered ``url`` is called.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from ..errors import ContainerPolicyError, IssuerRefused, IssuerReplyInvalid, IssuerUnreachable, Words
from ..policy import Policy, normalise_issuer_url

CONNECT_SECONDS = 5.0
READ_SECONDS = 15.0
MAX_REPLY = 4 * 1024 * 1024  # a reply with a hundred tokens is a few kB
HttpFactory = Callable[..., httpx.Client]


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_issuer(url: str, ssl_verify: bool, policy: Policy) -> bool:
    """Refuse an issuer the policy does not allow; whether TLS certificates are verified."""
    normal = normalise_issuer_url(url)
    if normal is None:
        raise ContainerPolicyError(
            "The issuer address {url} is not an http or https address; ask the help desk for a new "
            "registration link.",
            params={"url": url[:100]},
        )
    parts = urlsplit(normal)
    host = parts.hostname or ""
    if parts.scheme == "http" and not is_loopback(host):
        raise ContainerPolicyError(
            "The issuer {url} uses plain http, which softtoken accepts only on this computer itself; "
            "ask the help desk for a registration link with an https address.",
            params={"url": normal},
        )
    if policy.issuer_urls and normal not in policy.issuer_urls:
        raise ContainerPolicyError(
            "The issuer {url} is not one of the issuers your administrator allows ({allowed}); ask the "
            "help desk for a registration link from your organisation's issuer.",
            params={"url": normal, "allowed": ", ".join(policy.issuer_urls)},
        )
    if parts.scheme == "https" and not ssl_verify and not policy.allow_insecure_tls:
        raise ContainerPolicyError(
            "The registration link asks softtoken not to check the issuer's certificate, which your "
            "administrator's policy does not allow; ask the help desk to turn certificate checking on."
        )
    return parts.scheme != "https" or ssl_verify


def endpoint(url: str, path: str) -> str:
    """``url`` + "/" + ``path``, as privacyIDEA builds the signed scope (no double slash)."""
    return url + ("" if url.endswith("/") else "/") + path


@dataclass(frozen=True)
class Issuer:
    """One registered issuer as the transport calls it."""

    url: str
    verify: bool

    def post(self, path: str, form: Mapping[str, str], http: HttpFactory | None = None) -> dict[str, Any]:
        """POST ``form`` to ``url``/``path``; privacyIDEA's ``result.value`` (a dict), or an IssuerError."""
        target = endpoint(self.url, path)
        make = http or httpx.Client
        timeout = httpx.Timeout(READ_SECONDS, connect=CONNECT_SECONDS)
        try:
            with make(verify=self.verify, timeout=timeout, follow_redirects=False, trust_env=False) as client:
                response = client.post(target, data=dict(form))
                body = response.content
        except httpx.TimeoutException:
            raise IssuerUnreachable(
                "The issuer {url} did not answer in time. Your tokens keep working; softtoken tries "
                "again later.",
                params={"url": self.url},
            ) from None
        except (httpx.HTTPError, OSError, ValueError) as exc:
            raise IssuerUnreachable(
                "The issuer {url} cannot be reached ({problem}). Your tokens keep working; check the "
                "network, and softtoken tries again later.",
                params={"url": self.url, "problem": _problem(exc)},
            ) from None
        return _value(response.status_code, body, self.url)


def _problem(exc: Exception) -> str:
    """A short, secret-free reason (the exception's kind; TLS failures said as such)."""
    text = str(exc).lower()
    if "certificate" in text or "ssl" in text:
        return Words("its certificate could not be verified")
    if isinstance(exc, httpx.ConnectError):
        return Words("no connection")
    return type(exc).__name__


def _value(status: int, body: bytes, url: str) -> dict[str, Any]:
    if 300 <= status < 400:
        raise IssuerReplyInvalid(
            "The issuer {url} answered with a redirect, which softtoken never follows; ask the help "
            "desk to check the issuer address.",
            params={"url": url},
        )
    if len(body) > MAX_REPLY:
        raise IssuerReplyInvalid(_GARBLED, params={"url": url})
    try:
        reply = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        reply = None
    result = reply.get("result") if isinstance(reply, dict) else None
    if not isinstance(result, dict):
        if status >= 400:
            raise IssuerRefused(_REFUSED, params={"url": url, "detail": f"HTTP {status}"})
        raise IssuerReplyInvalid(_GARBLED, params={"url": url})
    if result.get("status") is not True or status >= 400:
        found = result.get("error")
        error: dict[str, Any] = found if isinstance(found, dict) else {}
        code = error.get("code")
        message = " ".join(str(error.get("message", "")).split())[:200]
        detail = f"error {code}: {message}" if code is not None else f"HTTP {status}"
        raise IssuerRefused(
            _REFUSED, code if isinstance(code, int) else None, params={"url": url, "detail": detail}
        )
    value = result.get("value")
    if not isinstance(value, dict):
        raise IssuerReplyInvalid(_GARBLED, params={"url": url})
    return value


_REFUSED = (
    "The issuer {url} refused the request ({detail}). Your tokens keep working; if this goes on, "
    "call your help desk."
)
_GARBLED = (
    "The issuer {url} sent a reply softtoken cannot read; nothing was changed. If this goes on, "
    "call your help desk."
)
