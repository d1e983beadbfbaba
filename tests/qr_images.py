"""QR images made with the qrcode package (an encoder independent of zxing-cpp)."""

from __future__ import annotations

import io

import qrcode
from PIL import Image


def qr_image(text: str, box_size: int = 6) -> Image.Image:
    qr = qrcode.QRCode(box_size=box_size, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    return qr.make_image(fill_color="black", back_color="white").get_image().convert("L")


def qr_bytes(text: str, fmt: str = "PNG", box_size: int = 6) -> bytes:
    out = io.BytesIO()
    qr_image(text, box_size).save(out, format=fmt)
    return out.getvalue()


def side_by_side(*texts: str, fmt: str = "PNG") -> bytes:
    images = [qr_image(t) for t in texts]
    canvas = Image.new(
        "L", (sum(i.width for i in images) + 20 * len(images), max(i.height for i in images)), 255
    )
    x = 0
    for image in images:
        canvas.paste(image, (x, 0))
        x += image.width + 20
    out = io.BytesIO()
    canvas.save(out, format=fmt)
    return out.getvalue()
