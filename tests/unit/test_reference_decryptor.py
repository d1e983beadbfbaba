"""The app writes vaults; tests/reference_decryptor.py (written from docs/vault-format.md
alone) reads them. A failure here means the app and the spec disagree."""

from __future__ import annotations

import base64
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from softtoken.core.activation.sources import tokens_from_text
from softtoken.core.clock import FixedClock
from softtoken.core.errors import KeystoreEntryMissing, VaultCorrupt
from softtoken.core.keystore import OsKeystore
from softtoken.core.vault.crypto import KdfParams
from softtoken.core.vault.vault import Vault
from tests.keyrings import MemoryKeyring
from tests.reference_decryptor import check_audit_log, decrypt_seed, fingerprint, open_vault_file

SERVICE = "softtoken"
PIN = "8642"
RFC_SEED = b"12345678901234567890"
SHA512_SEED = b"1234567890" * 6 + b"1234"
RFC_B32 = base64.b32encode(RFC_SEED).decode()
LINKS = {
    "totp": f"otpauth://totp/ACME:jones?secret={RFC_B32}&issuer=ACME&digits=8",
    "hotp": f"otpauth://hotp/X?secret={RFC_B32}&counter=5",
    "sha512": (
        f"otpauth://totp/Bank:jones?secret={base64.b32encode(SHA512_SEED).decode()}"
        "&issuer=Bank&algorithm=SHA512"
    ),
}
SEEDS = {"totp": RFC_SEED, "hotp": RFC_SEED, "sha512": SHA512_SEED}
# One vault refuses a seed twice (SeedReused), so the three-token vault's HOTP has its own.
OTHER_SEED = b"abcdefghijklmnopqrst"
THREE = {
    "totp": (LINKS["totp"], RFC_SEED),
    "hotp": (f"otpauth://hotp/X?secret={base64.b32encode(OTHER_SEED).decode()}&counter=5", OTHER_SEED),
    "sha512": (LINKS["sha512"], SHA512_SEED),
}
SAMPLE = Path(__file__).parent.parent / "data" / "vault"


@dataclass
class Written:
    data: bytes
    vault_key: bytes
    device_keys: list[bytes]  # in the order of body["tokens"]


def app_vault(home: Path, *links: str) -> Written:
    """Let the app activate `links` into a new vault; read back the file and keystore."""
    mem = MemoryKeyring()
    vault = Vault(
        home,
        keystore=OsKeystore(mem),
        clock=FixedClock(59),
        kdf=KdfParams(memory_kib=64, iterations=1, parallelism=1),
    )
    for i, link in enumerate(links):
        (desc,) = tokens_from_text(link)
        vault.activate(desc, f"Token {i}", PIN, PIN)
    data = (home / "vault.stv").read_bytes()
    body = json.loads(data.split(b"\n")[1])  # only to learn the ids, as the spec's reader does

    def key(user: str) -> bytes:
        return base64.b64decode(json.loads(mem.entries[(SERVICE, user)])["key"])

    vault_id = body["vault_id"]
    tokens = [t["header"]["token_id"] for t in body["tokens"]]
    return Written(data, key(vault_id), [key(f"{vault_id}/{t}") for t in tokens])


@pytest.fixture(scope="module")
def three_tokens(tmp_path_factory: pytest.TempPathFactory) -> Written:
    links = [link for link, _ in THREE.values()]
    return app_vault(tmp_path_factory.mktemp("vault") / "home", *links)


@pytest.mark.parametrize("kind", list(LINKS))
def test_reference_reads_the_seed_the_app_wrote(tmp_path: Path, kind: str) -> None:
    written = app_vault(tmp_path / "home", LINKS[kind])
    body = open_vault_file(written.data, written.vault_key)
    assert body["tokens"][0]["header"]["type"] == ("hotp" if kind == "hotp" else "totp")
    assert decrypt_seed(body, 0, PIN, written.device_keys[0]) == SEEDS[kind]


def test_several_tokens_in_one_vault(three_tokens: Written) -> None:
    body = open_vault_file(three_tokens.data, three_tokens.vault_key)
    algorithms = [t["header"]["algorithm"] for t in body["tokens"]]
    assert algorithms == ["SHA1", "SHA1", "SHA512"]
    for i, (_, expected) in enumerate(THREE.values()):
        seed = decrypt_seed(body, i, PIN, three_tokens.device_keys[i])
        assert seed == expected
        assert body["tokens"][i]["fingerprint"] == fingerprint(seed, three_tokens.vault_key)


@pytest.mark.parametrize("pin", ["8641", "0000", "86420", ""])
def test_wrong_pin_fails(three_tokens: Written, pin: str) -> None:
    body = open_vault_file(three_tokens.data, three_tokens.vault_key)
    with pytest.raises(ValueError, match="wrong PIN or device key"):
        decrypt_seed(body, 0, pin, three_tokens.device_keys[0])


def test_wrong_device_key_fails_with_the_right_pin(three_tokens: Written) -> None:
    body = open_vault_file(three_tokens.data, three_tokens.vault_key)
    for wrong in (os.urandom(32), three_tokens.device_keys[1]):  # random; another token's
        with pytest.raises(ValueError, match="wrong PIN or device key"):
            decrypt_seed(body, 0, PIN, wrong)


