"""Google Authenticator exports: ``otpauth-migration://offline?data=…``.

The payload is a small protobuf message (schema reverse-engineered by Aegis
and dim13/otpauth; Google has published none). Its decoder is written here by
hand: the subset is four field types and about sixty lines, smaller and easier
to audit than a protobuf runtime plus generated code.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..errors import MigrationError, UnsupportedTokenError
from ..otp import Algorithm, TokenType
from ..secret import Secret
from ..token import TokenDescription

MAX_PAYLOAD = 64 * 1024
_ALGORITHMS = {0: Algorithm.SHA1, 1: Algorithm.SHA1, 2: Algorithm.SHA256, 3: Algorithm.SHA512}
_DIGITS = {0: 6, 1: 6, 2: 8}
_TYPES = {0: TokenType.TOTP, 1: TokenType.HOTP, 2: TokenType.TOTP}

_BROKEN = (
    "The Google Authenticator export is damaged or cut short. "
    "Export the accounts again and scan or copy the whole code."
)


@dataclass
class MigrationBatch:
    """One QR code of an export; a large export is split over several."""

    entries: list[TokenDescription]
    version: int = 0
    batch_size: int = 1
    batch_index: int = 0
    batch_id: int = 0


@dataclass
class _Entry:
    secret: bytes = b""
    name: str = ""
    issuer: str = ""
    algorithm: int = 0
    digits: int = 0
    type: int = 0
    counter: int = 0
    unknown: list[int] = field(default_factory=list)


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = 0
    for shift in range(0, 70, 7):
        if pos >= len(data):
            raise MigrationError(_BROKEN)
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result & 0xFFFFFFFFFFFFFFFF, pos
    raise MigrationError(_BROKEN)


def _fields(data: bytes) -> list[tuple[int, int | bytes]]:
    """Split a protobuf message into (field number, value) pairs."""
    out: list[tuple[int, int | bytes]] = []
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if number == 0:
            raise MigrationError(_BROKEN)
        if wire == 0:
            value, pos = _varint(data, pos)
            out.append((number, value))
        elif wire == 2:
            length, pos = _varint(data, pos)
            if length > len(data) - pos:
                raise MigrationError(_BROKEN)
            out.append((number, data[pos : pos + length]))
            pos += length
        elif wire == 1:
            pos += 8
        elif wire == 5:
            pos += 4
        else:
            raise MigrationError(_BROKEN)
        if pos > len(data):
            raise MigrationError(_BROKEN)
    return out


def _text(value: int | bytes) -> str:
    if not isinstance(value, bytes):
        raise MigrationError(_BROKEN)
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        raise MigrationError(_BROKEN) from None


def _number(value: int | bytes) -> int:
    if not isinstance(value, int):
        raise MigrationError(_BROKEN)
    return value


def _entry(data: bytes) -> _Entry:
    entry = _Entry()
    for number, value in _fields(data):
        if number == 1:
            if not isinstance(value, bytes):
                raise MigrationError(_BROKEN)
            entry.secret = value
        elif number == 2:
            entry.name = _text(value)
        elif number == 3:
            entry.issuer = _text(value)
        elif number == 4:
            entry.algorithm = _number(value)
        elif number == 5:
            entry.digits = _number(value)
        elif number == 6:
            entry.type = _number(value)
        elif number == 7:
            entry.counter = _number(value)
    return entry


def _describe(entry: _Entry, position: int) -> TokenDescription:
    label = {"label": (entry.name or entry.issuer or f"#{position}")[:40]}  # "#2": the second entry
    if not entry.secret:
        raise MigrationError(
            "The export entry '{label}' has no secret. The Google Authenticator export is damaged or "
            "cut short. Export the accounts again and scan or copy the whole code.",
            params=label,
        )
    if entry.algorithm == 4:
        raise UnsupportedTokenError(
            "The export entry '{label}' uses MD5, which is not safe and not supported. "
            "Ask the issuer for a new activation.",
            params=label,
        )
    if entry.algorithm not in _ALGORITHMS or entry.digits not in _DIGITS or entry.type not in _TYPES:
        raise UnsupportedTokenError(
            "The export entry '{label}' uses settings softtoken does not know. "
            "Ask the issuer for a new activation.",
            params=label,
        )
    issuer, account = entry.issuer, entry.name
    if ":" in account:
        prefix, _, rest = account.partition(":")
        if not issuer or prefix.strip() == issuer:
            issuer, account = prefix.strip(), rest.strip()
    return TokenDescription(
        type=_TYPES[entry.type],
        secret=Secret(entry.secret),
        algorithm=_ALGORITHMS[entry.algorithm],
        digits=_DIGITS[entry.digits],
        period=30,
        counter=entry.counter,
        issuer=issuer[:200],
        account=account[:200],
        source="migration",
    )


def decode_migration_payload(payload: bytes) -> MigrationBatch:
    if len(payload) > MAX_PAYLOAD:
        raise MigrationError("The Google Authenticator export is too large to be real.")
    raw_entries: list[bytes] = []
    batch = MigrationBatch(entries=[])
    for number, value in _fields(payload):
        if number == 1:
            if not isinstance(value, bytes):
                raise MigrationError(_BROKEN)
            raw_entries.append(value)
        elif number == 2:
            batch.version = _number(value)
        elif number == 3:
            batch.batch_size = _number(value)
        elif number == 4:
            batch.batch_index = _number(value)
        elif number == 5:
            batch.batch_id = _number(value)
    if not raw_entries:
        raise MigrationError("The Google Authenticator export holds no accounts.")
    if batch.batch_size > 1000 or batch.batch_index >= max(batch.batch_size, 1):
        raise MigrationError(_BROKEN)
    batch.entries = [_describe(_entry(raw), i + 1) for i, raw in enumerate(raw_entries)]
    return batch


def parse_migration_uri(uri: str) -> MigrationBatch:
    uri = uri.strip()
    try:
        parts = urlsplit(uri)
    except ValueError:
        raise MigrationError(_BROKEN) from None
    if parts.scheme.lower() != "otpauth-migration" or parts.netloc.lower() != "offline":
        raise MigrationError("This is not a Google Authenticator export link (otpauth-migration://offline).")
    data = None
    for item in parts.query.split("&"):
        key, _, value = item.partition("=")
        if key == "data":
            data = value
    if not data:
        raise MigrationError(_BROKEN)
    # unquote, not unquote_plus: '+' is part of base64 (some tools leave it unescaped).
    text = "".join(unquote(data).split())
    try:
        payload = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        try:
            payload = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        except (binascii.Error, ValueError):
            raise MigrationError(_BROKEN) from None
    return decode_migration_payload(payload)


def combine_batches(batches: list[MigrationBatch]) -> list[TokenDescription]:
    """Join the QR codes of one export; every part must be there exactly once."""
    if not batches:
        return []
    ids = {b.batch_id for b in batches}
    sizes = {max(b.batch_size, 1) for b in batches}
    if len(ids) > 1 or len(sizes) > 1:
        raise MigrationError(
            "These QR codes come from different Google Authenticator exports. "
            "Use the codes of one export only."
        )
    size = sizes.pop()
    seen = sorted(b.batch_index for b in batches)
    if len(seen) != len(set(seen)):
        raise MigrationError("The same part of the export was given twice. Give each QR code once.")
    missing = [i + 1 for i in range(size) if i not in seen]
    if missing:
        params = {"size": size, "which": ", ".join(str(m) for m in missing)}
        if len(missing) == 1:
            raise MigrationError(
                "This export is split over {size} QR codes and part {which} is missing. "
                "Scan or open every code of the export together.",
                params=params,
            )
        raise MigrationError(
            "This export is split over {size} QR codes and parts {which} are missing. "
            "Scan or open every code of the export together.",
            params=params,
        )

    ordered = sorted(batches, key=lambda b: b.batch_index)
    return [entry for batch in ordered for entry in batch.entries]
