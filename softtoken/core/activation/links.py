"""Finding activation links in whatever the prescriber pasted.

People paste a whole e-mail, a link wrapped over two lines, a link in angle
brackets or quotes, or an https link from the issuer. We find the otpauth
links in it; we never fetch anything from the network.
"""

from __future__ import annotations

import quopri
import re
from urllib.parse import parse_qsl, unquote, urlsplit

from ..errors import HardTokenLinkError, LinkError

MAX_TEXT = 256 * 1024
_SCHEMES = r"otpauth-migration|otpauth|https?"
_LINK = re.compile(rf"(?:{_SCHEMES})://[^\s<>\"'`\]\[{{}}|\\^]+", re.IGNORECASE)
_BRACKETED = re.compile(rf"<((?:{_SCHEMES})://[^<>]+)>", re.IGNORECASE)
_EMBEDDED = re.compile(r"otpauth(?:-migration)?(?:://|%3A%2F%2F)", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\""


def _undo_quoted_printable(text: str) -> str:
    # Only when the text really is quoted-printable: soft line breaks AND an
    # encoded '='. Decoding a plain link would corrupt '=AB' in its query.
    if re.search(r"=\r?\n", text) and "=3D" in text.upper():
        return quopri.decodestring(text.encode("utf-8", "replace")).decode("utf-8", "replace")
    return text


def _candidates(text: str) -> list[str]:
    found: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for match in _BRACKETED.finditer(text):
        # Inside <…> a mail program may have wrapped the link: join the pieces.
        found.append((match.start(), "".join(match.group(1).split())))
        covered.append(match.span())
    for match in _LINK.finditer(text):
        if any(start <= match.start() < end for start, end in covered):
            continue
        found.append((match.start(), match.group(0).rstrip(_TRAILING)))
    return [link for _, link in sorted(found)]


def _embedded_otpauth(link: str) -> str | None:
    """An otpauth link carried inside an https link's query or fragment."""
    parts = urlsplit(link)
    values = [v for _, v in parse_qsl(parts.query, keep_blank_values=True)] + [parts.fragment]
    for raw in values:
        value = raw.strip()
        if _EMBEDDED.match(value):
            return value if "://" in value else unquote(value)
        decoded = unquote(value)
        if _EMBEDDED.match(decoded):
            return decoded
    return None


def _host(link: str) -> str:
    try:
        return urlsplit(link).hostname or "a web site"
    except ValueError:
        return "a web site"


def find_activation_links(text: str) -> list[str]:
    """The otpauth:// and otpauth-migration:// links in ``text``, in order, once each.

    Raises :class:`LinkError` when there are none, with a message that tells
    a web link (which we will not open) from no link at all.
    """
    if len(text) > MAX_TEXT:
        raise LinkError("The pasted text is too long. Paste only the activation link.")
    text = _undo_quoted_printable(text)
    links: list[str] = []
    web_hosts: list[str] = []
    for candidate in _candidates(text):
        link = candidate
        if candidate.split(":", 1)[0].lower().startswith("http"):
            inner = _embedded_otpauth(candidate)
            if inner is None:
                web_hosts.append(_host(candidate))
                continue
            link = inner
        if link not in links:
            links.append(link)
    if links:
        return links
    if web_hosts:
        raise HardTokenLinkError(
            f"This is a link to a web page ({web_hosts[0][:60]}), not a soft-token activation. "
            "Open it in your browser: if the page asks for your token's serial number it is "
            "for a hard token; if it shows a QR code, scan that code here."
        )
    if "otpauth" in text.lower():
        raise LinkError(
            "The activation link is broken (it does not start with otpauth://). "
            "Copy the whole link from the issuer's e-mail again."
        )
    raise LinkError(
        "No activation link was found. Copy the whole link that starts with otpauth:// "
        "from the issuer's e-mail and paste it here."
    )
