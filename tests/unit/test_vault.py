"""The vault: activation, unlocking, lockout, storage, corruption, stolen files."""

from __future__ import annotations

import base64
import json
import logging
import stat
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from softtoken.core import errors
from softtoken.core.clock import FixedClock
from softtoken.core.keystore import FileKeystore, OsKeystore
from softtoken.core.policy import Policy
from softtoken.core.secret import Secret
from softtoken.core.storage import FileLock
from softtoken.core.vault import crypto, unlocking
from softtoken.core.vault.crypto import KdfParams
from softtoken.core.vault.files import VaultFile
from softtoken.core.vault.model import VaultDoc
from softtoken.core.vault.vault import Vault
from tests.keyrings import MemoryKeyring
from tests.oracles import needs_oathtool, oathtool_hotp
from tests.vaults import CHEAP, PIN, RFC_SEED, description, leaked, make_vault

RFC4226 = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583"]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "softtoken"


@pytest.fixture
def keyring_(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    return memory_keyring


def _entries(keyring: MemoryKeyring) -> dict[str, str]:
    return {user: value for (service, user), value in keyring.entries.items() if service == "softtoken"}


def test_activate_then_unlock_gives_rfc_codes(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_, clock=FixedClock(59))
    status = vault.activate(description(extra="&digits=8"), "  My   EPCS token ", PIN, PIN)
    assert status.name == "My EPCS token" and status.state == "waiting for network sync"
    codes = vault.unlock(None, PIN)
    assert [c.code for c in codes.codes] == ["94287082", "37359152"]  # RFC 6238 T=1; RFC 4226 c=2
    assert codes.at(59) is codes.codes[0] and codes.at(60) is codes.codes[1] and codes.at(90) is None
    assert codes.codes[0].grouped() == "9428 7082"
    assert codes.expires == 90


@needs_oathtool
def test_totp_steps_are_read_from_the_clock_after_the_pin_is_stretched(
    home: Path, keyring_: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unlock whose Argon2 runs across a step's end shows that step's code and the next.

    Read before Argon2, the steps would be the one that just ended and the present
    one: the window would show the present code first and lock when it ends, with
    no next code (what a slow computer saw near the end of each 30 seconds).
    """
    clock = FixedClock(58)
    vault = make_vault(home, keyring_, clock=clock)
    vault.activate(description(), "ACME", PIN, PIN)
    stretch = crypto.argon2id

    def slow_stretch(*args: object, **kwargs: object) -> Secret:
        clock.advance(3)  # 58 -> 61: step 1 (30-60) ends while the PIN is stretched
        return stretch(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(crypto, "argon2id", slow_stretch)
    # Argon2 inside the unlock (the early start on another thread would race the clock here);
    # the early path waits for its result at the same point, before the steps are read.
    monkeypatch.setattr(unlocking, "start_stretching", lambda *args: None)
    codes = vault.unlock(None, PIN)
    assert [(c.counter, c.valid_from, c.valid_until) for c in codes.codes] == [(2, 60, 90), (3, 90, 120)]
    assert codes.at(clock.now()) is codes.codes[0]
    assert [c.code for c in codes.codes] == [oathtool_hotp(RFC_SEED, 2), oathtool_hotp(RFC_SEED, 3)]


def test_hotp_counter_is_persisted_before_the_code_is_returned(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(kind="hotp"), "hw", PIN, PIN)
    seen = []
    for _ in range(4):
        seen.append(vault.unlock("hw", PIN).codes[0].code)
        # a fresh process (new Vault object) continues where the last one stopped
        vault = make_vault(home, keyring_)
    assert seen == RFC4226[:4]


def test_hotp_restored_file_does_not_repeat_a_code(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(kind="hotp"), "hw", PIN, PIN)
    old = (home / "vault.stv").read_bytes()
    first = vault.unlock(None, PIN).codes[0].code
    (home / "vault.stv").write_bytes(old)  # an older copy of the file comes back
    assert vault.unlock(None, PIN).codes[0].code != first


def test_files_and_directory_are_private(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(), "t", PIN, PIN)
    vault.unlock(None, PIN)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for name in ("vault.stv", "vault.stv.bak", "audit.log", "vault.lock"):
        assert stat.S_IMODE((home / name).stat().st_mode) == 0o600, name
    assert not list(home.glob("*.tmp-*"))


def test_wrong_pins_wait_then_disable(home: Path, keyring_: MemoryKeyring) -> None:
    clock = FixedClock(1_000_000)
    vault = make_vault(home, keyring_, clock=clock)
    vault.activate(description(), "t", PIN, PIN)
    token_entries = [u for u in _entries(keyring_) if "/" in u]
    assert len(token_entries) == 1
    waits = []
    for attempt in range(1, 10):
        with pytest.raises(errors.WrongPin) as info:
            vault.unlock(None, "1357")
        assert info.value.attempts_left == 10 - attempt
        assert f"{10 - attempt} attempt" in info.value.message
        waits.append(info.value.wait_seconds)
        if info.value.wait_seconds:
            with pytest.raises(errors.TokenLockedOut) as locked:
                vault.unlock(None, PIN)  # even the right PIN waits
            assert locked.value.wait_seconds == info.value.wait_seconds
            clock.advance(info.value.wait_seconds)
        vault = make_vault(home, keyring_, clock=clock)  # the count survives a restart
        assert vault.status()[0].failures == attempt
    assert waits == [0, 0, 5, 15, 30, 60, 120, 300, 600]
    with pytest.raises(errors.WrongPin) as last:
        vault.unlock(None, "1357")
    assert last.value.disabled and "disabled" in last.value.message
    assert token_entries[0] not in _entries(keyring_)  # the device key is destroyed
    body = json.loads((home / "vault.stv").read_bytes().splitlines()[1])
    assert "wrapped_key" not in body["tokens"][0] and "sealed_seed" not in body["tokens"][0]
    assert vault.status()[0].state == "disabled"
    with pytest.raises(errors.TokenDisabled):
        vault.unlock(None, PIN)


def test_right_pin_resets_the_count(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(), "t", PIN, PIN)
    for _ in range(2):
        with pytest.raises(errors.WrongPin):
            vault.unlock(None, "1357")
    vault.unlock(None, PIN)
    assert vault.status()[0].failures == 0 and vault.status()[0].attempts_left == 10


def test_restoring_an_older_vault_copy_does_not_reset_the_count(home: Path, keyring_: MemoryKeyring) -> None:
    clock = FixedClock(1_000_000)
    vault = make_vault(home, keyring_, clock=clock)
    vault.activate(description(), "t", PIN, PIN)
    fresh = (home / "vault.stv").read_bytes()
    for _ in range(9):
        with pytest.raises(errors.WrongPin) as info:
            vault.unlock(None, "1357")
        clock.advance(info.value.wait_seconds)
    (home / "vault.stv").write_bytes(fresh)  # attacker puts back the copy with 0 failures
    assert vault.status()[0].failures == 9
    with pytest.raises(errors.WrongPin) as final:
        vault.unlock(None, "1357")
    assert final.value.disabled
    (home / "vault.stv").write_bytes(fresh)  # and again after disable: the key is gone
    with pytest.raises(errors.TokenDisabled):
        vault.unlock(None, PIN)


def test_policy_may_lower_the_attempts(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_, policy=Policy(max_attempts=3), clock=FixedClock(10**6))
    vault.activate(description(), "t", PIN, PIN)
    for left in (2, 1):
        with pytest.raises(errors.WrongPin) as info:
            vault.unlock(None, "1357")
        assert info.value.attempts_left == left
    with pytest.raises(errors.WrongPin) as info:
        vault.unlock(None, "1357")
    assert info.value.disabled


@pytest.mark.parametrize(
    ("pin", "confirm", "words"),
    [
        ("", "", "Choose a 4-digit PIN"),
        ("12a4", "12a4", "4 digits"),
        ("١٢٣٤", "١٢٣٤", "4 digits"),
        ("468", "468", "exactly 4 digits"),
        ("24680", "24680", "exactly 4 digits"),
        ("1234", "1234", "too easy"),
        ("0000", "0000", "too easy"),
        ("2580", "2580", "too easy"),
        ("1212", "1212", "too easy"),
        ("1987", "1987", "too easy"),
        ("8642", "8643", "do not match"),
    ],
)
def test_new_pin_rules(home: Path, keyring_: MemoryKeyring, pin: str, confirm: str, words: str) -> None:
    vault = make_vault(home, keyring_)
    with pytest.raises(errors.PinRejected, match=words) as info:
        vault.activate(description(), "t", pin, confirm)
    if len(pin) >= 3:
        assert pin not in info.value.message
    assert not (home / "vault.stv").exists()


def test_policy_pin_length(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_, policy=Policy(pin_length=6))
    with pytest.raises(errors.PinRejected, match="exactly 6 digits"):
        vault.activate(description(), "t", PIN, PIN)
    vault.activate(description(), "t", "860315", "860315")
    assert vault.unlock(None, "860315").codes
    with pytest.raises(errors.PinRejected, match="6-digit"):
        vault.unlock(None, PIN)


def test_token_names(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(), "EPCS", PIN, PIN)
    with pytest.raises(errors.TokenNameError, match="already have"):
        vault.activate(description(bytes(range(20))), "epcs", PIN, PIN)
    with pytest.raises(errors.TokenNameError, match="at most 32"):
        vault.activate(description(bytes(range(20))), "x" * 33, PIN, PIN)
    with pytest.raises(errors.TokenNameError, match="Enter a name"):
        vault.activate(description(bytes(range(20))), "   ", PIN, PIN)
    vault.activate(description(bytes(range(20))), "Second", PIN, PIN)
    assert [t.name for t in vault.status()] == ["EPCS", "Second"]
    with pytest.raises(errors.TokenNotFound, match="EPCS, Second"):
        vault.unlock(None, PIN)
    assert vault.unlock("second", PIN).token_name == "Second"


def test_reused_seed_is_refused(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(), "one", PIN, PIN)
    with pytest.raises(errors.SeedReused):
        vault.activate(description(), "two", PIN, PIN)


def test_no_secure_keystore_refuses_and_writes_nothing(home: Path) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    vault = Vault(home, policy=Policy(), clock=FixedClock(59), kdf=CHEAP)
    with pytest.raises(errors.KeystoreUnavailable, match="GNOME Keyring"):
        vault.activate(description(), "t", PIN, PIN)
    assert not (home / "vault.stv").exists()


def test_keyrings_alt_plaintext_is_not_secure() -> None:
    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    import keyring

    keyring.set_keyring(PlaintextKeyring())
    with pytest.raises(errors.KeystoreUnavailable):
        OsKeystore()


def test_file_keystore_by_policy(home: Path) -> None:
    policy = Policy(device_key_store="file")
    vault = Vault(home, policy=policy, clock=FixedClock(59), kdf=CHEAP)
    vault.activate(description(), "t", PIN, PIN)
    assert isinstance(vault.keystore, FileKeystore)
    assert stat.S_IMODE((home / "keystore.json").stat().st_mode) == 0o600
    assert vault.unlock(None, PIN).codes[0].code == "287082"
    assert json.loads((home / "vault.stv").read_bytes().splitlines()[1])["keystore"] == "file"


def test_every_single_byte_change_is_corruption(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(), "t", PIN, PIN)
    path = home / "vault.stv"
    good = path.read_bytes()
    for position in range(len(good)):
        for mask in (0x01, 0x80, 0x20):
            changed = bytearray(good)
            changed[position] ^= mask
            path.write_bytes(bytes(changed))
            with pytest.raises(
                (errors.VaultCorrupt, errors.UnsupportedVaultVersion, errors.KeystoreEntryMissing)
            ):
                vault.load()
    path.write_bytes(good)
    assert vault.load() is not None


def test_every_truncation_is_corruption(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(), "t", PIN, PIN)
    path = home / "vault.stv"
    good = path.read_bytes()
    for size in range(len(good)):
        path.write_bytes(good[:size])
        with pytest.raises(errors.VaultCorrupt) as info:
            vault.load()
        assert str(path) in info.value.message
    path.write_bytes(good + b"x")
    with pytest.raises(errors.VaultCorrupt):
        vault.load()


def test_corrupt_vault_offers_backup_and_restores(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(), "t", PIN, PIN)
    vault.unlock(None, PIN)  # a second write, so there is a backup
    (home / "vault.stv").write_bytes(b"garbage")
    with pytest.raises(errors.VaultCorrupt, match="backup") as info:
        vault.status()
    assert info.value.backup == str(home / "vault.stv.bak")
    vault.restore_backup()
    assert (home / "vault.stv.damaged").read_bytes() == b"garbage"
    assert vault.unlock(None, PIN).codes


def test_missing_vault_with_backup_is_never_a_new_empty_vault(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(), "t", PIN, PIN)
    vault.unlock(None, PIN)
    (home / "vault.stv").unlink()
    with pytest.raises(errors.VaultMissing):
        vault.status()
    with pytest.raises(errors.VaultMissing):
        vault.activate(description(bytes(range(20))), "new", PIN, PIN)


def test_newer_version_is_refused_by_name(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(), "t", PIN, PIN)
    path = home / "vault.stv"
    path.write_bytes(path.read_bytes().replace(b"softtoken-vault 1\n", b"softtoken-vault 4\n", 1))
    with pytest.raises(errors.UnsupportedVaultVersion, match="newer softtoken"):
        vault.load()


def test_stale_temp_files_are_ignored_and_removed(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(), "t", PIN, PIN)
    (home / "vault.stv.tmp-abc123").write_bytes(b"half written")
    assert vault.unlock(None, PIN).codes
    assert not (home / "vault.stv.tmp-abc123").exists()


def test_lock_is_exclusive(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(), "t", PIN, PIN)
    other = FileLock(home / "vault.lock", timeout=0.05)
    other.acquire()
    try:
        vault._lock.timeout = 0.05
        with pytest.raises(errors.VaultBusy, match="Another softtoken"):
            vault.unlock(None, PIN)
    finally:
        other.release()


def test_stale_view_is_never_written_blindly(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(), "t", PIN, PIN)
    seen = vault.load()
    assert seen is not None
    vault.unlock(None, PIN)  # someone else writes meanwhile
    with pytest.raises(errors.VaultChanged), vault._session(expected_generation=seen.generation):
        pass


def test_keystore_entry_removed_no_pin_works_and_errors_are_identical(
    home: Path, keyring_: MemoryKeyring
) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(), "t", PIN, PIN)
    token_entry = next(u for u in _entries(keyring_) if "/" in u)
    del keyring_.entries[("softtoken", token_entry)]
    messages = set()
    for pin in (PIN, "1357", "9752"):
        with pytest.raises(errors.TokenDisabled) as info:
            vault.unlock(None, pin)
        messages.add(info.value.message)
    assert len(messages) == 1


def test_stolen_file_gives_no_pin_oracle(home: Path, keyring_: MemoryKeyring) -> None:
    """An attacker with the file but not the device key tries all 10,000 PINs: nothing opens."""
    vault = make_vault(home, keyring_)
    vault.activate(description(), "t", PIN, PIN)
    body = json.loads((home / "vault.stv").read_bytes().splitlines()[1])
    token = body["tokens"][0]
    header = token["header"]
    associated = f"softtoken-vault/1/{body['vault_id']}/".encode() + crypto.canonical(header)
    salt = base64.b64decode(header["kdf"]["salt"])
    nonce = base64.b64decode(header["wrap_nonce"])
    wrapped = base64.b64decode(token["wrapped_key"])
    params = KdfParams(header["kdf"]["m"], header["kdf"]["t"], header["kdf"]["p"])
    real_device_key = json.loads(keyring_.entries[("softtoken", f"{body['vault_id']}/{header['token_id']}")])[
        "key"
    ]

    def opens(pin: str, device_key: bytes) -> bool:
        with (
            crypto.argon2id(pin, salt, params) as stretched,
            crypto.derive_kek(stretched, Secret(device_key), header["token_id"]) as kek,
        ):
            return crypto.gcm_decrypt(kek, nonce, wrapped, associated) is not None

    assert opens(PIN, base64.b64decode(real_device_key))  # the harness is right
    guessed_device_key = bytes(32)
    assert not any(opens(f"{n:04d}", guessed_device_key) for n in range(10_000))


def test_weaker_kdf_is_raised_after_unlock(home: Path, keyring_: MemoryKeyring) -> None:
    make_vault(home, keyring_).activate(description(), "t", PIN, PIN)
    stronger = KdfParams(memory_kib=256, iterations=2, parallelism=1)
    vault = make_vault(home, keyring_, kdf=stronger)
    assert "m=64 KiB" in vault.status()[0].kdf
    assert vault.unlock(None, PIN).codes[0].code == "287082"
    assert "m=256 KiB t=2" in vault.status()[0].kdf
    assert make_vault(home, keyring_).unlock(None, PIN).codes[0].code == "287082"
    assert any(r["event"] == "rewrapped" for r in vault.audit.records())


def test_no_secret_reaches_logs_reprs_errors_or_files(
    home: Path, keyring_: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    clock = FixedClock(59)
    vault = make_vault(home, keyring_, clock=clock)
    vault.activate(description(extra="&digits=8"), "t", PIN, PIN)
    codes = vault.unlock(None, PIN)
    texts = [repr(codes), repr(vault.status()), json.dumps([t.summary() for t in vault.status()])]
    for pin in ("1357", "9753"):
        try:
            vault.unlock(None, pin)
        except errors.SoftTokenError as exc:
            texts.append(str(exc))
    texts.append(caplog.text)
    texts.append((home / "vault.stv").read_text())
    texts.append((home / "audit.log").read_text())
    texts.append(vault.audit.export("csv"))
    secrets = [
        PIN,
        "1357",
        "9753",
        RFC_SEED.decode(),
        RFC_SEED.hex(),
        base64.b32encode(RFC_SEED).decode(),
        base64.b64encode(RFC_SEED).decode(),
        *(c.code for c in codes.codes),
    ]
    for text in texts:
        for secret in secrets:
            assert not leaked(secret, text), (secret, text[:200])


def test_audit_log_records_and_verifies(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_, clock=FixedClock(10**6))
    vault.activate(description(), "t", PIN, PIN)
    vault.unlock(None, PIN)
    with pytest.raises(errors.WrongPin):
        vault.unlock(None, "1357")
    vault.record_policy()
    vault.record_policy()  # unchanged policy: recorded once
    events = [r["event"] for r in vault.audit.records()]
    assert events == ["vault_created", "activated", "unlocked", "unlock_failed", "policy"]
    assert vault.audit_verify().ok


def _audit_lines(home: Path) -> list[bytes]:
    return (home / "audit.log").read_bytes().splitlines(keepends=True)


@pytest.mark.parametrize("tamper", ["edit", "delete", "reorder", "cut_end", "forge_mac"])
def test_audit_tampering_is_detected(home: Path, keyring_: MemoryKeyring, tamper: str) -> None:
    vault = make_vault(home, keyring_, clock=FixedClock(10**6))
    vault.activate(description(), "t", PIN, PIN)
    for _ in range(3):
        vault.unlock(None, PIN)
    with pytest.raises(errors.WrongPin):  # a security event: the keystore mirrors the log's head
        vault.unlock(None, "1357")
    lines = _audit_lines(home)
    if tamper == "edit":
        lines[2] = lines[2].replace(b'"unlocked"', b'"activated"')
    elif tamper == "delete":
        del lines[2]
    elif tamper == "reorder":
        lines[2], lines[3] = lines[3], lines[2]
    elif tamper == "cut_end":
        lines = lines[:-2]
    else:
        record = json.loads(lines[2])
        record["details"] = {"note": "forged"}
        record["mac"] = "00" * 32
        lines[2] = json.dumps(record).encode() + b"\n"
    (home / "audit.log").write_bytes(b"".join(lines))
    result = vault.audit_verify()
    assert not result.ok and "FAILED" in result.summary()


def test_audit_csv_cannot_inject_formulas(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(), "=HYPERLINK(1)", PIN, PIN)
    assert "'=HYPERLINK(1)" in vault.audit.export("csv")


def test_every_secret_buffer_is_wiped_after_unlock(
    home: Path, keyring_: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SP 800-63B-4 3.1.5.1: the seed and keys are erased right after the passcode is made."""
    vault = make_vault(home, keyring_)
    vault.activate(description(), "t", PIN, PIN)
    made: list[Secret] = []
    original = Secret.__init__

    def tracking(self: Secret, data: bytes | bytearray | memoryview) -> None:
        original(self, data)
        made.append(self)

    monkeypatch.setattr(Secret, "__init__", tracking)
    codes = vault.unlock(None, PIN)
    assert codes.codes[0].code == "287082"
    sizes = sorted(len(s._buf) for s in made)
    assert len(made) >= 5, sizes  # vault keys, device key, Argon2 output, KEK, token key, seed
    assert all(s.wiped for s in made), [repr(s) for s in made if not s.wiped]


class _Killed(BaseException):
    """Stands for SIGKILL at a chosen point (the crash tests do the real thing)."""


def test_a_try_counts_before_the_pin_is_checked(
    home: Path, keyring_: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killing the process as soon as the answer is known must not give a free guess."""
    vault = make_vault(home, keyring_, clock=FixedClock(10**6))
    vault.activate(description(), "t", PIN, PIN)

    def killed(*_: object, **__: object) -> None:
        raise _Killed

    with monkeypatch.context() as patch:
        patch.setattr(unlocking, "audit_failure", killed)  # the wrong answer is known here
        with pytest.raises(_Killed):
            vault.unlock(None, "1357")
    assert make_vault(home, keyring_).status()[0].failures == 1
    with monkeypatch.context() as patch:
        patch.setattr(unlocking, "passcodes", killed)  # a right PIN, killed before the reset
        with pytest.raises(_Killed):
            vault.unlock(None, PIN)
    assert make_vault(home, keyring_).status()[0].failures == 2
    vault.unlock(None, PIN)
    assert vault.status()[0].failures == 0


def test_disabling_removes_the_device_key_first(
    home: Path, keyring_: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = make_vault(home, keyring_, policy=Policy(max_attempts=1), clock=FixedClock(10**6))
    vault.activate(description(), "t", PIN, PIN)
    original = VaultFile.write

    def write_then_die(self: VaultFile, doc: VaultDoc, mac_key: object) -> None:
        if any(t.state.status == "disabled" for t in doc.tokens):
            raise _Killed
        original(self, doc, mac_key)  # type: ignore[arg-type]

    monkeypatch.setattr(VaultFile, "write", write_then_die)
    with pytest.raises(_Killed):
        vault.unlock(None, "1357")
    assert not [u for u in _entries(keyring_) if "/" in u]  # the key went before the file changed
    monkeypatch.undo()
    with pytest.raises(errors.TokenDisabled, match="key is gone"):
        make_vault(home, keyring_).unlock(None, PIN)


def test_file_keystore_leftover_temp_copies_go_only_under_the_vault_lock(home: Path) -> None:
    """A temp copy may be another process's write in progress: only the lock holder removes it."""
    policy = Policy(device_key_store="file")
    vault = Vault(home, policy=policy, clock=FixedClock(10**6), kdf=CHEAP)
    vault.activate(description(), "t", PIN, PIN)
    stale = home / "keystore.json.tmp-0123456789ab"
    stale.write_text('{"a": "copy of every key"}')
    store = FileKeystore(home / "keystore.json")
    assert store.get("a") is None
    assert stale.exists()  # a keystore read outside the lock leaves it alone
    assert vault.status()
    assert not stale.exists()  # the vault, holding its lock, removes it


def test_a_torn_audit_record_is_cut_and_the_log_goes_on(home: Path, keyring_: MemoryKeyring) -> None:
    vault = make_vault(home, keyring_)
    vault.activate(description(), "t", PIN, PIN)
    with open(home / "audit.log", "ab") as log:
        log.write(b'{"seq": 3, "event": "unlo')  # a crash or a full disk mid-write
    assert vault.unlock(None, PIN).codes
    assert vault.audit_verify().ok
    assert [r["event"] for r in vault.audit.records()] == ["vault_created", "activated", "unlocked"]


def test_lockout_waits_are_audited(home: Path, keyring_: MemoryKeyring) -> None:
    clock = FixedClock(10**6)
    vault = make_vault(home, keyring_, clock=clock)
    vault.activate(description(), "t", PIN, PIN)
    for _ in range(3):
        with pytest.raises(errors.WrongPin):
            vault.unlock(None, "1357")
    locked = [r for r in vault.audit.records() if r["event"] == "locked_out"]
    assert [r["details"]["wait_seconds"] for r in locked] == [5]


def test_routine_unlocks_are_not_mirrored_but_security_events_are(
    home: Path, keyring_: MemoryKeyring
) -> None:
    """Documented trade-off: cutting only trailing routine unlocks is not caught; anything else is."""
    vault = make_vault(home, keyring_, clock=FixedClock(10**6))
    vault.activate(description(), "t", PIN, PIN)
    vault.unlock(None, PIN)
    lines = _audit_lines(home)
    (home / "audit.log").write_bytes(b"".join(lines[:-1]))  # drop the trailing "unlocked"
    assert vault.audit_verify().ok
    (home / "audit.log").write_bytes(b"".join(lines[:-2]))  # drop "activated" too
    assert not vault.audit_verify().ok


def _forget_chosen_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring import core

    monkeypatch.setattr(core, "_keyring_backend", None)  # as in a new process: nothing chosen yet


class _NativeKeyring(MemoryKeyring):
    """Stands in for a platform backend that would be usable (the unit tier has none)."""

    viable = True
    priority = 5


def test_a_configured_insecure_keyring_is_still_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick native choice must not bypass the user's keyring configuration."""
    from keyring import core

    _forget_chosen_keyring(monkeypatch)
    real_load = core._load_keyring_class
    monkeypatch.setattr(  # a usable native backend, which the configuration must beat
        core, "_load_keyring_class", lambda name: real_load(name) if "fail" in name else _NativeKeyring
    )
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    with pytest.raises(errors.KeystoreUnavailable, match="GNOME Keyring"):
        OsKeystore()


def _no_configuration(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """No keyring chosen or configured; returns a list that records any full plugin scan."""
    from keyring import backend, core

    from softtoken.core import keystore

    _forget_chosen_keyring(monkeypatch)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(core, "load_config", lambda: None)
    monkeypatch.setattr(keystore, "sys", SimpleNamespace(platform="linux"))
    scanned: list[bool] = []
    monkeypatch.setattr(backend, "get_all_keyring", lambda: scanned.append(True) or [])
    return scanned


def test_without_configuration_the_platform_keystore_is_tried_directly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from keyring import core

    scanned = _no_configuration(monkeypatch)
    monkeypatch.setattr(core, "_load_keyring_class", lambda name: _NativeKeyring)
    store = OsKeystore()
    assert store.name.endswith("._NativeKeyring") and not scanned  # no scan of every plugin

    from keyring.compat import properties

    class Absent(MemoryKeyring):
        @properties.classproperty
        def priority(cls) -> float:  # as keyring's backends say "not here"
            raise RuntimeError("no such keystore on this machine")

    monkeypatch.setattr(core, "_load_keyring_class", lambda name: Absent)
    with pytest.raises(errors.KeystoreUnavailable):
        OsKeystore()  # nothing native: the full scan ran and found nothing secure
    assert scanned


def test_the_native_backends_are_ranked_as_keyring_ranks_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """On KDE keyring puts KWallet (5.1) above the Secret Service (5): so must softtoken. The
    first usable backend in that order wins, and the ones after it are not even probed."""
    from keyring import core
    from keyring.compat import properties

    _no_configuration(monkeypatch)
    probed: list[str] = []
    usable = {"SecretService": True, "KWallet": True, "libsecret": True}

    def backend(label: str) -> type:
        class Probe(MemoryKeyring):
            @properties.classproperty
            def priority(cls) -> float:
                probed.append(label)
                if not usable[label]:
                    raise RuntimeError(f"{label} is not running")
                return 5

        Probe.__name__ = label
        return Probe

    classes = {
        "keyring.backends.SecretService.Keyring": backend("SecretService"),
        "keyring.backends.kwallet.DBusKeyring": backend("KWallet"),
        "keyring.backends.libsecret.Keyring": backend("libsecret"),
    }
    monkeypatch.setattr(core, "_load_keyring_class", lambda name: classes[name])

    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "KDE")
    assert OsKeystore().name.endswith(".KWallet") and probed == ["KWallet"]
    probed.clear()
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "ubuntu:GNOME")
    assert OsKeystore().name.endswith(".SecretService") and probed == ["SecretService"]
    probed.clear()
    usable["SecretService"] = False
    assert OsKeystore().name.endswith(".KWallet") and probed == ["SecretService", "KWallet"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Secret Service is Linux's")
def test_an_unreachable_secret_service_is_a_keystore_error_not_a_crash(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from keyring.backends.SecretService import Keyring

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    store = OsKeystore(Keyring())
    for action in (
        lambda: store.get("entry"),
        lambda: store.set("entry", "v"),
        lambda: store.delete("entry"),
    ):
        with pytest.raises(errors.KeystoreError, match="did not answer"):
            action()


def test_the_leak_check_finds_words_not_chance_digits() -> None:
    assert leaked("1357", "unlock failed (pin=1357)") and leaked("1357", '{"pin": "1357"}')
    assert not leaked("1357", "mac=9f01357ab2") and not leaked("1357", "b64:Zx1357Qw==")
    assert leaked("GEZDGNBVGY3TQOJQ", "xxGEZDGNBVGY3TQOJQxx")  # long secrets count anywhere


def test_unlock_before_any_vault_says_there_is_no_token(tmp_path: Path, keyring_: MemoryKeyring) -> None:
    """Not a crash on the lock file of a data folder that does not exist yet."""
    vault = make_vault(tmp_path / "not-made-yet", keyring_)
    with pytest.raises(errors.TokenNotFound, match="no token"):
        vault.unlock(None, PIN)
