"""The vault file in memory, and its framing on disk (docs/vault-format.md)."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..errors import UnsupportedVaultVersion, VaultCorrupt
from .crypto import KDF_LIMITS, KdfParams, canonical

FORMAT = "softtoken-vault"
VERSION = 1
TPM_VERSION = 2  # a vault holding a token at the "tpm" level: softtoken before issue 14 says "update"
CONTAINER_VERSION = 3  # a vault registered with an issuer's token container (issue 15)
VERSIONS = (VERSION, TPM_VERSION, CONTAINER_VERSION)
MAGIC = b"softtoken-vault 1\n"


def version_for(protections: Iterable[str], container: bool = False) -> int:
    """The file format a vault with tokens at these protection levels (and a registration) is written in.

    The lowest version that says everything the file holds: an older softtoken then
    reads every vault it can understand, and says "update softtoken" for the rest.
    """
    if container:
        return CONTAINER_VERSION
    return TPM_VERSION if "tpm" in protections else VERSION


def magic(version: int) -> bytes:
    return f"softtoken-vault {version}\n".encode("ascii")


_HEX32 = re.compile(r"[0-9a-f]{32}")
PROTECTION_LEVELS = ("software", "tpm")  # protection.py's levels (a header without one: software)
CIPHERTEXTS = ("wrapped_key", "sealed_seed")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, what: str, corrupt: Exception) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError, AttributeError):
        raise corrupt from None


@dataclass
class TokenState:
    """A token's state that changes without the PIN. Wrong-PIN counts are not here but in
    the keystore (vault/keys.py), where a restored older file cannot roll them back."""

    status: str = "active"
    counter: int = 0
    activated_at: float = 0.0
    sync_until: float = 0.0
    disabled_at: float | None = None
    disabled_reason: str | None = None
    disabled_failures: int = 0  # the wrong-PIN count when it was disabled (its keystore entry is gone)
    last_used: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    _FIELDS = (
        "status",
        "counter",
        "activated_at",
        "sync_until",
        "disabled_at",
        "disabled_reason",
        "disabled_failures",
        "last_used",
    )

    def to_json(self) -> dict[str, Any]:
        data = dict(self.extra)
        data.update({name: getattr(self, name) for name in self._FIELDS})
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TokenState:
        known = {k: data[k] for k in cls._FIELDS if k in data}
        extra = {k: v for k, v in data.items() if k not in cls._FIELDS}
        return cls(**known, extra=extra)


@dataclass
class TokenRecord:
    header: dict[str, Any]
    wrapped_key: str | None
    sealed_seed: str | None
    fingerprint: str
    state: TokenState
    tpm_private: str | None = None  # protection "tpm": the TPM's blobs instead of the two ciphertexts
    tpm_public: str | None = None

    @property
    def protection(self) -> str:
        return str(self.header.get("protection", "software"))

    @property
    def token_id(self) -> str:
        return str(self.header["token_id"])

    @property
    def name(self) -> str:
        return str(self.header["name"])

    @property
    def serial(self) -> str:
        return str(self.header.get("serial", ""))

    @property
    def kdf(self) -> KdfParams:
        k = self.header["kdf"]
        return KdfParams(memory_kib=k["m"], iterations=k["t"], parallelism=k["p"])

    @property
    def kdf_salt(self) -> bytes:
        return base64.b64decode(self.header["kdf"]["salt"])

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "header": self.header,
            "fingerprint": self.fingerprint,
            "state": self.state.to_json(),
        }
        if self.wrapped_key is not None:
            data["wrapped_key"] = self.wrapped_key
        if self.sealed_seed is not None:
            data["sealed_seed"] = self.sealed_seed
        if self.tpm_private is not None:
            data["tpm_private"] = self.tpm_private
        if self.tpm_public is not None:
            data["tpm_public"] = self.tpm_public
        return data


@dataclass
class VaultDoc:
    vault_id: str
    generation: int
    created: str
    keystore: str
    tokens: list[TokenRecord] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    retired_fingerprints: list[str] = field(default_factory=list)
    container: dict[str, Any] | None = None  # the registration (vault/containers.py), if any

    def to_json(self) -> dict[str, Any]:
        body = {
            "format": FORMAT,
            "version": self.version,
            "vault_id": self.vault_id,
            "generation": self.generation,
            "created": self.created,
            "keystore": self.keystore,
            "tokens": [t.to_json() for t in self.tokens],
            "history": self.history,
            "retired_fingerprints": self.retired_fingerprints,
        }
        if self.container is not None:
            body["container"] = self.container
        return body

    @property
    def version(self) -> int:
        """1; 2 while a token is in the TPM; 3 while registered with an issuer's container
        (an older softtoken then says "update", not "damaged")."""
        return version_for((t.protection for t in self.tokens), self.container is not None)

    def find(self, name_or_id: str) -> TokenRecord | None:
        for token in self.tokens:
            if token.token_id == name_or_id or token.name.casefold() == name_or_id.casefold():
                return token
        return None


def aad(vault_id: str, header: dict[str, Any]) -> bytes:
    # Always "/1/": a token's associated data must not change when the file's version does.
    return f"{FORMAT}/{VERSION}/{vault_id}/".encode("ascii") + canonical(header)


def frame(body: dict[str, Any], mac_of: Any) -> bytes:
    """Lines 1 and 2, then the MAC line computed by ``mac_of(lines 1 and 2)``."""
    signed = magic(int(body["version"])) + canonical(body) + b"\n"
    return signed + b"mac " + base64.b64encode(mac_of(signed)) + b"\n"


def split_frame(data: bytes, path: str, backup: str | None) -> tuple[bytes, dict[str, Any], bytes]:
    """Return (signed part, untrusted body, mac). Anything malformed is VaultCorrupt."""
    corrupt = corrupt_error(path, backup)
    known = next((magic(v) for v in VERSIONS if data.startswith(magic(v))), None)
    if data.startswith(b"softtoken-vault ") and known is None:
        version = data[16:24].split(b"\n")[0].decode("ascii", "replace")
        if version.isdigit() and int(version) > max(VERSIONS):
            raise UnsupportedVaultVersion(
                "The token vault {path} was written by a newer softtoken (format {version}). "
                "Update softtoken on this workstation.",
                params={"path": path, "version": version},
            )
    if known is None or not data.endswith(b"\n") or data.count(b"\n") != 3:
        raise corrupt
    first_end = len(known)
    second_end = data.index(b"\n", first_end) + 1
    signed, mac_line = data[:second_end], data[second_end:-1]
    if not mac_line.startswith(b"mac "):
        raise corrupt
    tag = unb64(mac_line[4:].decode("ascii", "replace"), "mac", corrupt)
    if base64.b64encode(tag) != mac_line[4:]:  # only the canonical spelling: every byte counts
        raise corrupt
    try:
        body = json.loads(data[first_end : second_end - 1])
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise corrupt from None
    if not isinstance(body, dict) or not isinstance(body.get("vault_id"), str):
        raise corrupt
    if not _HEX32.fullmatch(body["vault_id"]):
        raise corrupt
    return signed, body, tag


def corrupt_error(path: str, backup: str | None) -> VaultCorrupt:
    """The vault cannot be trusted: said with its path, and whether a backup can be restored."""
    if backup:
        template = (
            "The token vault {path} is damaged or was changed outside softtoken, so it cannot be "
            "trusted. A backup of the previous version is available. Ask your help desk before doing "
            "anything else."
        )
    else:
        template = (
            "The token vault {path} is damaged or was changed outside softtoken, so it cannot be "
            "trusted. Ask your help desk before doing anything else."
        )
    return VaultCorrupt(template, path, backup, params={"path": path})


def check_kdf(kdf: Any) -> None:
    if not isinstance(kdf, dict) or kdf.get("alg") != "argon2id" or kdf.get("v") != 19:
        raise ValueError("kdf")
    for key, (low, high) in KDF_LIMITS.items():
        value = kdf.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ValueError(key)
    if len(base64.b64decode(kdf["salt"], validate=True)) < 16:
        raise ValueError("salt")


def parse_body(body: dict[str, Any], path: str, backup: str | None) -> VaultDoc:
    """Turn an authenticated body into a :class:`VaultDoc`; any shape error is corruption."""
    if body.get("format") != FORMAT:
        raise corrupt_error(path, backup)
    if body.get("version") not in VERSIONS:
        raise UnsupportedVaultVersion(
            "The token vault {path} has format version {version}, which this softtoken does not know. "
            "Update softtoken.",
            params={"path": path, "version": repr(body.get("version"))[:20]},
        )
    try:
        tokens = [_parse_token(raw) for raw in body["tokens"]]
        doc = VaultDoc(
            vault_id=body["vault_id"],
            generation=int(body["generation"]),
            created=str(body["created"]),
            keystore=str(body["keystore"]),
            tokens=tokens,
            history=list(body.get("history", [])),
            retired_fingerprints=[str(f) for f in body.get("retired_fingerprints", [])],
            container=_parse_container(body.get("container")),
        )
    except (KeyError, TypeError, ValueError, AttributeError, binascii.Error):
        raise corrupt_error(path, backup) from None
    return doc


def _parse_container(raw: Any) -> dict[str, Any] | None:
    """The registration section (version 3); its shape is checked by vault/containers.py."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError("container")
    from .containers import check_section

    check_section(raw)
    return raw


