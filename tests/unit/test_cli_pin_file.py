"""``--pin-file``: the PIN in a private file when standard input carries the link; and what
``replace`` says about the old token. Everything runs the real CLI in-process (tests/cli_runner.py)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from softtoken.core.clock import FixedClock
from tests.cli_runner import Result, cli
from tests.pskc_files import write_pskc
from tests.vaults import CHEAP, PIN, link

NOW = 1_750_000_000.0
NEW_SEED = bytes(range(120, 140))
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes")


def run(home: Path, *argv: str | Path, stdin: str | bytes = "") -> Result:
    return cli("--home", home, *argv, stdin=stdin, clock=FixedClock(NOW), kdf=CHEAP)


def pin_file(folder: Path, text: str | bytes, mode: int = 0o600, name: str = "pin.txt") -> Path:
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    path.chmod(mode)
    return path


def activate_from_stdin(home: Path, folder: Path, extra: str = "&serial=OLD1") -> Result:
    return run(
        home, "activate", "-", "--name", "EPCS", "--pin-file", pin_file(folder, PIN), stdin=link(extra=extra)
    )


def test_activate_reads_the_link_from_stdin_and_the_pin_from_a_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = activate_from_stdin(home, tmp_path)
    assert done.code == 0, done.err
    assert "Token 'EPCS' (serial OLD1) is activated" in done.out
    code = run(home, "code", "--pin-stdin", stdin=PIN + "\n")  # the PIN in the file is the token's
    assert code.code == 0, code.err
    assert code.out.strip().isdigit() and PIN not in done.out + done.err


def test_the_second_line_of_a_pin_file_must_repeat_the_first(tmp_path: Path) -> None:
    home = tmp_path / "home"
    mismatch = run(
        home,
        "activate",
        "-",
        "--name",
        "EPCS",
        "--pin-file",
        pin_file(tmp_path, "8642\n8643\n"),
        stdin=link(),
    )
    assert mismatch.code == 65 and "do not match" in mismatch.err
    same = run(
        home,
        "activate",
        "-",
        "--name",
        "EPCS",
        "--pin-file",
        pin_file(tmp_path, " 8642 \r\n8642\r\n"),
        stdin=link(),
    )
    assert same.code == 0, same.err


def test_a_pin_on_stdin_after_the_link_names_the_option_that_exists(tmp_path: Path) -> None:
    """The advice "give the PIN in a file instead" named no option; now it names --pin-file."""
    refused = run(tmp_path / "home", "activate", "-", "--name", "EPCS", "--pin-stdin", stdin=link())
    assert refused.code == 2
    assert refused.err == (
        "softtoken-cli: Standard input is already used for the activation link; "
        "give the PIN with --pin-file FILE instead.\n"
    )


def test_a_pskc_password_on_stdin_leaves_the_pin_to_a_file(tmp_path: Path) -> None:
    """The other way stdin is taken before the PIN: a key file's password."""
    keys = [dict(serial="HW-77", secret=NEW_SEED, algorithm="urn:ietf:params:xml:ns:keyprov:pskc:totp")]
    pskc = write_pskc(tmp_path / "pw.pskc", keys, password="s3cret pass")
    home = tmp_path / "home"
    refused = run(
        home, "activate", pskc, "--name", "EPCS", "--password-stdin", "--pin-stdin", stdin="s3cret pass\n"
    )
    assert refused.code == 2 and "give the PIN with --pin-file FILE instead" in refused.err
    done = run(
        home,
        "activate",
        pskc,
        "--name",
        "EPCS",
        "--password-stdin",
        "--pin-file",
        pin_file(tmp_path, PIN),
        stdin="s3cret pass\n",
    )
    assert done.code == 0, done.err
    assert "Token 'EPCS' (serial HW77) is activated" in done.out


def test_pin_stdin_and_pin_file_are_one_or_the_other(tmp_path: Path) -> None:
    both = run(
        tmp_path / "home",
        "activate",
        "-",
        "--name",
        "EPCS",
        "--pin-stdin",
        "--pin-file",
        pin_file(tmp_path, PIN),
    )
    assert both.code == 2 and "not allowed with argument" in both.err


def test_code_has_no_pin_file(tmp_path: Path) -> None:
    """Decided: code's stdin is free, and a PIN kept in a file for every day would undo the PIN."""
    refused = run(tmp_path / "home", "code", "--pin-file", pin_file(tmp_path, PIN))
    assert refused.code == 2 and "--pin-file" in refused.err


def test_replace_names_the_old_token_with_its_serial(tmp_path: Path) -> None:
    """As the replacement wizard's Done page: the old token's name as stored and its serial."""
    home = tmp_path / "home"
    assert activate_from_stdin(home, tmp_path).code == 0
    done = run(
        home,
        "replace",
        "-",
        "--token",
        "epcs",  # any case finds it; the note uses the name as stored
        "--reason",
        "new-token",
        "--pin-file",
        pin_file(tmp_path, "5173\n"),
        stdin=link(NEW_SEED, extra="&serial=NEW2"),
    )
    assert done.code == 0, done.err
    assert done.out.splitlines()[0] == "Token 'EPCS' (serial NEW2) is activated."
    assert (
        "The old token 'EPCS' (serial OLD1) no longer works on this workstation. The issuer must "
        "revoke it: tell your help desk if they did not send this replacement.\n"
    ) in done.out


