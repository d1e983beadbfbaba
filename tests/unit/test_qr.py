from __future__ import annotations

import base64
import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from softtoken.core.activation.qrimage import decode_qr_gray
from softtoken.core.activation.sources import tokens_from_bytes, tokens_from_file
from softtoken.core.errors import QrCodeError, WeakSeedError
from tests.protobuf_writer import migration_uri, otp_parameters
from tests.qr_images import qr_bytes, qr_image, side_by_side

SEED = bytes(range(40, 60))
LINK = f"otpauth://totp/ACME:dr.jones?secret={base64.b32encode(SEED).decode()}&issuer=ACME"


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "BMP", "GIF"])
def test_qr_image_round_trip(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"code.{fmt.lower()}"
    path.write_bytes(qr_bytes(LINK, fmt))
    (token,) = tokens_from_file(path)
    assert token.secret.reveal() == SEED
    assert (token.issuer, token.account, token.source) == ("ACME", "dr.jones", "qr")


def test_google_export_split_over_two_codes_in_one_image() -> None:
    parts = [
        migration_uri([otp_parameters(SEED, f"a{i}")], batch_size=2, batch_index=i, batch_id=9)
        for i in range(2)
    ]
    tokens = tokens_from_bytes(side_by_side(*parts))
    assert sorted(t.account for t in tokens) == ["a0", "a1"]


def test_weak_seed_in_qr_is_refused() -> None:
    with pytest.raises(WeakSeedError):
        tokens_from_bytes(qr_bytes("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"))


def test_image_without_qr() -> None:
    blank = io.BytesIO()
    Image.new("L", (200, 200), 255).save(blank, format="PNG")
    with pytest.raises(QrCodeError, match="No QR code was found"):
        tokens_from_bytes(blank.getvalue())


def test_truncated_and_garbage_images() -> None:
    data = qr_bytes(LINK)
    for cut in (9, 40, len(data) // 3, len(data) // 2):
        with pytest.raises(QrCodeError):
            tokens_from_bytes(data[:cut])
    with pytest.raises(QrCodeError):
        tokens_from_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)


def test_decompression_bomb_refused() -> None:
    # a valid PNG header claiming 60000 x 60000 pixels
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 60000, 60000, 8, 0, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    with pytest.raises(QrCodeError, match="not a picture|damaged"):
        tokens_from_bytes(png)


def test_qr_text_that_is_not_a_link() -> None:
    from softtoken.core.errors import LinkError

    with pytest.raises(LinkError, match="No activation link"):
        tokens_from_bytes(qr_bytes("just some words"))


def test_gray_buffer_like_a_screen_grab() -> None:
    image = qr_image(LINK)
    canvas = Image.new("L", (800, 600), 128)
    canvas.paste(image, (300, 100))
    stride = canvas.width
    assert decode_qr_gray(canvas.tobytes(), canvas.width, canvas.height, stride) == [LINK]
    with pytest.raises(QrCodeError):
        decode_qr_gray(b"", 0, 0, 0)
