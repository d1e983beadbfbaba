"""The admin policy, and what a user's ``--policy FILE`` may (only tighten) and may not do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from softtoken.core import policy as policy_module
from softtoken.core.errors import PolicyError
from softtoken.core.policy import _RULES, FOLDERID_PROGRAMDATA, Policy, default_policy_path, load_policy
from tests.cli_runner import cli

# (key, the admin's value, a user value at least as strict)
TIGHTER: list[tuple[str, Any, Any]] = [
    ("pin_length", 6, 8),
    ("pin_length", 6, 6),
    ("max_attempts", 5, 3),
    ("device_key_store", "file", "keystore"),
    ("device_key_store", "keystore", "keystore"),
    ("idle_lock_seconds", 300, 60),
    ("allow_copy", True, False),
    ("allow_copy", False, False),
    ("clipboard_clear_seconds", 30, 10),
    ("clock_warn_seconds", 10, 5),
    ("clock_error_seconds", 40, 20),
    ("helpdesk_contact", "EPCS desk 555-0100", "EPCS desk 555-0100"),
    ("ntp_server", "time.example.org", "time.example.org"),
    ("sync_window_minutes", 30, 30),
    ("protection", "auto", "tpm"),
    ("protection", "software", "auto"),
    ("protection", "software", "tpm"),
    ("protection", "tpm", "tpm"),
    ("issuer_urls", ["https://pi.example.org", "https://pi2.example.org"], ["https://pi.example.org"]),
    ("issuer_urls", [], ["https://pi.example.org"]),  # no admin list: a user may make one
    ("issuer_urls", ["https://pi.example.org"], ["HTTPS://PI.example.org:443/"]),  # compared normalised
    ("allow_insecure_tls", True, False),
    ("allow_insecure_tls", False, False),
    ("sync_minutes", 15, 5),
    ("sync_minutes", 15, 15),
]

# (key, the admin's value, a looser or (no order) different user value)
LOOSER: list[tuple[str, Any, Any]] = [
    ("pin_length", 6, 4),
    ("max_attempts", 5, 10),
    ("device_key_store", "keystore", "file"),
    ("idle_lock_seconds", 300, 3600),
    ("allow_copy", False, True),
    ("clipboard_clear_seconds", 30, 600),
    ("clock_warn_seconds", 10, 20),
    ("clock_error_seconds", 40, 60),
    ("helpdesk_contact", "EPCS desk 555-0100", "call me"),
    ("ntp_server", "time.example.org", "evil.example.net"),
    ("sync_window_minutes", 30, 120),
    ("sync_window_minutes", 30, 0),
    ("protection", "tpm", "auto"),
    ("protection", "auto", "software"),
    ("protection", "tpm", "software"),
    ("issuer_urls", ["https://pi.example.org"], ["https://evil.example.net"]),
    ("issuer_urls", ["https://pi.example.org"], ["https://pi.example.org", "https://evil.example.net"]),
    ("allow_insecure_tls", False, True),
    ("sync_minutes", 15, 60),
]

# An admin file that sets every key to something other than the default.
FULL_ADMIN = {
    "pin_length": 6,
    "max_attempts": 5,
    "device_key_store": "file",
    "sync_window_minutes": 30,
    "idle_lock_seconds": 300,
    "allow_copy": True,
    "clipboard_clear_seconds": 20,
    "helpdesk_contact": "EPCS desk 555-0100",
    "ntp_server": "time.example.org",
    "clock_warn_seconds": 10,
    "clock_error_seconds": 40,
    "protection": "software",
    "issuer_urls": ["https://pi.example.org"],
    "allow_insecure_tls": True,
    "sync_minutes": 30,
}


def as_read(value: Any) -> Any:
    """A value as Policy holds it: a list of issuer URLs becomes a normalised tuple."""
    if isinstance(value, list):
        return tuple(policy_module.normalise_issuer_url(v) for v in value)
    return value


def toml(values: dict[str, Any]) -> str:
    return "".join(f"{key} = {json.dumps(value)}\n" for key, value in values.items())


def write(path: Path, values: dict[str, Any]) -> Path:
    path.write_text(toml(values))
    return path


def test_the_tables_cover_every_key() -> None:
    """A new policy key must say how it orders (policy._STRICTNESS) and be tested here."""
    assert set(_RULES) == set(policy_module._STRICTNESS)
    assert {key for key, _, _ in TIGHTER} == set(_RULES) == {key for key, _, _ in LOOSER}
    assert set(FULL_ADMIN) == set(_RULES)


@pytest.mark.parametrize(("key", "admin_value", "user_value"), TIGHTER)
def test_a_user_file_may_tighten_every_key(
    tmp_path: Path, key: str, admin_value: Any, user_value: Any
) -> None:
    admin = write(tmp_path / "admin.toml", {**FULL_ADMIN, key: admin_value})
    user = write(tmp_path / "user.toml", {key: user_value})
    policy = load_policy(user, admin_path=admin)
    assert getattr(policy, key) == as_read(user_value)
    for other in set(_RULES) - {key}:  # unset keys come from the admin file
        assert getattr(policy, other) == as_read(FULL_ADMIN[other]), other
    assert policy.source == f"{admin}, tightened by {user}"
    assert (policy.admin_source, policy.user_source) == (str(admin), str(user))


@pytest.mark.parametrize(("key", "admin_value", "user_value"), LOOSER)
def test_a_looser_user_value_is_refused(tmp_path: Path, key: str, admin_value: Any, user_value: Any) -> None:
    admin = write(tmp_path / "admin.toml", {**FULL_ADMIN, key: admin_value})
    user = write(tmp_path / "user.toml", {key: user_value})
    with pytest.raises(PolicyError) as caught:
        load_policy(user, admin_path=admin)
    message = caught.value.message
    assert f"'{key}' = {json.dumps(user_value)}" in message
    assert f"{json.dumps(admin_value)} in the admin policy {admin}" in message
    assert str(user) in message and "\n" not in message


def test_the_first_looser_key_is_named_among_tightened_ones(tmp_path: Path) -> None:
    admin = write(tmp_path / "admin.toml", FULL_ADMIN)
    user = write(tmp_path / "user.toml", {"pin_length": 8, "max_attempts": 10, "allow_copy": False})
    with pytest.raises(PolicyError, match="'max_attempts' = 10 is looser than 5"):
        load_policy(user, admin_path=admin)


def test_keys_the_admin_file_leaves_out_are_its_defaults(tmp_path: Path) -> None:
    """The admin policy is its file plus the defaults: a user cannot loosen an unset key either."""
    admin = write(tmp_path / "admin.toml", {"pin_length": 6})
    with pytest.raises(PolicyError, match="'idle_lock_seconds' = 3600 is looser than 120"):
        load_policy(write(tmp_path / "user.toml", {"idle_lock_seconds": 3600}), admin_path=admin)
    with pytest.raises(PolicyError, match='\'ntp_server\' = "time.example.org" differs from ""'):
        load_policy(write(tmp_path / "user.toml", {"ntp_server": "time.example.org"}), admin_path=admin)
    tightened = load_policy(write(tmp_path / "user.toml", {"idle_lock_seconds": 60}), admin_path=admin)
    assert (tightened.pin_length, tightened.idle_lock_seconds, tightened.max_attempts) == (6, 60, 10)


def test_the_clock_limits_are_checked_after_merging(tmp_path: Path) -> None:
    admin = write(tmp_path / "admin.toml", {"clock_warn_seconds": 10, "clock_error_seconds": 40})
    # Alone, error 12 is below the default warn (15); with the admin's warn (10) it is fine.
    merged = load_policy(write(tmp_path / "user.toml", {"clock_error_seconds": 12}), admin_path=admin)
    assert (merged.clock_warn_seconds, merged.clock_error_seconds) == (10, 12)
    with pytest.raises(
        PolicyError, match=r"'clock_warn_seconds' \(10\) must not exceed 'clock_error_seconds' \(5\)"
    ):
        load_policy(write(tmp_path / "user.toml", {"clock_error_seconds": 5}), admin_path=admin)


def test_without_an_admin_file_the_user_file_is_used_as_given(tmp_path: Path) -> None:
    absent = tmp_path / "etc" / "policy.toml"
    user = write(tmp_path / "user.toml", {"max_attempts": 10, "pin_length": 4, "allow_copy": True})
    policy = load_policy(user, admin_path=absent)
    assert (policy.max_attempts, policy.pin_length) == (10, 4)
    assert policy.source == f"{user} (no admin policy on this workstation)"
    assert (policy.admin_source, policy.user_source) == ("", str(user))


def test_the_admin_file_alone_and_the_defaults(tmp_path: Path) -> None:
    assert load_policy(None, admin_path=tmp_path / "absent.toml") == Policy()
    assert Policy().source == ""
    admin = write(tmp_path / "admin.toml", {"max_attempts": 3})
    policy = load_policy(None, admin_path=admin)
    assert (policy.max_attempts, policy.source, policy.admin_source, policy.user_source) == (
        3,
        str(admin),
        str(admin),
        "",
    )


def test_the_summary_names_the_sources(tmp_path: Path) -> None:
    """The vault audits summary(): a change of source alone must change it too."""
    admin = write(tmp_path / "admin.toml", {"max_attempts": 3})
    alone = load_policy(None, admin_path=admin).summary()
    tightened = load_policy(write(tmp_path / "user.toml", {"max_attempts": 3}), admin_path=admin).summary()
    json.dumps(tightened)
    assert alone != tightened
    assert tightened["user_source"] == str(tmp_path / "user.toml") and tightened["admin_source"] == str(admin)


def test_a_relative_user_file_is_named_by_its_full_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "user.toml", {"max_attempts": 3})
    policy = load_policy(Path("user.toml"), admin_path=tmp_path / "absent.toml")
    assert policy.user_source == str(tmp_path / "user.toml")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("max_attempts = 11\n", "'max_attempts' must be between 1 and 10; it is 11"),
        ("pin_length = [\n", "is not valid TOML"),
        ("pin_lenght = 6\n", "unknown setting 'pin_lenght'"),
        (b"pin_length = 6 # \xff\n", "is not UTF-8 text"),
    ],
)
def test_a_bad_admin_file_is_fatal_even_with_a_user_file(
    tmp_path: Path, text: str | bytes, words: str
) -> None:
    admin = tmp_path / "admin.toml"
    admin.write_bytes(text if isinstance(text, bytes) else text.encode())
    user = write(tmp_path / "user.toml", {"max_attempts": 1})
    for given in (None, user):
        with pytest.raises(PolicyError, match=words) as caught:
            load_policy(given, admin_path=admin)
        assert str(admin) in caught.value.message


def test_an_admin_file_that_cannot_be_read_is_fatal(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "etc"
    not_a_folder.write_text("")
    with pytest.raises(PolicyError, match="cannot be read") as caught:
        load_policy(None, admin_path=not_a_folder / "policy.toml")
    assert "ask your administrator" in caught.value.message


@pytest.mark.parametrize(
    "nesting", ["x = " + "[" * 5000 + "]" * 5000, "x = " + "{a = " * 5000 + "1" + "}" * 5000]
)
@pytest.mark.parametrize("role", ["admin", "user"])
def test_a_deeply_nested_file_is_a_one_line_error(tmp_path: Path, nesting: str, role: str) -> None:
    nested = tmp_path / "nested.toml"
    nested.write_text(nesting + "\n")
    with pytest.raises(PolicyError, match="is nested too deeply to be a policy") as caught:
        if role == "admin":
            load_policy(None, admin_path=nested)
        else:
            load_policy(nested, admin_path=tmp_path / "absent.toml")
    assert "\n" not in caught.value.message


@pytest.mark.parametrize("role", ["admin", "user"])
def test_a_huge_file_is_refused(tmp_path: Path, role: str) -> None:
    huge = tmp_path / "huge.toml"
    huge.write_text("max_attempts = 3\n" + "#" * (64 * 1024) + "\n")
    with pytest.raises(PolicyError, match="is larger than 64 KiB"):
        if role == "admin":
            load_policy(None, admin_path=huge)
        else:
            load_policy(huge, admin_path=tmp_path / "absent.toml")


@pytest.mark.parametrize("role", ["admin", "user"])
@pytest.mark.parametrize("special", ["/dev/null", "directory"])
def test_an_empty_device_or_a_folder_is_refused(tmp_path: Path, role: str, special: str) -> None:
    if not Path("/dev/null").exists():
        pytest.skip("no /dev on this platform")
    target = tmp_path if special == "directory" else Path(special)
    with pytest.raises(PolicyError, match="is not a regular file"):
        if role == "admin":
            load_policy(None, admin_path=target)
        else:
            load_policy(target, admin_path=tmp_path / "absent.toml")


def _message_in_child(target: Path, role: str, absent: Path) -> str:
    """load_policy in a child process bounded in time and memory.

    On the old code a FIFO blocked the open() for ever and /dev/zero was read
    until memory ran out; neither may take the test run with it.
    """
    call = (
        f"load_policy(None, admin_path=Path({str(target)!r}))"
        if role == "admin"
        else f"load_policy(Path({str(target)!r}), admin_path=Path({str(absent)!r}))"
    )
    script = (
        "import contextlib, resource\n"
        "with contextlib.suppress(ValueError, OSError):\n"
        "    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
        "from pathlib import Path\n"
        "from softtoken.core.errors import PolicyError\n"
        "from softtoken.core.policy import load_policy\n"
        "try:\n"
        f"    {call}\n"
        "except PolicyError as exc:\n"
        "    print(exc.message)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def _todo(role: str) -> str:
    return "ask your administrator.\n" if role == "admin" else "give a policy file or leave --policy out.\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
@pytest.mark.parametrize("role", ["admin", "user"])
def test_a_fifo_is_refused_without_hanging(tmp_path: Path, role: str) -> None:
    fifo = tmp_path / "policy.toml"
    os.mkfifo(fifo)
    message = _message_in_child(fifo, role, tmp_path / "absent.toml")
    assert message == f"The policy file {fifo} is not a regular file; " + _todo(role)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev on this platform")
@pytest.mark.parametrize("role", ["admin", "user"])
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_refused_without_reading_it(tmp_path: Path, role: str, device: str) -> None:
    message = _message_in_child(Path(device), role, tmp_path / "absent.toml")
    assert message == f"The policy file {device} is not a regular file; " + _todo(role)


# ---------------------------------------------------------------------- Windows


class _FakeShell32:
    def __init__(self, folder: str | None, result: int = 0) -> None:
        self.folder, self.result = folder, result
        self.asked: bytes = b""

    def SHGetKnownFolderPath(self, rfid: Any, flags: int, token: Any, out: Any) -> int:
        import ctypes

        self.asked = bytes(ctypes.string_at(ctypes.addressof(rfid._obj), 16))
        out._obj.value = self.folder
        return self.result


class _FakeOle32:
    def __init__(self) -> None:
        self.freed = 0

    def CoTaskMemFree(self, pointer: Any) -> None:
        self.freed += 1


class _Windll:
    def __init__(self, shell32: _FakeShell32) -> None:
        self.shell32, self.ole32 = shell32, _FakeOle32()


class _WatchedEnviron(dict[str, str]):
    def __init__(self, values: dict[str, str]) -> None:
        super().__init__(values)
        self.asked: list[str] = []

    def __getitem__(self, key: str) -> str:
        self.asked.append(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        self.asked.append(key)
        return super().get(key, default)


def _on_windows(monkeypatch: pytest.MonkeyPatch, shell32: _FakeShell32) -> tuple[_Windll, _WatchedEnviron]:
    import ctypes

    windll = _Windll(shell32)
    environ = _WatchedEnviron({**os.environ, "PROGRAMDATA": str(Path("/tmp/users-own-programdata"))})
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", windll, raising=False)
    monkeypatch.setattr(os, "environ", environ)
    return windll, environ


def test_the_windows_policy_folder_comes_from_the_known_folder_api(monkeypatch: pytest.MonkeyPatch) -> None:
    import uuid

    shell32 = _FakeShell32(r"D:\ProgramData")
    windll, environ = _on_windows(monkeypatch, shell32)
    path = default_policy_path()
    assert path == Path(r"D:\ProgramData") / "softtoken" / "policy.toml"
    assert shell32.asked == uuid.UUID(FOLDERID_PROGRAMDATA).bytes_le
    assert windll.ole32.freed == 1
    assert "PROGRAMDATA" not in [key.upper() for key in environ.asked]


def test_a_failing_known_folder_api_is_an_error_not_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    shell32 = _FakeShell32(None, result=-2147024894)  # E_FILENOTFOUND as a signed HRESULT
    windll, environ = _on_windows(monkeypatch, shell32)
    monkeypatch.setattr(policy_module, "default_policy_path", default_policy_path)  # the real one
    with pytest.raises(PolicyError, match="ProgramData folder"):
        load_policy(None)
    assert windll.ole32.freed == 1
    assert "PROGRAMDATA" not in [key.upper() for key in environ.asked]


# ---------------------------------------------------------------------- through the CLI


@pytest.fixture
def admin_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "etc").mkdir()
    admin = write(tmp_path / "etc" / "policy.toml", FULL_ADMIN)
    monkeypatch.setattr(policy_module, "default_policy_path", lambda: admin)
    return admin


def test_the_cli_refuses_a_looser_user_file(tmp_path: Path, admin_file: Path) -> None:
    user = write(tmp_path / "user.toml", {"max_attempts": 10})
    result = cli("--home", tmp_path / "home", "--policy", user, "status")
    assert result.code == 78, result.err
    assert result.err == (
        f"softtoken-cli: {user}: 'max_attempts' = 10 is looser than 5 in the admin policy {admin_file}; "
        "a policy file given with --policy may only tighten the admin policy, so remove 'max_attempts' "
        "from it or make it stricter.\n"
    )
    assert result.out == ""


def test_the_cli_shows_a_tightening_file_in_status(tmp_path: Path, admin_file: Path) -> None:
    user = write(tmp_path / "user.toml", {"max_attempts": 3})
    result = cli("--home", tmp_path / "home", "--policy", user, "status", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["policy"] == f"{admin_file}, tightened by {user}"
    alone = cli("--home", tmp_path / "home", "status", "--json")
    assert json.loads(alone.out)["policy"] == str(admin_file)


def test_the_cli_without_admin_file_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(policy_module, "default_policy_path", lambda: tmp_path / "absent" / "policy.toml")
    user = write(tmp_path / "user.toml", {"max_attempts": 10})
    result = cli("--home", tmp_path / "home", "--policy", user, "status", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["policy"] == f"{user} (no admin policy on this workstation)"