def test_replace_of_a_token_without_a_serial_says_so_as_the_wizard_does(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert activate_from_stdin(home, tmp_path, extra="").code == 0
    done = run(
        home,
        "replace",
        "-",
        "--token",
        "EPCS",
        "--reason",
        "forgot-pin",
        "--pin-file",
        pin_file(tmp_path, "5173"),
        stdin=link(NEW_SEED),
    )
    assert done.code == 0, done.err
    assert "The old token 'EPCS' (serial —) no longer works" in done.out


def _bad_pin_files(folder: Path) -> dict[str, tuple[Path, int, str]]:
    """name: (path, exit code, words of the one-line error)."""
    (folder / "a-folder").mkdir()
    return {
        "missing": (folder / "nope.txt", 66, "There is no file"),
        "folder": (folder / "a-folder", 66, "is a folder, not a file"),
        "too big": (
            pin_file(folder, PIN + "\n" + "0" * 2000, name="big.txt"),
            65,
            "too large to be a PIN file",
        ),
        "empty": (pin_file(folder, "", name="empty.txt"), 65, "is empty; write the PIN on its first line"),
        "blank": (pin_file(folder, " \n\n", name="blank.txt"), 65, "is empty"),
        "letters": (pin_file(folder, "86a2\n", name="letters.txt"), 65, "digits (0-9) and nothing else"),
        "too short": (pin_file(folder, "864\n", name="short.txt"), 65, "exactly 4 digits"),
        "not UTF-8": (pin_file(folder, b"86\xff42\n", name="latin.txt"), 65, "not UTF-8 text"),
        "device": (Path("/dev/null"), 66, "not a regular file"),
    }


@pytest.mark.skipif(sys.platform != "linux", reason="/dev/null")
@pytest.mark.parametrize(
    "case", ["missing", "folder", "too big", "empty", "blank", "letters", "too short", "not UTF-8", "device"]
)
@pytest.mark.parametrize("command", ["activate", "replace"])
def test_a_bad_pin_file_is_one_line_and_its_exit_code(tmp_path: Path, case: str, command: str) -> None:
    home = tmp_path / "home"
    if command == "replace":
        assert activate_from_stdin(home, tmp_path).code == 0
    path, code, words = _bad_pin_files(tmp_path)[case]
    argv = ["--token", "EPCS", "--reason", "new-token"] if command == "replace" else ["--name", "EPCS"]
    result = run(home, command, "-", *argv, "--pin-file", path, stdin=link(NEW_SEED))
    assert (result.code, result.out) == (code, "")
    assert result.err.startswith("softtoken-cli: ") and result.err.count("\n") == 1, result.err
    assert words in result.err
    tokens = json.loads(run(home, "status", "--json").out)["tokens"]
    assert [t["serial"] for t in tokens] == (["OLD1"] if command == "replace" else [])  # nothing changed


@posix_only
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660, 0o606, 0o610], ids=oct)
def test_a_pin_file_others_may_read_or_change_is_refused_unread(tmp_path: Path, mode: int) -> None:
    path = pin_file(tmp_path, PIN, mode=mode)
    result = run(tmp_path / "home", "activate", "-", "--name", "EPCS", "--pin-file", path, stdin=link())
    assert result.code == 65
    assert result.err == (
        f"softtoken-cli: {path} may be read or changed by other users, so the PIN in it is no longer "
        f"secret; make it private (chmod 600 {path}) or type the PIN when asked.\n"
    )


@posix_only
def test_a_private_pin_file_reached_by_a_symlink_is_judged_by_the_file(tmp_path: Path) -> None:
    real = pin_file(tmp_path, PIN, mode=0o644)
    (tmp_path / "link-to-pin").symlink_to(real)
    result = run(
        tmp_path / "home",
        "activate",
        "-",
        "--name",
        "EPCS",
        "--pin-file",
        tmp_path / "link-to-pin",
        stdin=link(),
    )
    assert result.code == 65 and "may be read or changed by other users" in result.err


@settings(
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(content=st.one_of(st.binary(max_size=1100), st.text(max_size=40).map(str.encode)))
def test_any_pin_file_content_is_a_pin_or_one_line_of_bad_input(content: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="softtoken-pinfile-") as folder:
        path = pin_file(Path(folder), content)
        result = run(
            Path(folder) / "home", "activate", "-", "--name", "EPCS", "--pin-file", path, stdin=link()
        )
    assert result.code in (0, 65), result.err
    if result.code:
        assert result.err.startswith("softtoken-cli: ") and result.err.count("\n") == 1, result.err
        first = content.strip().split(b"\n")[0].strip()
        if first.isdigit() and len(first) >= 4:  # a PIN-like line is never echoed
            assert first.decode() not in result.err
