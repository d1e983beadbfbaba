"""Reference reader for softtoken vault files, written from docs/vault-format.md alone.

It shares no code with ``softtoken/core/vault/``: it is a second implementation of the
specification, so that a disagreement with the app shows a bug in the app or in the spec.
Every problem (framing, MAC, JSON, wrong PIN or device key) is a ``ValueError``.

Run as ``python tests/reference_decryptor.py VAULT_FILE [TOKEN_INDEX]`` with three lines on
stdin: the vault key (base64), the token's device key (base64) and the PIN. It prints the seed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import sys
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"softtoken-vault 1\n"


def b64(text: str) -> bytes:
    """Standard, padded base64; anything else (including non-canonical text) is refused."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, TypeError) as exc:
        raise ValueError(f"bad base64: {exc}") from None
    if base64.b64encode(raw).decode("ascii") != text:
        raise ValueError("non-canonical base64")
    return raw


def hkdf(ikm: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(ikm)


def canonical(value: Any) -> bytes:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return text.encode("ascii")


def open_vault_file(data: bytes, vault_key: bytes) -> dict[str, Any]:
    """Check the three-line framing and the file MAC; return the body."""
    lines = data.split(b"\n")
    if len(lines) != 4 or lines[3] != b"":
        raise ValueError("a vault file is exactly three lines, each ending in \\n")
    if lines[0] + b"\n" != MAGIC:
        raise ValueError("bad first line")
    if not lines[2].startswith(b"mac "):
        raise ValueError("third line is not 'mac <base64>'")
    try:
        mac_text = lines[2][4:].decode("ascii")
    except UnicodeDecodeError:
        raise ValueError("MAC line is not ASCII") from None
    expected = hmac.new(hkdf(vault_key, b"softtoken/1/file-mac"), MAGIC + lines[1] + b"\n", "sha256")
    if not hmac.compare_digest(b64(mac_text), expected.digest()):
        raise ValueError("file MAC does not match")
    try:
        body = json.loads(lines[1].decode("ascii"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError("body is not ASCII JSON") from None
    if not isinstance(body, dict) or body.get("format") != "softtoken-vault":
        raise ValueError("body is not a softtoken vault")
    if body.get("version") != 1:
        raise ValueError(f"unsupported vault version {body.get('version')!r}")
    return body


def decrypt_seed(body: dict[str, Any], token_index: int, pin: str, device_key: bytes) -> bytes:
    """Stretch the PIN, derive the KEK, unwrap the token key and open the seed."""
    token = body["tokens"][token_index]
    header = token["header"]
    if "wrapped_key" not in token or "sealed_seed" not in token:
        raise ValueError("token is disabled: no wrapped key or sealed seed")
    kdf = header["kdf"]
    if kdf["alg"] != "argon2id" or kdf["v"] != 19:
        raise ValueError(f"unsupported KDF {kdf['alg']!r} v{kdf['v']!r}")
    stretched = hash_secret_raw(
        secret=pin.encode("utf-8"),
        salt=b64(kdf["salt"]),
        time_cost=kdf["t"],
        memory_cost=kdf["m"],
        parallelism=kdf["p"],
        hash_len=32,
        type=Type.ID,
        version=19,
    )
    kek = hkdf(stretched + device_key, b"softtoken/1/kek/" + header["token_id"].encode("ascii"))
    aad = b"softtoken-vault/1/" + body["vault_id"].encode("ascii") + b"/" + canonical(header)
    try:
        token_key = AESGCM(kek).decrypt(b64(header["wrap_nonce"]), b64(token["wrapped_key"]), aad)
    except InvalidTag:
        raise ValueError("wrong PIN or device key (wrap tag failed)") from None
    try:
        return AESGCM(token_key).decrypt(b64(header["seed_nonce"]), b64(token["sealed_seed"]), aad)
    except InvalidTag:
        raise ValueError("sealed seed does not authenticate") from None


def fingerprint(seed: bytes, vault_key: bytes) -> str:
    """HMAC-SHA256(HKDF(vault key, info="softtoken/1/fingerprint"), seed), hex.

    The spec does not give the HKDF salt or length; this assumes none and 32, as for the others.
    """
    return hmac.new(hkdf(vault_key, b"softtoken/1/fingerprint"), seed, hashlib.sha256).hexdigest()


def check_audit_log(data: bytes, vault_key: bytes) -> list[dict[str, Any]]:
    """The records of ``audit.log``, each line's chain and MAC checked as the spec says.

    ``prev`` is the hex SHA-256 of the previous line without its newline (64 zeros for the
    first); ``mac`` the hex HMAC-SHA256 under HKDF(vault key, "softtoken/1/audit") of the
    canonical record without ``mac``.
    """
    audit_key = hkdf(vault_key, b"softtoken/1/audit")
    if not data.endswith(b"\n"):
        raise ValueError("every audit line ends in \\n")
    records, previous = [], "0" * 64
    for line in data[:-1].split(b"\n"):
        record = json.loads(line)
        if record.get("prev") != previous:
            raise ValueError(f"record {record.get('seq')}: prev is not the SHA-256 of the line before")
        mac = record.pop("mac")
        expected = hmac.new(audit_key, canonical(record), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(mac, expected):
            raise ValueError(f"record {record.get('seq')}: bad MAC")
        records.append(record)
        previous = hashlib.sha256(line).hexdigest()
    return records


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (1, 2):
        print(__doc__, file=sys.stderr)
        return 2
    vault_key, device_key, pin = (sys.stdin.readline().strip() for _ in range(3))
    with open(args[0], "rb") as f:
        body = open_vault_file(f.read(), b64(vault_key))
    seed = decrypt_seed(body, int(args[1]) if len(args) == 2 else 0, pin, b64(device_key))
    print("seed hex:   ", seed.hex())
    print("seed base32:", base64.b32encode(seed).decode("ascii"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
