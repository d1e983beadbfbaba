from __future__ import annotations

import pytest

from softtoken.core.activation.migration import parse_migration_uri
from softtoken.core.activation.sources import tokens_from_text
from softtoken.core.errors import MigrationError, UnsupportedTokenError, WeakSeedError
from softtoken.core.otp import Algorithm, TokenType
from tests.protobuf_writer import migration_uri, otp_parameters

# standards.md item 17: hand-encoded, not a Google export
VECTOR = (
    "otpauth-migration://offline?data=CjUKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSAB"
    "KAEwAhABGAEoAQ%3D%3D"
)
SEED = bytes(range(1, 21))


def test_standards_vector_decodes() -> None:
    batch = parse_migration_uri(VECTOR)
    assert (batch.version, batch.batch_size, batch.batch_id, batch.batch_index) == (1, 1, 1, 0)
    (entry,) = batch.entries
    assert entry.secret.reveal().hex() == "48656c6c6f21deadbeef"
    assert (entry.issuer, entry.account) == ("Example", "alice@google.com")
    assert (entry.algorithm, entry.digits, entry.type) == (Algorithm.SHA1, 6, TokenType.TOTP)


def test_standards_vector_is_too_weak_to_activate() -> None:
    with pytest.raises(WeakSeedError, match="80 bits"):
        tokens_from_text(VECTOR)


def test_all_entries_and_kinds() -> None:
    uri = migration_uri(
        [
            otp_parameters(SEED, "ACME:dr.jones", "ACME"),
            otp_parameters(SEED + b"x" * 12, "bank", "Bank", algorithm=2, digits=2),
            otp_parameters(SEED + b"y" * 44, "hotp-acct", "", algorithm=3, otp_type=1, counter=42),
        ]
    )
    first, second, third = tokens_from_text(uri)
    assert (first.issuer, first.account, first.source) == ("ACME", "dr.jones", "migration")
    assert (second.algorithm, second.digits) == (Algorithm.SHA256, 8)
    assert (third.type, third.counter, third.algorithm) == (TokenType.HOTP, 42, Algorithm.SHA512)
    assert third.secret.reveal() == SEED + b"y" * 44


def test_md5_is_refused() -> None:
    with pytest.raises(UnsupportedTokenError, match="MD5"):
        tokens_from_text(migration_uri([otp_parameters(SEED, "a", algorithm=4)]))


def test_multi_batch_needs_every_part() -> None:
    parts = [
        migration_uri([otp_parameters(SEED, f"acct{i}")], batch_size=3, batch_index=i, batch_id=77)
        for i in range(3)
    ]
    tokens = tokens_from_text("\n".join(reversed(parts)))
    assert [t.account for t in tokens] == ["acct0", "acct1", "acct2"]
    with pytest.raises(MigrationError, match="split over 3 QR codes and part 2 is missing"):
        tokens_from_text(parts[0] + "\n" + parts[2])
    with pytest.raises(MigrationError, match="parts 2, 3 are missing"):
        tokens_from_text(parts[0])
    other = migration_uri([otp_parameters(SEED, "x")], batch_size=3, batch_index=1, batch_id=78)
    with pytest.raises(MigrationError, match="different"):
        tokens_from_text(parts[0] + "\n" + other)
    with pytest.raises(MigrationError, match="twice"):
        tokens_from_text("\n".join([parts[0], parts[0].replace("%3D", "="), parts[1], parts[2]]))


def test_plus_sign_in_unescaped_base64() -> None:
    uri = migration_uri([otp_parameters(b"\xfb" * 20, "plus")])
    unescaped = uri.replace("%2B", "+").replace("%2F", "/").replace("%3D", "=")
    assert "+" in unescaped
    (token,) = tokens_from_text(unescaped)
    assert token.secret.reveal() == b"\xfb" * 20


@pytest.mark.parametrize("data", ["", "!!!!", "CjUKCkhlbGxv", "AAAA", "CgA="])
def test_broken_payloads(data: str) -> None:
    with pytest.raises(MigrationError):
        parse_migration_uri(f"otpauth-migration://offline?data={data}")


def test_mixing_export_and_links_refused() -> None:
    uri = migration_uri([otp_parameters(SEED, "a")])
    from base64 import b32encode

    link = f"otpauth://totp/x?secret={b32encode(SEED).decode()}"
    with pytest.raises(MigrationError, match="not both"):
        tokens_from_text(uri + "\n" + link)
