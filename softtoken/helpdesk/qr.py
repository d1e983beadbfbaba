"""QR codes for an activation link: a PNG file (0600) and a rendering for the terminal."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .session import write_private_file

# Two QR rows per text line. Dark modules print as blanks and light ones as blocks, so the
# code reads dark-on-light on the usual light-on-dark terminal.
_HALF_BLOCKS = {
    (False, False): "█",
    (True, False): "▄",
    (False, True): "▀",
    (True, True): " ",
}


def _qr(text: str, border: int) -> Any:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
    code.add_data(text)
    code.make(fit=True)
    return code


def terminal_qr(text: str) -> str:
    matrix: list[list[bool]] = _qr(text, border=2).get_matrix()
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    lines = []
    for top, bottom in zip(matrix[0::2], matrix[1::2], strict=True):
        lines.append("".join(_HALF_BLOCKS[(a, b)] for a, b in zip(top, bottom, strict=True)))
    return "\n".join(lines) + "\n"


def qr_matrix(text: str) -> list[list[bool]]:
    result: list[list[bool]] = _qr(text, border=0).get_matrix()
    return result


def write_png(text: str, path: Path) -> None:
    """Write the QR code to ``path`` (new file, 0600: it holds the token's secret)."""
    buffer = io.BytesIO()
    _qr(text, border=4).make_image().save(buffer, format="PNG")
    write_private_file(path, buffer.getvalue(), replace=False)
