"""Activation links that a mail program wrapped, quoted or encoded come out whole.

A link cut after its secret used to lose everything after the cut (the serial
number, the two-step parameters) without a word; a cut inside the secret
said "copy it again", which fails the same way. Here real links, with and
without a serial and two-step parameters, are wrapped every way a mail
program does it, and the token read from the mail must equal the token read
from the link itself.
"""

from __future__ import annotations

import base64
import quopri
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from softtoken.core.activation.links import find_activation_links
from softtoken.core.activation.sources import tokens_from_text
from softtoken.core.token import TokenDescription

SEED = base64.b32encode(b"12345678901234567890").decode()
SERIAL_LINK = f"otpauth://totp/ACME:dr.jones?secret={SEED}&issuer=ACME&serial=TOTP0001A2B3"
TWO_STEP_LINK = (
    f"otpauth://hotp/OATH0001F2C4?secret={SEED}&counter=1&serial=OATH0001F2C4"
    "&2step_salt=8&2step_output=20&2step_difficulty=1000"
)
BEFORE = ["", "Activate: ", "Dear Dr Jones, to activate your soft token on this workstation use this link: "]
AFTER = "The link expires in 7 days.\n-- \nACME Help Desk (https://help.acme.example)"
FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _seen(token: TokenDescription) -> tuple[object, ...]:
    return (token.summary(), token.secret.reveal(), token.counter)


def read(text: str) -> list[tuple[object, ...]]:
    return [_seen(t) for t in tokens_from_text(text)]


@st.composite
def links(draw: st.DrawFn) -> str:
    """A real activation link: TOTP or HOTP, with or without serial, issuer and two-step parameters."""
    seed = base64.b32encode(draw(st.binary(min_size=16, max_size=40))).decode()
    if draw(st.booleans()):
        seed = seed.rstrip("=")
    kind = draw(st.sampled_from(["totp", "hotp"]))
    account = draw(st.sampled_from(["dr.jones", "dr.jones%40clinic.example", "Dr%20Ana%20Ruiz", "u1"]))
    issuer = draw(st.sampled_from(["", "ACME", "EPCS%20Clinic"]))
    params = [f"secret={seed}"]
    if issuer:
        params.append(f"issuer={issuer}")
    if kind == "hotp":
        params.append(f"counter={draw(st.integers(0, 10**6))}")
    if draw(st.booleans()):
        params.append(f"serial={draw(st.sampled_from(['TOTP0001A2B3', 'OATH00012345', 'S1']))}")
    if draw(st.booleans()):
        params += ["2step_salt=8", "2step_output=20", f"2step_difficulty={draw(st.integers(1, 2000))}"]
    if draw(st.booleans()):
        params += [f"digits={draw(st.sampled_from([6, 8]))}", "algorithm=SHA256"]
    params = draw(st.permutations(params))
    label = f"{issuer}:{account}" if issuer and draw(st.booleans()) else account
    return f"otpauth://{kind}/{label}?{'&'.join(params)}"


@st.composite
def mails(draw: st.DrawFn, link: str) -> str:
    """``link`` in a plain-text mail as a mail program sends, quotes and encodes it."""
    if draw(st.booleans()):
        link = f"<{link}>"
    paragraph = draw(st.sampled_from(BEFORE)) + link
    width = draw(st.integers(72, 78))
    prefix = draw(st.sampled_from(["", "> ", ">> ", "> > ", ">>> "]))
    quote_first = draw(st.booleans())  # quoted, then re-wrapped with the prefix counted
    inner = width - len(prefix) if quote_first else width
    lines = textwrap.wrap(paragraph, inner, break_long_words=True, break_on_hyphens=False)
    lines += ["", *AFTER.splitlines()]
    # a quoted empty line is ">" (no trailing space); the signature line stays "-- ", which
    # quoted-printable writes "--=20", as real mails do
    text = "\n".join(f"{prefix}{line}" if line else prefix.rstrip() for line in lines) + "\n"
    if draw(st.booleans()):
        text = quopri.encodestring(text.encode("utf-8")).decode("ascii")
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


@FUZZ
@given(st.data())
def test_a_wrapped_link_reads_as_the_link_itself(data: st.DataObject) -> None:
    link = data.draw(links())
    mail = data.draw(mails(link))
    assert read(mail) == read(link), mail


@pytest.mark.parametrize("link", [SERIAL_LINK, TWO_STEP_LINK])
@pytest.mark.parametrize("width", [72, 76, 78])
@pytest.mark.parametrize("prefix", ["", "> ", ">> "])
def test_every_cut_of_a_real_link(link: str, width: int, prefix: str) -> None:
    """A cut at every place of the link, the serial and the two-step parameters kept."""
    expected = read(link)
    for cut in range(1, len(link)):
        before = "x" * (width - len(prefix) - cut - 1)  # the cut lands at the wrap column
        mail = f"{prefix}{before} {link[:cut]}\n{prefix}{link[cut:]}\n{prefix}\n{prefix}Thanks\n"
        if len(before) < 1:
            continue
        assert read(mail) == expected, mail


def test_the_serial_after_a_cut_behind_the_secret_is_kept() -> None:
    cut = SERIAL_LINK.index("&serial")
    mail = f"Activate:\n{SERIAL_LINK[:cut]}\n{SERIAL_LINK[cut:]}\n\nThanks\n"
    (token,) = tokens_from_text(mail)
    assert token.serial == "TOTP0001A2B3"


def test_quoted_printable_with_crlf_and_a_quote() -> None:
    body = quopri.encodestring(f"> Link: {TWO_STEP_LINK}\n".encode()).decode().replace("\n", "\r\n")
    assert "=\r\n" in body
    assert find_activation_links(body) == [TWO_STEP_LINK]


def test_what_is_not_a_continuation_stays_apart() -> None:
    """A whole link line longer than any wrap, then prose; two links on two lines; an indented line."""
    assert find_activation_links(f"{SERIAL_LINK}\nThanks, the help desk\n") == [SERIAL_LINK]
    other = SERIAL_LINK.replace("dr.jones", "dr.smith").replace("TOTP0001A2B3", "TOTP0002")
    assert find_activation_links(f"{SERIAL_LINK}\n{other}\n") == [SERIAL_LINK, other]
    short = "otpauth://totp/A:b?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert find_activation_links(f"{short}\n  indented text\n") == [short]
    assert find_activation_links(f"{short}\nThanks\n") == [short]  # a short line is no wrap


def test_a_plain_secret_that_begins_with_3d_is_not_taken_for_quoted_printable() -> None:
    """Quoted-printable writes "=" as "=3D", and a base32 secret may begin with "3D".

    A link whose only parameter is such a secret, with no other sign of
    quoted-printable in the text, is read as written (the one ambiguous case);
    a second sign ("=3D" twice, "=20", a soft line break) reads it as encoded.
    """
    plain = "otpauth://totp/x?secret=3DAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    assert find_activation_links(f"{plain}\n") == [plain]
    assert find_activation_links(f"{plain}\n--=20\n") == [plain.replace("=3D", "=")]
    with_issuer = plain + "&issuer=ACME"  # "=AC" reads as an escape, but nothing else says encoded
    assert find_activation_links(with_issuer) == [with_issuer]
    padded = "otpauth://totp/x?issuer=3DX&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGE======"
    assert find_activation_links(f"{padded}\nThanks\n") == [padded]  # padding at a line end: no soft break
