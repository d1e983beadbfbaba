"""One pre-shared-key rule (core ``parse_psk``) for softtoken-cli, the GUI and softtoken-helpdesk.

32, 48 or 64 hex digits (AES-128/192/256), any case, with spaces, tabs, line
breaks, '-' or ':' anywhere; a key file may instead hold 16, 24 or 32 raw bytes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from softtoken.core.activation.pskc import parse_psk
from softtoken.core.errors import PskcError
from tests.cli_runner import cli
from tests.helpdesk.helpers import helpdesk, no_network

KEY16 = bytes(range(16))
HOTP = "urn:ietf:params:xml:ns:keyprov:pskc:hotp"


@pytest.mark.parametrize(
    ("given", "key"),
    [
        (KEY16.hex(), KEY16),
        (KEY16.hex().upper(), KEY16),
        ("0001 0203 0405 0607 0809 0a0b 0c0d 0e0f\n", KEY16),
        ("00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F", KEY16),
        ("00010203-04050607-08090a0b-0c0d0e0f", KEY16),
        ("\t" + bytes(range(24)).hex() + "\r\n", bytes(range(24))),
        (bytes(range(32)).hex(), bytes(range(32))),
        (KEY16.hex().encode() + b"\n", KEY16),  # a key file with the hex on a line
        (bytes(range(100, 116)), bytes(range(100, 116))),  # a key file with the raw bytes
        (bytes(range(100, 124)), bytes(range(100, 124))),
        (bytes(range(100, 132)), bytes(range(100, 132))),
    ],
)
def test_what_is_a_key(given: str | bytes, key: bytes) -> None:
    assert parse_psk(given) == key


@pytest.mark.parametrize(
    "given",
    ["", "0001 0203 0405 0607", "00" * 17, "zz" * 16, "0x" + "00" * 15, "ÿ" * 32, "a" * 16, b"x" * 17, b""],
)
def test_what_is_not(given: str | bytes) -> None:
    with pytest.raises(PskcError, match="32, 48 or 64 hex digits") as caught:
        parse_psk(given)
    assert "Check it and open the key file again" in caught.value.message  # typed: no file named
    as_file = given if isinstance(given, bytes) else given.encode()
    if len(as_file) not in (16, 24, 32):  # those lengths in a file are raw keys
        with pytest.raises(PskcError, match="^k.hex does not hold a pre-shared key"):
            parse_psk(as_file, file="k.hex")


def test_a_file_name_with_braces_is_a_name_not_a_template() -> None:
    with pytest.raises(PskcError, match=r"^\{n\}.hex does not hold"):
        parse_psk(b"nope", file="{n}.hex")


def _pskc(tmp_path: Path, key: bytes) -> Path:
    import pskc

    container = pskc.PSKC()  # python-pskc as the writer, with the AES size of the key
    container.add_key(serial="HW-77", id="HW-77", secret=bytes(range(20)), algorithm=HOTP)
    container.encryption.setup_preshared_key(key=key, algorithm=f"aes{len(key) * 8}-cbc")
    path = tmp_path / "psk.pskc"
    container.write(str(path))
    return path


@pytest.mark.parametrize(
    "written",
    ["00:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f\n", "0001 0203 0405 0607\n0809 0a0b 0c0d 0e0f"],
)
def test_cli_takes_grouped_keys(tmp_path: Path, written: str) -> None:
    key_file = tmp_path / "key.txt"
    key_file.write_text(written)
    result = cli("inspect", _pskc(tmp_path, KEY16), "--psk-file", key_file)
    assert result.code == 0 and "HW77" in result.out, result.err


def test_cli_takes_a_256_bit_key(tmp_path: Path) -> None:
    key = bytes(range(32))
    key_file = tmp_path / "key.hex"
    key_file.write_text(key.hex())
    result = cli("inspect", _pskc(tmp_path, key), "--psk-file", key_file)
    assert result.code == 0, result.err


def test_helpdesk_same_rule_then_privacyideas_aes_128_limit(tmp_path: Path) -> None:
    env = {"SOFTTOKEN_ISSUER_URL": "http://127.0.0.1:9", "SOFTTOKEN_HELPDESK_SESSION": str(tmp_path / "none")}
    pskc = _pskc(tmp_path, KEY16)
    key_file = tmp_path / "key.txt"
    key_file.write_text("00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F\n")
    grouped = helpdesk("import-pskc", pskc, "--psk-file", key_file, environ=env, transport=no_network())
    assert grouped.code == 77 and "not logged in" in grouped.err  # the key was taken; the issuer is next
    key_file.write_text(bytes(range(32)).hex())
    wide = helpdesk("import-pskc", pskc, "--psk-file", key_file, environ=env, transport=no_network())
    assert wide.code == 65 and "256-bit key" in wide.err and "AES-128" in wide.err
    key_file.write_text("not a key")
    bad = helpdesk("import-pskc", pskc, "--psk-file", key_file, environ=env, transport=no_network())
    assert bad.code == 65 and "key.txt does not hold a pre-shared key" in bad.err
