"""Hypothesis fuzzing of every parser: only softtoken's own typed errors may escape."""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import quote

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from softtoken.core.activation.keyuri import parse_key_uri
from softtoken.core.activation.links import find_activation_links
from softtoken.core.activation.migration import decode_migration_payload, parse_migration_uri
from softtoken.core.activation.sources import PskcSecrets, tokens_from_bytes, tokens_from_text
from softtoken.core.errors import SoftTokenError
from softtoken.core.hardtoken import normalise_serial, parse_passcode_entry
from tests.protobuf_writer import migration_uri, otp_parameters
from tests.qr_images import qr_bytes

DATA = Path(__file__).resolve().parents[1] / "data"
LINK = (
    "otpauth://totp/ACME:dr.jones?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME"
    "&algorithm=SHA256&digits=8&period=60&counter=3&serial=S1&2step_salt=8"
)
EXPORT = migration_uri([otp_parameters(bytes(range(20)), "A:b", "A")])
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_ours(call, *args, **kwargs):  # type: ignore[no-untyped-def]
    try:
        return call(*args, **kwargs)
    except SoftTokenError as exc:
        assert exc.message and "\n" not in exc.message
        return None


def _mutate(base: str | bytes, data: st.DataObject) -> bytes:
    raw = bytearray(base.encode() if isinstance(base, str) else base)
    for _ in range(data.draw(st.integers(1, 8))):
        op = data.draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        if not raw:
            break
        at = data.draw(st.integers(0, len(raw) - 1))
        if op == "flip":
            raw[at] = data.draw(st.integers(0, 255))
        elif op == "cut":
            del raw[at:]
        elif op == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        else:
            del raw[at]
    return bytes(raw)


@FUZZ
@given(st.text(max_size=400))
@example("otpauth://totp/%ff?secret=AAAA")
@example("otpauth://[::1/?secret=")
def test_fuzz_pasted_text(text: str) -> None:
    _only_ours(tokens_from_text, text)
    _only_ours(find_activation_links, text)


@FUZZ
@given(st.data())
def test_fuzz_mutated_key_uris(data: st.DataObject) -> None:
    text = _mutate(LINK, data).decode("utf-8", "replace")
    _only_ours(parse_key_uri, text)
    _only_ours(tokens_from_text, text)


@FUZZ
@given(st.binary(max_size=300))
def test_fuzz_migration_payload_bytes(payload: bytes) -> None:
    _only_ours(decode_migration_payload, payload)
    uri = "otpauth-migration://offline?data=" + quote(base64.b64encode(payload).decode(), safe="")
    _only_ours(tokens_from_text, uri)


@FUZZ
@given(st.data())
def test_fuzz_mutated_migration_links(data: st.DataObject) -> None:
    _only_ours(parse_migration_uri, _mutate(EXPORT, data).decode("utf-8", "replace"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(sorted((DATA / "pskc").glob("*.pskcxml"))))
def test_fuzz_mutated_pskc_files(data: st.DataObject, path: Path) -> None:
    secrets = PskcSecrets(
        password=lambda: "qwerty", psk=lambda: bytes.fromhex("12345678901234567890123456789012")
    )
    _only_ours(tokens_from_bytes, _mutate(path.read_bytes(), data), secrets)


@FUZZ
@given(st.binary(max_size=600))
@example(b"<")
@example(b"\xef\xbb\xbf<?xml version='1.0'?><KeyContainer/>")
def test_fuzz_arbitrary_files(blob: bytes) -> None:
    _only_ours(tokens_from_bytes, blob)
    _only_ours(tokens_from_bytes, b"<?xml version='1.0'?>" + blob)


_PNG = qr_bytes(LINK.split("&2step", maxsplit=1)[0])
_JPEG = qr_bytes(LINK.split("&2step", maxsplit=1)[0], "JPEG")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from([_PNG, _JPEG]))
def test_fuzz_mutated_images(data: st.DataObject, image: bytes) -> None:
    _only_ours(tokens_from_bytes, _mutate(image, data))


@FUZZ
@given(st.text(max_size=60))
def test_fuzz_serials_and_passcodes(text: str) -> None:
    serial = _only_ours(normalise_serial, text)
    if serial is not None:
        assert serial.isascii() and serial.isalnum() and serial.upper() == serial
    code = _only_ours(parse_passcode_entry, text)
    if code is not None:
        assert len(code) == 6 and all(c in "0123456789" for c in code)
