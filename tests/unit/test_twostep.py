from __future__ import annotations

import base64
import hashlib

import pytest

from softtoken.core.activation import twostep
from softtoken.core.activation.keyuri import parse_key_uri
from softtoken.core.activation.twostep import commit_activation, complete_two_step
from softtoken.core.errors import PinRejected
from softtoken.core.secret import Secret
from softtoken.core.token import TokenDescription

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


# ------------------------------------------------------------------ commit_activation: one orchestration

TWO_STEP = (
    f"otpauth://hotp/OATH1?secret={base64.b32encode(SERVER).decode()}&counter=1"
    "&2step_salt=8&2step_output=20&2step_difficulty=1000"
)


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[Secret]:
    """Every Secret the two-step module makes: the client part and the derived seed."""
    made: list[Secret] = []

    class Recorded(Secret):
        __slots__ = ()

        def __init__(self, data: bytes | bytearray | memoryview) -> None:
            super().__init__(data)
            made.append(self)

    monkeypatch.setattr(twostep, "Secret", Recorded)
    return made


def test_commit_gets_the_final_seed_and_the_code_and_both_are_wiped_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = _spy(monkeypatch)
    description = parse_key_uri(TWO_STEP)
    seen: list[tuple[bytes, str, bool]] = []

    def commit(final: TokenDescription, client_part: str) -> str:
        seen.append((final.secret.reveal(), client_part, final.two_step is None))
        return "written"

    written, code = commit_activation(description, commit)
    ((seed, typed, final_is_one_step),) = seen
    assert written == "written" and typed == code and final_is_one_step
    client = base64.b32decode(code.replace(" ", "") + "=" * (-len(code.replace(" ", "")) % 8))[4:]
    assert seed == hashlib.pbkdf2_hmac("sha1", SERVER.hex().encode(), client, 1000, 20)
    assert len(made) == 2 and all(secret.wiped for secret in made)
    assert not description.secret.wiped  # the caller's to wipe


@pytest.mark.parametrize("failure", [PinRejected("The PIN must have 4 digits."), RuntimeError("a bug")])
def test_a_refusal_or_an_exception_still_wipes(monkeypatch: pytest.MonkeyPatch, failure: Exception) -> None:
    made = _spy(monkeypatch)

    def commit(final: TokenDescription, client_part: str) -> str:
        raise failure

    with pytest.raises(type(failure)):
        commit_activation(parse_key_uri(TWO_STEP), commit)
    assert len(made) == 2 and all(secret.wiped for secret in made)


def test_a_failure_making_the_code_still_wipes(monkeypatch: pytest.MonkeyPatch) -> None:
    made = _spy(monkeypatch)

    def broken(self: twostep.TwoStepResult) -> str:
        raise RuntimeError("a bug while encoding")

    monkeypatch.setattr(twostep.TwoStepResult, "client_part_text", broken)
    with pytest.raises(RuntimeError):
        commit_activation(parse_key_uri(TWO_STEP), lambda final, code: "never")
    assert len(made) == 2 and all(secret.wiped for secret in made)


def test_a_one_step_activation_is_committed_as_it_is() -> None:
    description = parse_key_uri(f"otpauth://totp/T?secret={base64.b32encode(SERVER).decode()}")
    written, code = commit_activation(description, lambda final, typed: (final is description, typed))
    assert written == (True, "") and code == ""
