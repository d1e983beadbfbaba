from __future__ import annotations

from pathlib import Path

import pytest

from softtoken.core.activation.pskc import read_pskc
from softtoken.core.activation.sources import PskcSecrets, tokens_from_bytes, tokens_from_file
from softtoken.core.errors import PskcError, PskcSecretRequired, UnsupportedTokenError
from softtoken.core.otp import Algorithm, TokenType, hotp
from tests.pskc_files import write_pskc

RFC_SECRET = b"12345678901234567890"
FIG6_KEY = bytes.fromhex("12345678901234567890123456789012")
HW_SEED = bytes(range(100, 120))


def _read(data_dir: Path, name: str, **kw: object) -> bytes:
    return (data_dir / "pskc" / name).read_bytes()


def test_rfc6030_figure3_plain(data_dir: Path) -> None:
    (token,) = tokens_from_file(data_dir / "pskc" / "rfc6030-figure3.pskcxml")
    assert token.serial == "987654321"
    assert token.secret.reveal() == RFC_SECRET
    assert (token.type, token.digits, token.counter, token.issuer) == (
        TokenType.HOTP,
        8,
        0,
        "Issuer",
    )
    assert hotp(token.secret, 0, digits=8) == "84755224"  # RFC 4226 counter 0, eight digits


def test_rfc6030_figure6_preshared_key(data_dir: Path) -> None:
    data = _read(data_dir, "rfc6030-figure6.pskcxml")
    with pytest.raises(PskcSecretRequired, match="pre-shared key") as info:
        tokens_from_bytes(data)
    assert info.value.kind == "psk"
    (token,) = tokens_from_bytes(data, PskcSecrets(psk=lambda: FIG6_KEY))
    assert token.secret.reveal() == RFC_SECRET and token.serial == "987654321"


def test_rfc6030_figure7_password(data_dir: Path) -> None:
    data = _read(data_dir, "rfc6030-figure7.pskcxml")
    with pytest.raises(PskcSecretRequired, match="password"):
        tokens_from_bytes(data)
    (token,) = tokens_from_bytes(data, PskcSecrets(password=lambda: "qwerty"))
    assert token.secret.reveal() == RFC_SECRET
    assert token.issuer == "Example-Issuer"


def test_wrong_password_and_wrong_key_are_clear(data_dir: Path) -> None:
    with pytest.raises(PskcError, match="wrong|integrity"):
        tokens_from_bytes(_read(data_dir, "rfc6030-figure7.pskcxml"), PskcSecrets(password=lambda: "qwertz"))
    with pytest.raises(PskcError, match="wrong|integrity"):
        tokens_from_bytes(_read(data_dir, "rfc6030-figure6.pskcxml"), PskcSecrets(psk=lambda: bytes(16)))


def test_bad_mac_is_an_integrity_error(data_dir: Path) -> None:
    with pytest.raises(PskcError, match="integrity|wrong"):
        tokens_from_bytes(_read(data_dir, "invalid-mac-value.pskcxml"), PskcSecrets(psk=lambda: FIG6_KEY))


def test_feitian_vendor_file_hotp_and_totp(data_dir: Path) -> None:
    tokens = tokens_from_file(data_dir / "pskc" / "feitian-file1.pskcxml")
    kinds = {t.type for t in tokens}
    assert kinds == {TokenType.HOTP, TokenType.TOTP}
    totps = [t for t in tokens if t.type is TokenType.TOTP]
    assert all(t.period == 60 for t in totps)
    assert all(t.serial.isdigit() for t in tokens)


def test_generated_files_with_serials_and_pin_policy(tmp_path: Path) -> None:
    keys = [
        dict(
            serial="hw-1001 a",
            secret=HW_SEED,
            algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp",
            counter=5,
            response_length=6,
            manufacturer="Vendor",
            policy__pin_min_length=4,
            policy__pin_max_length=8,
            policy__pin_max_failed_attempts=5,
        ),
        dict(
            serial="HW1002",
            secret=HW_SEED[::-1] + b"0" * 12,
            algorithm="urn:ietf:params:xml:ns:keyprov:pskc:totp",
            algorithm_suite="HMAC-SHA256",
            time_interval=60,
            response_length=8,
        ),
    ]
    for kw in ({}, {"psk": FIG6_KEY}, {"password": "vendor-pass"}):
        path = write_pskc(tmp_path / f"f{len(kw)}{list(kw)}.pskc", keys, **kw)  # type: ignore[arg-type]
        secrets = PskcSecrets(psk=lambda: FIG6_KEY, password=lambda: "vendor-pass")
        first, second = tokens_from_file(path, secrets)
        assert (first.serial, first.counter, first.issuer) == ("HW1001A", 5, "Vendor")
        assert first.secret.reveal() == HW_SEED
        assert first.pin_policy is not None and first.pin_policy.max_failed_attempts == 5
        assert (second.type, second.algorithm, second.period, second.digits) == (
            TokenType.TOTP,
            Algorithm.SHA256,
            60,
            8,
        )
        assert second.secret.reveal() == HW_SEED[::-1] + b"0" * 12


def test_weak_key_in_file_refuses_the_whole_file(tmp_path: Path) -> None:
    path = write_pskc(
        tmp_path / "weak.pskc",
        [
            dict(serial="OK1", secret=HW_SEED, algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp"),
            dict(
                serial="WEAK2",
                secret=b"short",
                algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp",
            ),
        ],
    )
    with pytest.raises(PskcError.__mro__[1], match="Entry 2 of 2 .*128 bits"):
        tokens_from_file(path)


def test_non_oath_algorithm_refused(tmp_path: Path) -> None:
    path = write_pskc(
        tmp_path / "ocra.pskc",
        [
            dict(serial="X1", secret=HW_SEED, algorithm="urn:ietf:params:xml:ns:keyprov:pskc#OCRA-1"),
        ],
    )
    with pytest.raises(UnsupportedTokenError, match="not a HOTP or TOTP"):
        tokens_from_file(path)


def test_unknown_policy_element_forbids_use(data_dir: Path) -> None:
    text = (data_dir / "pskc" / "rfc6030-figure3.pskcxml").read_text()
    text = text.replace("<Data>", "<Policy><FutureRule>1</FutureRule></Policy><Data>")
    with pytest.raises(PskcError, match="forbids"):
        read_pskc(text.encode())


@pytest.mark.parametrize(
    "content",
    [
        b"<not pskc/>",
        b"<?xml version='1.0'?><KeyContainer Version='9.9' xmlns='urn:ietf:params:xml:ns:keyprov:pskc'/>",
        b"<KeyContainer",
    ],
)
def test_malformed_files(content: bytes) -> None:
    with pytest.raises(PskcError):
        tokens_from_bytes(content)


def test_truncated_file(data_dir: Path) -> None:
    data = _read(data_dir, "rfc6030-figure3.pskcxml")
    for cut in range(1, len(data), 97):
        with pytest.raises(PskcError.__mro__[2]):
            tokens_from_bytes(data[:cut])


def test_xml_bomb_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">'
        b"&lol2;</KeyContainer>"
    )
    with pytest.raises(PskcError, match="not a valid PSKC"):
        tokens_from_bytes(bomb)
