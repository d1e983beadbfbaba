"""The support card comes out exactly when a help desk needs it: a damaged vault, a vault file
missing beside its backup, a keystore entry gone. The problem is on the card; the rest is filled."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from softtoken.cli.__main__ import run
from softtoken.cli.context import CliContext
from tests.keyrings import MemoryKeyring
from tests.vaults import CHEAP, PIN, link


def _cli(home: Path, *argv: str | Path, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    ctx = CliContext(stdin=io.StringIO(stdin), stdout=out, stderr=err, environ={}, kdf=CHEAP)
    code = run(["--home", str(home), *map(str, argv)], ctx)
    return code, out.getvalue(), err.getvalue()


def _damage(home: Path, _: MemoryKeyring) -> None:
    data = bytearray((home / "vault.stv").read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit of one byte
    (home / "vault.stv").write_bytes(bytes(data))


def _remove_file(home: Path, _: MemoryKeyring) -> None:
    (home / "vault.stv").unlink()


def _forget_keys(_: Path, keyring: MemoryKeyring) -> None:
    keyring.entries.clear()  # the keyring was reset


CASES: dict[str, tuple[Callable[[Path, MemoryKeyring], None], str, int]] = {
    "damaged vault": (_damage, "is damaged or was changed outside softtoken", 74),
    "vault file missing beside its backup": (_remove_file, "is missing, but its backup is there", 74),
    "keystore entry missing": (_forget_keys, "holds no key for this token vault", 69),
}


@pytest.fixture(params=list(CASES))
def broken(
    request: pytest.FixtureRequest, tmp_path: Path, memory_keyring: MemoryKeyring
) -> tuple[Path, str, int]:
    home = tmp_path / "h"
    source = tmp_path / "link.txt"
    source.write_text(link(extra="&serial=TOTP0001"))
    assert _cli(home, "activate", source, "--name", "EPCS", "--pin-stdin", stdin=f"{PIN}\n{PIN}\n")[0] == 0
    assert _cli(home, "code", "--pin-stdin", stdin=PIN)[0] == 0  # a second write: the backup exists
    spoil, words, code = CASES[request.param]
    spoil(home, memory_keyring)
    return home, words, code


def test_text_card(broken: tuple[Path, str, int]) -> None:
    home, words, _ = broken
    code, out, err = _cli(home, "diagnostics")
    assert (code, err) == (0, "")
    assert f"Data directory: {home}" in out and "Policy: none (defaults)" in out
    assert "Keystore: tests.keyrings.MemoryKeyring\n" in out and "Keystore backend: " in out
    assert "Clock: no time server set" in out and "Tokens: cannot be read" in out
    plain = out.split("\nDetails\n")[0]  # the problem is said in the plain words, before the details
    assert plain.rstrip().splitlines()[-1].startswith("Problem: ") and words in plain


def test_json_card_and_bundle(broken: tuple[Path, str, int], tmp_path: Path) -> None:
    home, words, _ = broken
    bundle = tmp_path / "support.zip"
    code, out, err = _cli(home, "diagnostics", "--json", "--bundle", bundle)
    assert code == 0 and err == f"Support bundle saved to {bundle}\n"
    card = json.loads(out)
    assert words in card["problem"] and "tokens" not in card
    assert card["vault"]["present"] and card["vault"]["backup"]
    assert card["keystore"]["kind"] == "OS keystore" and card["policy"]["max_attempts"] == 10
    assert card["app"]["softtoken"] and card["made_at"] and card["data_directory"] == str(home)
    with zipfile.ZipFile(bundle) as saved:
        assert json.loads(saved.read("support-card.json"))["problem"] == card["problem"]
        assert saved.read("audit-verify.txt").decode().startswith("not verified: ")
        assert "audit.log" in saved.namelist()


def test_other_commands_still_say_what_is_wrong(broken: tuple[Path, str, int]) -> None:
    """Recording the policy is best effort; each command's own vault call reports the problem."""
    home, words, expected = broken
    for argv, stdin in ((["status"], ""), (["code", "--pin-stdin"], PIN), (["audit", "verify"], "")):
        code, out, err = _cli(home, *argv, stdin=stdin)
        assert code == expected, (argv, err)
        assert words in err and err.count("\n") == 1 and out == ""
