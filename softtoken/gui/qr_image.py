"""A QR code drawn for the screen (the new workstation's registration), dark on white, crisp."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPainter, QPixmap


def qr_pixmap(text: str, module: int = 4, border: int = 4) -> QPixmap:
    """``text`` as a QR code, ``module`` pixels a square, with the quiet zone scanners need."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()  # includes the border
    size = len(matrix) * module
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))  # always dark on white, in a dark theme too: that is what scans
    painter = QPainter(image)
    black = QColor("black")
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * module, y * module, module, module, black)
    painter.end()
    return QPixmap.fromImage(image)
