"""A QR code drawn for the screen (the new workstation's registration), dark on white, crisp."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPainter, QPixmap


def _screen_ratio() -> float:
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    return screen.devicePixelRatio() if screen is not None else 1.0


def qr_pixmap(text: str, module: int = 4, border: int = 4, ratio: float = 0) -> QPixmap:
    """``text`` as a QR code, ``module`` logical pixels a square, with the quiet zone scanners need.

    Drawn at ``ratio`` (default: the primary screen's device pixel ratio) in whole device pixels a
    module, so Qt never scales it: every pixel is pure black or white, at scale 2 too.
    """
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()  # includes the border
    device_module = max(1, round(module * (ratio if ratio > 0 else _screen_ratio())))
    size = len(matrix) * device_module
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))  # always dark on white, in a dark theme too: that is what scans
    painter = QPainter(image)
    black = QColor("black")
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * device_module, y * device_module, device_module, device_module, black)
    painter.end()
    image.setDevicePixelRatio(device_module / module)  # the logical size stays len(matrix) * module
    return QPixmap.fromImage(image)
