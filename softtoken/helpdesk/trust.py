"""Whom the console trusts: a safe issuer address, the issuer's signature, PEM files read with a bound."""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import ConsoleSetupError, one_line

_LOOPBACK_NAMES = ("localhost", "localhost.localdomain")
MAX_PEM = 1024 * 1024


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


def read_pem(path: Path, what: str) -> bytes:
    """A PEM file, read with a size bound; a FIFO or device is refused instead of blocking."""
    from softtoken.core.storage import UnreadableFile, read_bounded

    try:
        return read_bounded(path, MAX_PEM)
    except UnreadableFile as exc:
        raise ConsoleSetupError(f"Cannot use {what} {path}: it {exc.reason}.") from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or "unreadable"
        raise ConsoleSetupError(f"Cannot read {what} {path} ({reason}).") from None
