from __future__ import annotations

import pickle

import pytest

from softtoken.core.otp import TokenType
from softtoken.core.secret import Secret
from softtoken.core.token import TokenDescription

SEED = b"\x8a\x11supersecretseeds\x00\xff"


def test_repr_and_str_show_only_length() -> None:
    s = Secret(SEED)
    for text in (repr(s), str(s), f"{s}", f"{[s]}"):
        assert text == "<Secret 160 bits>" or "Secret 160 bits" in text
        assert "supersecret" not in text and SEED.hex() not in text


def test_token_description_repr_hides_secret() -> None:
    token = TokenDescription(type=TokenType.TOTP, secret=Secret(SEED), issuer="ACME")
    text = repr(token) + str(token.summary())
    assert "ACME" in text
    assert "supersecret" not in text and SEED.hex() not in text and "secret=" not in text


def test_wipe_overwrites_the_buffer_in_place() -> None:
    s = Secret(SEED)
    view = s.buffer
    assert view == SEED
    s.wipe()
    assert s.wiped and len(s) == 0
    assert bytes(view) == b""


def test_wipe_zeroes_before_clearing() -> None:
    s = Secret(SEED)
    seen: list[bytes] = []

    class Spy(bytearray):
        def clear(self) -> None:
            seen.append(bytes(self))
            super().clear()

    s._buf = Spy(SEED)  # type: ignore[misc]
    s.wipe()
    assert seen == [bytes(len(SEED))]


def test_context_manager_wipes() -> None:
    with Secret(SEED) as s:
        assert len(s) == 20
    assert s.wiped


def test_cannot_pickle_or_hash() -> None:
    with pytest.raises(TypeError):
        pickle.dumps(Secret(SEED))
    with pytest.raises(TypeError):
        hash(Secret(SEED))


def test_equality_is_by_value() -> None:
    assert Secret(SEED) == Secret(bytearray(SEED))
    assert Secret(SEED) != Secret(SEED[:-1] + b"\x00")
