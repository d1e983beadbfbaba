from __future__ import annotations

import pytest

from softtoken.core.errors import PasscodeEntryError, SerialError
from softtoken.core.hardtoken import normalise_serial, parse_passcode_entry


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("GAKT000123456", "GAKT000123456"),
        ("gakt-0001-23456", "GAKT000123456"),
        ("  gakt 0001 23456 ", "GAKT000123456"),
        ("1000133508267", "1000133508267"),
        ("ab_12.34/56", "AB123456"),
    ],
)
def test_serials_are_normalised(typed: str, expected: str) -> None:
    assert normalise_serial(typed) == expected


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "Enter the serial number"),
        ("  - ", "Enter the serial number"),
        ("ABC", "4 to 32"),
        ("A" * 33, "4 to 32"),
        ("GAKT#0001", "only letters and digits"),
        ("ＧＡＫＴ0001", "only letters and digits"),
        ("١٢٣٤٥٦", "only letters and digits"),
        ("x" * 500, "far too long"),
    ],
)
def test_bad_serials(typed: str, words: str) -> None:
    with pytest.raises(SerialError, match=words):
        normalise_serial(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("123456", "123456"),
        ("123 456", "123456"),
        (" 012 345 ", "012345"),
        ("12 34 56", "123456"),
    ],
)
def test_passcodes(typed: str, expected: str) -> None:
    assert parse_passcode_entry(typed) == expected


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "Enter the six-digit"),
        ("12345", "you typed 5"),
        ("1234567", "you typed 7"),
        ("123-456", "only digits"),
        ("12345a", "only digits"),
        ("١٢٣٤٥٦", "only digits"),
        ("123  456", "only digits"),
        ("+12345", "only digits"),
        ("12\t3456", "only digits"),
    ],
)
def test_bad_passcodes(typed: str, words: str) -> None:
    with pytest.raises(PasscodeEntryError, match=words) as info:
        parse_passcode_entry(typed)
    digits = "".join(c for c in typed if c.isdigit())
    if len(digits) >= 4:
        assert digits not in str(info.value)
