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


def test_a_failed_link_file_leaves_no_file_but_still_hands_the_link_over(tmp_path: Path) -> None:
    """The token exists on the issuer by now: the files are all or nothing (the PNG holds the
    secret), and the activation link still reaches the help desk on the terminal (even when it
    was to go to the files only)."""
    import io

    import pytest

    from softtoken.helpdesk.context import HelpdeskContext
    from softtoken.helpdesk.errors import OutputFileError
    from softtoken.helpdesk.issuing import Delivery, Issued, deliver

    issued = Issued(serial="TOTP0001", type="totp", user="jones", realm=None, link=LINK, rollout_state="")
    out = io.StringIO()
    ctx = HelpdeskContext(stdout=out, stderr=io.StringIO())
    png = tmp_path / "qr.png"
    missing = tmp_path / "missing" / "link.txt"
    with pytest.raises(OutputFileError, match="Cannot write .*Token TOTP0001 is issued: its activation link"):
        deliver(ctx, issued, Delivery(png, missing, show_qr=False, as_json=False, files_only=True))
    assert not png.exists() and not missing.exists()
    assert LINK in out.getvalue() and "saved to" not in out.getvalue()
