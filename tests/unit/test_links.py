from __future__ import annotations

import base64

import pytest

from softtoken.core.activation.links import find_activation_links
from softtoken.core.activation.sources import tokens_from_text
from softtoken.core.errors import HardTokenLinkError, LinkError

B32 = base64.b32encode(b"12345678901234567890").decode()
LINK = f"otpauth://totp/ACME:dr.jones?secret={B32}&issuer=ACME"


def test_link_alone_and_with_whitespace() -> None:
    assert find_activation_links(f"  \n\t{LINK}\n ") == [LINK]


def test_link_inside_an_email() -> None:
    mail = (
        "Dear Dr Jones,\n\nTo activate your soft token, click the link below:\n"
        f"{LINK}.\n\nThe link expires in 7 days.\n-- \nACME Help Desk (https://help.acme.example)"
    )
    assert find_activation_links(mail) == [LINK]


def test_link_in_angle_brackets_wrapped_over_lines() -> None:
    wrapped = f"Activate: <{LINK[:40]}\n   {LINK[40:]}> thanks"
    assert find_activation_links(wrapped) == [LINK]


def test_link_in_quotes_and_parentheses() -> None:
    assert find_activation_links(f'("{LINK}")') == [LINK]


def test_quoted_printable_mail_is_undone() -> None:
    qp = LINK.replace("=", "=3D")
    body = f"Link: {qp[:30]}=\n{qp[30:]}\n"
    assert find_activation_links(body) == [LINK]


def test_plain_link_with_hex_like_params_is_not_qp_decoded() -> None:
    link = f"otpauth://totp/x?secret={B32}&issuer=AB"
    assert find_activation_links(link) == [link]


def test_https_link_carrying_otpauth() -> None:
    from urllib.parse import quote

    wrapped = f"https://issuer.example/activate?uri={quote(LINK, safe='')}"
    assert find_activation_links(wrapped) == [LINK]
    assert find_activation_links(f"https://issuer.example/a#{LINK}") == [LINK]


def test_plain_web_link_is_not_fetched_and_is_explained() -> None:
    with pytest.raises(HardTokenLinkError, match=r"web page \(tokens\.vendor\.example\).*serial number"):
        tokens_from_text("Click https://tokens.vendor.example/activate?id=123 to activate your token")


def test_no_link_at_all() -> None:
    with pytest.raises(LinkError, match="No activation link"):
        tokens_from_text("hello")


def test_mangled_scheme() -> None:
    with pytest.raises(LinkError, match="does not start with otpauth://"):
        tokens_from_text(f"otpauth//totp/x?secret={B32}")


def test_several_links_all_returned_in_order() -> None:
    other = LINK.replace("dr.jones", "dr.smith")
    assert find_activation_links(f"{LINK}\n{other}\n{LINK}") == [LINK, other]


def test_cut_short_link() -> None:
    with pytest.raises(LinkError, match="cut short"):
        tokens_from_text(LINK.split("?", maxsplit=1)[0] + "?secr")


def test_all_or_nothing_when_one_link_is_bad() -> None:
    weak = "otpauth://totp/weak?secret=AAAAAAAAAAAAAAAA"
    with pytest.raises(LinkError.__mro__[2], match="Entry 2 of 2"):
        tokens_from_text(f"{LINK}\n{weak}")
