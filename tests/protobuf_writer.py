"""A tiny protobuf *encoder*, written separately from the app's decoder, to make test exports."""

from __future__ import annotations

import base64
from urllib.parse import quote


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field(number: int, value: int | bytes | str) -> bytes:
    if isinstance(value, int):
        return varint(number << 3) + varint(value)
    raw = value.encode() if isinstance(value, str) else value
    return varint(number << 3 | 2) + varint(len(raw)) + raw


def otp_parameters(
    secret: bytes,
    name: str,
    issuer: str = "",
    *,
    algorithm: int = 1,
    digits: int = 1,
    otp_type: int = 2,
    counter: int = 0,
) -> bytes:
    return (
        field(1, secret)
        + field(2, name)
        + field(3, issuer)
        + field(4, algorithm)
        + field(5, digits)
        + field(6, otp_type)
        + field(7, counter)
    )


def migration_uri(
    entries: list[bytes],
    version: int = 1,
    batch_size: int = 1,
    batch_index: int = 0,
    batch_id: int = 1,
) -> str:
    payload = b"".join(field(1, e) for e in entries)
    payload += field(2, version) + field(3, batch_size) + field(4, batch_index) + field(5, batch_id)
    return "otpauth-migration://offline?data=" + quote(base64.b64encode(payload).decode(), safe="")