def _parse_token(raw: dict[str, Any]) -> TokenRecord:
    """One token of an authenticated body; a shape error is ValueError (or its kin)."""
    header = raw["header"]
    protection = header.get("protection", "software")
    if protection not in PROTECTION_LEVELS:
        raise ValueError("protection")
    names = ["token_id", "name", "type", "algorithm"]
    if protection == "software":
        check_kdf(header["kdf"])
        names += ["wrap_nonce", "seed_nonce"]
    for key in names:
        if not isinstance(header[key], str):
            raise ValueError(key)
    for key in ("digits", "period", "pin_length"):
        if not isinstance(header[key], int):
            raise ValueError(key)
    state = TokenState.from_json(raw["state"])
    if state.status not in ("active", "disabled") or not isinstance(state.counter, int):
        raise ValueError("state")
    first, second = ("tpm_private", "tpm_public") if protection == "tpm" else CIPHERTEXTS
    one, two = raw.get(first), raw.get(second)
    if state.status == "active" and not (isinstance(one, str) and isinstance(two, str)):
        raise ValueError("ciphertexts")
    record = TokenRecord(
        header, raw.get("wrapped_key"), raw.get("sealed_seed"), str(raw["fingerprint"]), state
    )
    if protection == "tpm":
        record.tpm_private, record.tpm_public = one, two
    return record
