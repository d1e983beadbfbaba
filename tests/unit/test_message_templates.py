"""Messages that carry numbers are templates with parameters (the GUI translates the template,
then fills in names and numbers); user text is a parameter, never part of a template."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from softtoken.cli import __main__ as cli_main
from softtoken.core.activation.sources import read_file, tokens_from_links
from softtoken.core.errors import InputError, SoftTokenError, WeakSeedError
from tests.cli_runner import cli

STRONG = base64.b32encode(bytes(range(20))).decode()
WEAK = base64.b32encode(bytes(range(8))).decode()


@pytest.fixture
def reported(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    seen: list[BaseException] = []
    real = cli_main.report

    def spy(exc: BaseException, stderr: object) -> int:
        seen.append(exc)
        return real(exc, stderr)  # type: ignore[arg-type]

    monkeypatch.setattr(cli_main, "report", spy)
    return seen


def test_entry_numbers(tmp_path: Path, reported: list[BaseException]) -> None:
    one = tmp_path / "one.txt"
    one.write_text(f"otpauth://totp/A:b?secret={STRONG}&issuer=A")
    two = tmp_path / "two.txt"
    two.write_text(
        f"otpauth://totp/A:b?secret={STRONG}&issuer=A\n"
        f"otpauth://totp/C:d?secret={base64.b32encode(bytes(range(30, 50))).decode()}&issuer=C"
    )
    home = ["--home", tmp_path / "h"]
    cases = [
        (
            [*home, "activate", one, "--name", "t", "--entry", "3", "--pin-stdin"],
            "--entry must be between 1 and {count}.",
            1,
        ),
        ([*home, "activate", two, "--name", "t", "--pin-stdin"], "This activation holds {count} tokens;", 2),
        (
            [*home, "replace", one, "--token", "t", "--reason", "forgot-pin", "--entry", "0", "--pin-stdin"],
            "--entry must be between 1 and {count}.",
            1,
        ),
        (
            [*home, "replace", two, "--token", "t", "--reason", "forgot-pin", "--pin-stdin"],
            "This activation holds {count} tokens;",
            2,
        ),
    ]
    for argv, template, count in cases:
        result = cli(*argv, stdin="8642\n")
        assert result.code == 65, result.err
        exc = reported.pop()
        assert isinstance(exc, SoftTokenError)
        assert exc.template.startswith(template) and exc.params == {"count": count}
        assert "{" not in exc.message and str(count) in exc.message


def test_entry_of_a_batch_names_the_entry_by_parameters() -> None:
    links = [
        f"otpauth://totp/A:b?secret={STRONG}&issuer=A",
        f"otpauth://totp/{{n}}:x?secret={WEAK}&issuer={{n}}",
    ]
    with pytest.raises(WeakSeedError) as caught:
        tokens_from_links(links)
    exc = caught.value
    assert exc.template == "Entry {position} of {count} ({label}): {problem}"
    assert exc.params["position"] == 2 and exc.params["count"] == 2
    assert "{n}" in str(exc.params["label"])  # a label with braces stays text
    assert exc.message.startswith("Entry 2 of 2 ({n}): The seed in the link is only 64 bits")


def test_a_too_large_file_says_its_size_by_parameters(tmp_path: Path) -> None:
    big = tmp_path / "{big}.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(InputError) as caught:
        read_file(big, limit=1024, what="a key file")
    assert caught.value.template == (
        "{path} is larger than {size}, too large to be {what}. Check that it is the right file."
    )
    assert caught.value.params["size"] == "1 KiB" and caught.value.params["path"] == str(big)

    assert caught.value.message.startswith(f"{big} is larger than 1 KiB, too large to be a key file.")


def test_helpdesk_numbers_are_parameters(tmp_path: Path) -> None:
    from softtoken.helpdesk.client import _error
    from softtoken.helpdesk.errors import ImportRefused, SessionExpired
    from softtoken.helpdesk.session import Session, load_session, save_session

    internal = _error(503, None, "down", login=False)
    assert internal.template.startswith("The issuer failed with an internal error (HTTP {status})")
    assert internal.params == {"status": 503} and "HTTP 503" in internal.message
    refused = ImportRefused(
        "The issuer refused {refused} of the {total} tokens.", params={"refused": 1, "total": 3}
    )
    assert refused.message == "The issuer refused 1 of the 3 tokens." and refused.code is None
    path = tmp_path / "s" / "session.json"
    save_session(path, Session("https://issuer.example.org", "admin", None, "a.b.c", 0.0, 60.0))
    with pytest.raises(SessionExpired) as caught:
        load_session(path, now=120.0)
    assert caught.value.template.startswith("Your issuer session expired at {time};")
    assert set(caught.value.params) == {"time"}
