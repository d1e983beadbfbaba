"""QR codes in images (PNG, JPEG, ...) and in screen grabs, decoded with zxing-cpp."""

from __future__ import annotations

import io
import logging
import struct
import warnings
from typing import Any

from ..errors import QrCodeError

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "WEBP")
_NONE_FOUND = (
    "No QR code was found in the image. Use a sharper, straight, uncropped picture of the "
    "code, or paste the activation link instead."
)


def _decode(image: Any) -> list[str]:
    import zxingcpp  # deferred: start-up never pays for the QR decoder

    try:
        qr_only = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
        results = zxingcpp.read_barcodes(image, formats=qr_only)
    except (ValueError, TypeError, RuntimeError) as exc:
        log.info("zxing-cpp could not read the image: %s", type(exc).__name__)
        raise QrCodeError(_NONE_FOUND) from None
    texts = [r.text for r in results if r.valid and r.text]
    if not texts:
        raise QrCodeError(_NONE_FOUND)
    return texts


def decode_qr_image(data: bytes) -> list[str]:
    """The text of every QR code in an image file's bytes."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_IMAGE_BYTES:
        raise QrCodeError("The image is too large. Use a screenshot or photo of just the QR code.")
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=_FORMATS) as image:
                image.load()
                gray = image.convert("L")
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise QrCodeError(
            "The file is not a picture softtoken can read. Use a PNG or JPEG image of the QR code."
        ) from None
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError, IndexError, struct.error):
        raise QrCodeError(
            "The image file is damaged or cut short. Take a new screenshot or photo of the QR code."
        ) from None
    return _decode(gray)


def decode_qr_gray(pixels: bytes, width: int, height: int, stride: int) -> list[str]:
    """QR codes in an 8-bit grayscale buffer, e.g. a screen grab from the GUI."""
    from PIL import Image

    if width <= 0 or height <= 0 or stride < width or len(pixels) < stride * height:
        raise QrCodeError("The screen picture was empty. Use the image or paste route instead.")
    image = Image.frombuffer("L", (width, height), pixels, "raw", "L", stride, 1)
    return _decode(image)
