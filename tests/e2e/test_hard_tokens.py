"""Vendor hard tokens: PSKC import, then linking by serial + passcode, with every refusal checked."""

from __future__ import annotations

import base64
import re
import secrets
import time
from pathlib import Path

import pskc
import pyotp

from .support import E2E, Api, Console

pytestmark = E2E

HOTP = "urn:ietf:params:xml:ns:keyprov:pskc:hotp"
TOTP = "urn:ietf:params:xml:ns:keyprov:pskc:totp"


def _keys(hotp_serial: str, totp_serial: str) -> tuple[list[dict[str, object]], bytes, bytes]:
    hotp_seed, totp_seed = secrets.token_bytes(20), secrets.token_bytes(20)
    keys: list[dict[str, object]] = [
        # privacyIDEA 3.14 needs Key/@Id (id=) besides DeviceInfo/SerialNo, or it answers HTTP 500.
        {"id": hotp_serial, "serial": hotp_serial, "secret": hotp_seed, "algorithm": HOTP,
         "response_length": 6, "counter": 0, "manufacturer": "Acme Tokens"},
        {"id": totp_serial, "serial": totp_serial, "secret": totp_seed, "algorithm": TOTP,
         "response_length": 6, "time_interval": 30, "manufacturer": "Acme Tokens"},
    ]  # fmt: skip
    return keys, hotp_seed, totp_seed


def _write(
    path: Path, keys: list[dict[str, object]], *, psk: bytes | None = None, password: str | None = None
) -> Path:
    container = pskc.PSKC()
    for spec in keys:
        container.add_key(**spec)  # type: ignore[arg-type]
    if psk is not None:
        container.encryption.setup_preshared_key(key=psk)
    elif password is not None:
        container.encryption.setup_pbkdf2(password, iterations=1000)
    container.write(str(path))
    return path


def _hotp(seed: bytes) -> pyotp.HOTP:
    return pyotp.HOTP(base64.b32encode(seed).decode())


def _totp(seed: bytes) -> pyotp.TOTP:
    return pyotp.TOTP(base64.b32encode(seed).decode())


def test_import_and_link_hard_tokens(console: Console, api: Api, tmp_path: Path) -> None:
    keys, hotp_seed, totp_seed = _keys("HW000123", "HW000124")
    plain = _write(tmp_path / "plain.pskc", keys)
    imported = console("import-pskc", plain)
    assert imported.code == 0, imported.err
    assert "Imported 2 token(s)" in imported.out
    for serial in ("HW000123", "HW000124"):
        token = api.token(serial)
        assert token is not None and token["username"] == "" and token["info"]["tokenkind"] == "hardware"
    again = console("import-pskc", plain)
    assert again.code == 65 and "already has token(s) HW000123, HW000124" in again.err

    # The passcode format is checked before anything is sent.
    short = console("link-hard-token", "alice", "--serial", "hw-000-123", "--otp-stdin", stdin="12345")
    assert short.code == 65 and "six digits" in short.err

    hotp = _hotp(hotp_seed)
    linked = console("link-hard-token", "alice", "--serial", "hw-000-123", "--otp-stdin", stdin=hotp.at(0))
    assert linked.code == 0, linked.err
    assert "HW000123 is now linked to alice" in linked.out
    assert "ready for use after syncing with the network, which may take up to 60 minutes" in linked.out
    assert api.owner("HW000123") == "alice"
    assert api.accepts(hotp.at(1), user="alice")  # the next code from the token

    # A wrong passcode: refused, nothing linked.
    totp = _totp(totp_seed)
    wrong = console("link-hard-token", "alice", "--serial", "HW000124", "--otp-stdin", stdin=_not(totp.now()))
    assert wrong.code == 65 and "does not match token HW000124" in wrong.err
    assert api.owner("HW000124") == ""

    # An unknown serial: refused with where to look.
    unknown = console("link-hard-token", "alice", "--serial", "HW 999 999", "--otp-stdin", stdin="123456")
    assert unknown.code == 65
    assert "no token with serial HW999999" in unknown.err and "below the bar code" in unknown.err

    # A token already linked to bob: refused before its passcode is even checked.
    for_bob = console("link-hard-token", "bob", "--serial", "HW000124", "--otp-stdin", stdin=totp.now())
    assert for_bob.code == 0, for_bob.err
    fails_before = api.token("HW000124")["failcount"]
    stolen = console(
        "link-hard-token", "alice", "--serial", "HW000124", "--otp-stdin", stdin=totp.at(time.time() + 30)
    )
    assert stolen.code == 65
    assert "already linked to another prescriber (bob)" in stolen.err
    token = api.token("HW000124")
    assert token["username"] == "bob" and token["failcount"] == fails_before
    assert api.accepts(totp.at(time.time() + 30), user="bob")  # that passcode was not spent either

    # An unknown prescriber: refused before the passcode is spent.
    nobody = console("link-hard-token", "nobody", "--serial", "HW000123", "--otp-stdin", stdin=hotp.at(2))
    assert nobody.code == 65
    assert api.owner("HW000123") == "alice"


