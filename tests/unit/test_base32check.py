"""base32check: the app's two-step activation code, as privacyIDEA defines it."""

from __future__ import annotations

import base64
import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softtoken.core.activation.base32check import ClientPartError, decode, encode, group, normalise
from softtoken.core.activation.twostep import TwoStepResult
from softtoken.core.secret import Secret


def _reference(payload: bytes) -> str:
    """privacyIDEA's docstring: strip_padding(base32(sha1(payload)[:4] + payload))."""
    return base64.b32encode(hashlib.sha1(payload).digest()[:4] + payload).decode().rstrip("=")


@given(st.binary(min_size=1, max_size=64))
def test_round_trip_and_reference(payload: bytes) -> None:
    text = encode(payload)
    assert text == _reference(payload)
    assert decode(text) == payload
    assert decode(group(text).lower()) == payload


def test_the_apps_text_decodes_to_its_client_part() -> None:
    client = bytes(range(8))
    shown = TwoStepResult(token=None, client_part=Secret(bytearray(client))).client_part_text()  # type: ignore[arg-type]
    assert " " in shown
    assert decode(shown) == client
    assert normalise(shown) == encode(client)


def test_typing_mistakes_are_caught() -> None:
    text = encode(bytes(range(8)))
    wrong = ("B" if text[0] == "A" else "A") + text[1:]
    with pytest.raises(ClientPartError, match="typing mistake"):
        decode(wrong)
    with pytest.raises(ClientPartError, match="wrong number"):
        decode(text[:-3])
    with pytest.raises(ClientPartError, match="2-7"):
        decode(text[:-1] + "1")
    with pytest.raises(ClientPartError):
        decode("   ")
