"""The activation QR code: the PNG and the terminal drawing both hold exactly the link."""

from __future__ import annotations

import stat
from pathlib import Path

from softtoken.core.activation.qrimage import decode_qr_image
from softtoken.helpdesk.qr import qr_matrix, terminal_qr, write_png

LINK = "otpauth://totp/TOTP0001?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&period=30&digits=6&serial=TOTP0001"


def test_png_is_private_and_decodes_to_the_link(tmp_path: Path) -> None:
    path = tmp_path / "qr.png"
    write_png(LINK, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert decode_qr_image(path.read_bytes()) == [LINK]


def test_terminal_drawing_is_the_same_code() -> None:
    lines = terminal_qr(LINK).splitlines()
    rows: list[list[bool]] = []
    top = {"█": False, "▀": False, "▄": True, " ": True}
    bottom = {"█": False, "▀": True, "▄": False, " ": True}
    for line in lines:
        rows.append([top[c] for c in line])
        rows.append([bottom[c] for c in line])
    expected = qr_matrix(LINK)
    border = 2
    inner = [row[border:-border] for row in rows[border : border + len(expected)]]
    assert inner == expected
    assert not any(rows[0])  # a light quiet zone around it


def test_a_failed_link_file_leaves_no_qr_code_behind(tmp_path: Path) -> None:
    """The PNG holds the secret: if the link file cannot be written, neither file stays."""
    import io

    import pytest

    from softtoken.helpdesk.context import HelpdeskContext
    from softtoken.helpdesk.errors import OutputFileError
    from softtoken.helpdesk.issuing import Issued, deliver

    issued = Issued(serial="TOTP0001", type="totp", user="jones", realm=None, link=LINK, rollout_state="")
    ctx = HelpdeskContext(stdout=io.StringIO(), stderr=io.StringIO())
    png = tmp_path / "qr.png"
    with pytest.raises(OutputFileError, match="Cannot write .*Token TOTP0001 was issued to jones"):
        deliver(
            ctx, issued, png=png, link_file=tmp_path / "missing" / "link.txt", show_qr=False, as_json=False
        )
    assert not png.exists()
    assert LINK not in ctx.stdout.getvalue()  # type: ignore[attr-defined]
