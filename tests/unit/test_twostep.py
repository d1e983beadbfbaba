from __future__ import annotations

import base64
import hashlib

from softtoken.core.activation.keyuri import parse_key_uri
from softtoken.core.activation.twostep import complete_two_step
from softtoken.core.secret import Secret

SERVER = bytes(range(20))


def test_derivation_follows_privacyidea_rule() -> None:
    link = (
        f"otpauth://hotp/OATH1?secret={base64.b32encode(SERVER).decode()}&counter=1"
        "&2step_salt=8&2step_output=20&2step_difficulty=10000"
    )
    token = parse_key_uri(link)
    client = bytes.fromhex("0102030405060708")
    result = complete_two_step(token, Secret(client))
    # privacyidea.md 3e: PBKDF2-HMAC-SHA1(hex(server) as ASCII, client bytes, difficulty, output)
    expected = hashlib.pbkdf2_hmac("sha1", SERVER.hex().encode(), client, 10000, 20)
    assert result.token.secret.reveal() == expected
    assert result.token.two_step is None


def test_client_part_is_random_and_sized() -> None:
    link = (
        f"otpauth://totp/T1?secret={base64.b32encode(SERVER).decode()}"
        "&2step_salt=10&2step_output=32&2step_difficulty=100&algorithm=SHA256"
    )
    token = parse_key_uri(link)
    a, b = complete_two_step(token), complete_two_step(token)
    assert len(a.client_part) == 10 and a.client_part != b.client_part
    assert len(a.token.secret) == 32


def test_client_part_text_is_base32check() -> None:
    token = parse_key_uri(
        f"otpauth://hotp/O?secret={base64.b32encode(SERVER).decode()}&counter=0&2step_salt=8"
    )
    client = bytes(range(8))
    text = complete_two_step(token, Secret(client)).client_part_text()
    compact = text.replace(" ", "")
    decoded = base64.b32decode(compact + "=" * (-len(compact) % 8))
    assert decoded[4:] == client and decoded[:4] == hashlib.sha1(client).digest()[:4]
    assert all(len(group) <= 4 for group in text.split())
