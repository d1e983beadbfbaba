"""Find activation QR codes on the screen ("Scan QR code on screen").

Every screen is grabbed as it is now, turned into 8-bit grayscale and handed
to core's decoder. Nothing is kept: the grab lives only for the decode.
Some desktops (many Wayland sessions) do not let applications capture the
screen; then the prescriber is told to open a saved picture or paste the link.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QImage

from softtoken.core.errors import QrCodeError

log = logging.getLogger(__name__)


def scan_screens() -> list[str]:
    """The text of every QR code visible on any screen, each once, in screen order.

    Raises :class:`QrCodeError` when no screen could be captured or no code
    was visible.
    """
    from softtoken.core.activation.qrimage import decode_qr_gray  # deferred: start-up never pays for zxing

    texts: list[str] = []
    captured = 0
    for screen in QGuiApplication.screens():
        pixmap = screen.grabWindow(0)
        if pixmap.isNull() or pixmap.width() <= 0 or pixmap.height() <= 0:
            log.info("screen %r could not be captured", screen.name())
            continue
        image = pixmap.toImage().convertToFormat(QImage.Format.Format_Grayscale8)
        if image.isNull():
            continue
        pixels = bytes(image.constBits())
        if len(pixels) < image.bytesPerLine() * image.height():
            continue
        captured += 1
        try:
            found = decode_qr_gray(pixels, image.width(), image.height(), image.bytesPerLine())
        except QrCodeError:
            continue
        finally:
            del pixels
        texts.extend(text for text in found if text not in texts)
    if not captured:
        raise QrCodeError(
            QCoreApplication.translate(
                "qr_scan",
                "Screen capture is not available on this desktop (some Wayland sessions do not "
                "allow it). Save the QR code as a picture and use “Open QR image…”, or paste "
                "the activation link instead.",
            )
        )
    if not texts:
        raise QrCodeError(
            QCoreApplication.translate(
                "qr_scan",
                "No QR code was visible on the screen. Make sure the whole code is visible and "
                "not covered by another window (move this window aside), then try again.",
            )
        )
    return texts
