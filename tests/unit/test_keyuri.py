from __future__ import annotations

import base64

import pytest

from softtoken.core.activation.keyuri import parse_key_uri
from softtoken.core.activation.sources import tokens_from_text
from softtoken.core.errors import LinkError, UnsupportedTokenError, WeakSeedError
from softtoken.core.otp import Algorithm, TokenType, totp

SEED = bytes.fromhex("3132333435363738393031323334353637383930")
B32 = base64.b32encode(SEED).decode()  # GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ


def test_google_example_decodes_secret() -> None:
    token = parse_key_uri("otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example")
    assert token.secret.reveal().hex() == "48656c6c6f21deadbeef"
    assert (token.issuer, token.account, token.type) == (
        "Example",
        "alice@google.com",
        TokenType.TOTP,
    )
    # ... but 80 bits is too weak to activate
    with pytest.raises(WeakSeedError, match="128 bits"):
        token.check()


def test_full_totp_link() -> None:
    (token,) = tokens_from_text(
        f"otpauth://totp/ACME%20Health:dr.jones?secret={B32}&issuer=ACME%20Health"
        "&algorithm=SHA256&digits=8&period=60&image=https%3A%2F%2Fx%2Fy.png&color=ff0000"
    )
    assert token.secret.reveal() == SEED
    assert token.issuer == "ACME Health" and token.account == "dr.jones"
    assert (token.algorithm, token.digits, token.period) == (Algorithm.SHA256, 8, 60)
    assert token.suggested_name() == "ACME Health"


@pytest.mark.parametrize(
    "secret",
    [
        B32.lower(),
        B32 + "====",
        " ".join([B32[:8], B32[8:16], B32[16:]]).replace(" ", "%20"),
        "gezd-gnbv-gy3t-qojq-gezd-gnbv-gy3t-qojq",
    ],
)
def test_secret_spelling_variants(secret: str) -> None:
    token = parse_key_uri(f"otpauth://totp/x?secret={secret}")
    assert token.secret.reveal() == SEED


def test_hotp_counter_and_privacyidea_extras() -> None:
    token = parse_key_uri(
        f"otpauth://hotp/OATH0001?secret={B32}&counter=1&digits=6&creator=privacyidea"
        "&issuer=privacyIDEA&serial=OATH0001"
    )
    assert (token.type, token.counter, token.serial, token.issuer) == (
        TokenType.HOTP,
        1,
        "OATH0001",
        "privacyIDEA",
    )
    assert token.account == "OATH0001"


def test_two_step_parameters() -> None:
    token = parse_key_uri(
        f"otpauth://totp/TOTP01?secret={B32}&2step_salt=8&2step_output=32&2step_difficulty=10000"
        "&algorithm=SHA256"
    )
    assert token.two_step is not None
    assert (token.two_step.client_size, token.two_step.output_size, token.two_step.difficulty) == (
        8,
        32,
        10000,
    )


def test_codes_from_parsed_link_match_rfc() -> None:
    token = parse_key_uri(f"otpauth://totp/x?secret={B32}&digits=8")
    assert totp(token.secret, 59, digits=token.digits) == "94287082"


@pytest.mark.parametrize(
    ("uri", "error", "words"),
    [
        (f"otpauth://totp/A:b?secret={B32}&issuer=B", LinkError, "two different issuers"),
        (f"otpauth://hotp/x?secret={B32}", LinkError, "no counter"),
        (f"otpauth://hotp/x?secret={B32}&counter=", LinkError, "no counter"),
        ("otpauth://totp/x?issuer=A", LinkError, "no secret"),
        ("otpauth://totp/x?secret=", LinkError, "empty secret"),
        ("otpauth://totp/x?secret=ABC1DEFG", LinkError, "not valid"),
        ("otpauth://totp/x?secret=A", LinkError, "not valid"),
        (f"otpauth://totp/x?secret={B32}&algorithm=MD5", UnsupportedTokenError, "MD5"),
        (f"otpauth://totp/x?secret={B32}&digits=10", UnsupportedTokenError, "10-digit"),
        (f"otpauth://totp/x?secret={B32}&digits=six", LinkError, "whole number"),
        (f"otpauth://totp/x?secret={B32}&period=300", UnsupportedTokenError, "two minutes"),
        (f"otpauth://steam/x?secret={B32}", UnsupportedTokenError, "'steam' token"),
        (
            f"otpauth://totp/x?secret={B32}&secret=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            LinkError,
            "twice",
        ),
        (f"otpauth://totp/x?secret={B32}&2step_difficulty=999999999", LinkError, "out of range"),
        ("otpauth://totp/x?secret=AAAAAAAAAAAAAAAA", WeakSeedError, "80 bits"),
    ],
)
def test_bad_links_say_what_is_wrong(uri: str, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words) as info:
        tokens_from_text(uri)
    message = str(info.value)
    assert "\n" not in message
    assert B32 not in message and B32.lower() not in message


def test_unknown_parameters_are_ignored() -> None:
    token = parse_key_uri(f"otpauth://totp/x?secret={B32}&lock=true&icon=abc&foo=bar")
    assert token.secret.reveal() == SEED


def test_period_is_ignored_for_hotp() -> None:
    token = parse_key_uri(f"otpauth://hotp/x?secret={B32}&counter=0&period=999")
    token.check()


def test_very_short_seed_in_a_link_says_cut_short() -> None:
    with pytest.raises(WeakSeedError, match="cut short"):
        tokens_from_text("otpauth://totp/ACME:dr.jones?secret=GEZD")