def test_encrypted_pskc_files(console: Console, api: Api, tmp_path: Path) -> None:
    psk = secrets.token_bytes(16)
    keys, hotp_seed, _ = _keys("HW000125", "HW000126")
    sealed = _write(tmp_path / "vendor.pskc", keys, psk=psk)
    (tmp_path / "wrong.key").write_text(secrets.token_hex(16) + "\n")
    (tmp_path / "right.key").write_text(psk.hex().upper() + "\n")

    missing = console("import-pskc", sealed)
    assert missing.code == 2 and "--psk-file" in missing.err
    wrong = console("import-pskc", sealed, "--psk-file", tmp_path / "wrong.key")
    assert wrong.code == 65 and "pre-shared key or password is wrong" in wrong.err
    assert api.token("HW000125") is None

    # A changed MAC: privacyIDEA imports none of it.
    tampered_keys, _, _ = _keys("HW000127", "HW000128")
    tampered = _write(tmp_path / "tampered.pskc", tampered_keys, psk=psk)
    text = tampered.read_text()
    mac = re.search(r"<pskc:ValueMAC>([^<]+)</pskc:ValueMAC>", text)
    assert mac is not None
    forged = base64.b64encode(bytes(20)).decode()
    tampered.write_text(text.replace(mac.group(1), forged, 1))
    refused = console("import-pskc", tampered, "--psk-file", tmp_path / "right.key")
    assert refused.code == 65 and "integrity check" in refused.err
    assert api.token("HW000127") is None

    right = console("import-pskc", sealed, "--psk-file", tmp_path / "right.key")
    assert right.code == 0, right.err
    assert "Imported 2 token(s)" in right.out
    linked = console(
        "link-hard-token", "grace", "--serial", "hw000125", "--otp-stdin", stdin=_hotp(hotp_seed).at(0)
    )
    assert linked.code == 0, linked.err

    password_keys, _, totp_seed = _keys("HW000129", "HW000130")
    protected = _write(tmp_path / "password.pskc", password_keys, password="Vendor-pass-9")
    bad = console("import-pskc", protected, "--password-stdin", stdin="not-it\n")
    assert bad.code == 65 and "wrong" in bad.err
    good = console("import-pskc", protected, "--password-stdin", stdin="Vendor-pass-9\n")
    assert good.code == 0, good.err
    assert api.accepts(_totp(totp_seed).now(), serial="HW000130")


def test_a_token_past_its_fail_counter_is_not_linked(console: Console, api: Api, tmp_path: Path) -> None:
    keys, hotp_seed, _ = _keys("HW000131", "HW000132")
    assert console("import-pskc", _write(tmp_path / "fails.pskc", keys)).code == 0
    right = _hotp(hotp_seed).at(0)
    for _ in range(10):  # privacyIDEA's default maxfail
        wrong = console("link-hard-token", "grace", "--serial", "HW000131", "--otp-stdin", stdin=_not(right))
        assert wrong.code == 65 and "does not match" in wrong.err
    blocked = console("link-hard-token", "grace", "--serial", "HW000131", "--otp-stdin", stdin=right)
    assert blocked.code == 65 and "too many wrong passcodes" in blocked.err
    assert api.owner("HW000131") == ""


def _not(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"