def test_reference_checks_the_audit_log_the_app_wrote(tmp_path: Path) -> None:
    """The chain (each line's SHA-256 in the next) and the MACs, as docs/vault-format.md says."""
    written = app_vault(tmp_path / "home", LINKS["totp"], LINKS["sha512"])
    log = (tmp_path / "home" / "audit.log").read_bytes()
    events = [record["event"] for record in check_audit_log(log, written.vault_key)]
    assert events[0] == "vault_created" and events.count("activated") == 2
    with pytest.raises(ValueError, match="MAC"):
        check_audit_log(log, os.urandom(32))
    lines = log.split(b"\n")
    with pytest.raises(ValueError, match="prev"):  # a line taken out breaks the chain
        check_audit_log(b"\n".join(lines[:1] + lines[2:]), written.vault_key)


def test_wrong_vault_key_fails_the_file_mac(three_tokens: Written) -> None:
    with pytest.raises(ValueError, match="MAC"):
        open_vault_file(three_tokens.data, os.urandom(32))


def test_every_single_byte_flip_is_detected(three_tokens: Written) -> None:
    data = three_tokens.data
    for i in range(len(data)):
        for mask in (0x01, 0x80):
            bad = bytearray(data)
            bad[i] ^= mask
            with pytest.raises(ValueError):
                open_vault_file(bytes(bad), three_tokens.vault_key)


# -- the committed sample vault ----------------------------------------------------------------


def sample_keys() -> dict[str, str]:
    keys: dict[str, str] = json.loads((SAMPLE / "keys.json").read_text())
    return keys


def sample_home(tmp_path: Path, data: bytes | None = None) -> tuple[Path, MemoryKeyring]:
    """A fresh data directory holding the sample file, and a keyring holding its keys."""
    keys = sample_keys()
    home = tmp_path / "sample"
    home.mkdir()
    if data is None:
        shutil.copyfile(SAMPLE / "vault.stv", home / "vault.stv")
    else:
        (home / "vault.stv").write_bytes(data)
    mem = MemoryKeyring()
    vault_id, token_id = keys["vault_id"], keys["token_id"]
    mem.set_password(SERVICE, vault_id, json.dumps({"key": keys["vault_key"]}))
    device = {"key": keys["device_key"], "failures": 0, "counter": 0}
    mem.set_password(SERVICE, f"{vault_id}/{token_id}", json.dumps(device))
    return home, mem


def test_sample_vault_reference_reads_the_rfc_seed() -> None:
    keys = sample_keys()
    body = open_vault_file((SAMPLE / "vault.stv").read_bytes(), base64.b64decode(keys["vault_key"]))
    assert body["vault_id"] == keys["vault_id"]
    assert body["tokens"][0]["header"]["token_id"] == keys["token_id"]
    seed = decrypt_seed(body, 0, keys["pin"], base64.b64decode(keys["device_key"]))
    assert seed == RFC_SEED


def test_sample_vault_app_gives_the_rfc_6238_code(tmp_path: Path) -> None:
    home, mem = sample_home(tmp_path)
    passcodes = Vault(home, keystore=OsKeystore(mem), clock=FixedClock(59)).unlock(None, PIN)
    assert passcodes.codes[0].code == "94287082"  # RFC 6238 Appendix B, SHA1, T = 59


def test_sample_vault_app_detects_every_single_byte_flip(tmp_path: Path) -> None:
    data = (SAMPLE / "vault.stv").read_bytes()
    home, mem = sample_home(tmp_path)
    for i in range(len(data)):
        bad = bytearray(data)
        bad[i] ^= 0x01
        (home / "vault.stv").write_bytes(bad)
        # a changed vault_id finds no keystore entry: detected too, before anything is shown
        with pytest.raises((VaultCorrupt, KeystoreEntryMissing)):
            Vault(home, keystore=OsKeystore(mem), clock=FixedClock(59)).unlock(None, PIN)


def non_canonical_mac(data: bytes) -> bytes:
    """The same file with the MAC's base64 changed in its 2 unused trailing bits: one byte
    of the file differs, the decoded MAC does not."""
    line1, line2, line3, _ = data.split(b"\n")
    text = line3.removeprefix(b"mac ").decode()
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet[alphabet.index(text[-2]) ^ 1]
    changed = f"{text[:-2]}{last}="
    assert base64.b64decode(changed) == base64.b64decode(text)
    return b"\n".join([line1, line2, b"mac " + changed.encode(), b""])


def test_reference_refuses_a_non_canonical_mac() -> None:
    data = non_canonical_mac((SAMPLE / "vault.stv").read_bytes())
    with pytest.raises(ValueError, match="non-canonical"):
        open_vault_file(data, base64.b64decode(sample_keys()["vault_key"]))


def test_app_refuses_a_non_canonical_mac(tmp_path: Path) -> None:
    home, mem = sample_home(tmp_path, non_canonical_mac((SAMPLE / "vault.stv").read_bytes()))
    with pytest.raises(VaultCorrupt):
        Vault(home, keystore=OsKeystore(mem), clock=FixedClock(59)).unlock(None, PIN)
