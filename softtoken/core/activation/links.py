"""Finding activation links in whatever the prescriber pasted.

People paste a whole e-mail, a link wrapped over two lines, a link in angle
brackets or quotes, or an https link from the issuer. We find the otpauth
links in it; we never fetch anything from the network.

Mail programs cut long links: quoted-printable's ``=`` soft line breaks, a
hard wrap at the 72-78th column, and replies that put ``> `` before every
line. A cut that is not undone loses what follows it without a word (the
serial number, the two-step parameters) or breaks the secret, so the pieces
are joined first (:func:`_unwrap`), by what a wrap looks like: a line that
ends inside a link and is as long as a wrapped line, or a next line that can
only be the rest of a query (``&serial=…``). What remains ambiguous is a whole
link that happens to be 64-80 characters long with prose right on the next
line: it is read as wrapped.
"""

from __future__ import annotations

import quopri
import re
from urllib.parse import parse_qsl, unquote, urlsplit

from ..errors import ContainerLinkGiven, HardTokenLinkError, LinkError

MAX_TEXT = 256 * 1024
_SCHEMES = r"otpauth-migration|otpauth|https?|pia"
_LINK = re.compile(rf"(?:{_SCHEMES})://[^\s<>\"'`\]\[{{}}|\\^]+", re.IGNORECASE)
_BRACKETED = re.compile(rf"<((?:{_SCHEMES})://[^<>]+)>", re.IGNORECASE)
_EMBEDDED = re.compile(r"otpauth(?:-migration)?(?:://|%3A%2F%2F)", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\""
_QUOTE = re.compile(r"[ \t]*>(?:[ \t]*>)*[ \t]?")  # "> ", ">> ", "> > " before a quoted line
_PIECE = re.compile(r"[^\s<>\"'`\]\[{}|\\^]+")  # what a link may hold (as _LINK)
_WHOLE_LINK = re.compile(rf"[<(\"']*(?:{_SCHEMES})://", re.IGNORECASE)
_LINK_BEGUN = re.compile(r"://|%3A%2F%2F", re.IGNORECASE)
WRAP_COLUMNS = range(64, 81)  # a line a mail program wrapped: 72-78 columns, less a quote prefix
MAX_LINK = 8192  # keyuri's bound: a longer run is no link, and is not joined further


def _is_quoted_printable(text: str) -> bool:
    """Is this a quoted-printable mail body (its source, pasted), where "=" is written "=3D"?

    Decoding a plain link would corrupt '=AB' in its query, so it takes a mail
    header that says so, or all of: an encoded "=", every "=" an escape ("=3D")
    or a soft line break, and a sign beyond one "=3D": "=3D" twice, a "=20", or
    a soft line break where an encoder puts one (a line of 60 characters or
    more). A plain link whose only parameter is a secret that begins with "3D"
    (and may end in a "=" of padding) has no such sign, and stays as it is.
    """
    upper = text.upper()
    if "=3D" not in upper:
        return False
    if "CONTENT-TRANSFER-ENCODING: QUOTED-PRINTABLE" in upper:
        return True
    signs = upper.count("=3D") > 1 or "=20" in upper
    soft_breaks = 0
    lines = upper.split("\n")
    for line, after in zip(lines, [*lines[1:], ""], strict=True):
        soft = _soft_break(line, after) and (signs or len(line) >= 60)
        body = line[:-1] if soft else line
        soft_breaks += soft
        if re.search(r"=(?![0-9A-F]{2})", body):
            return False  # a plain '=' (a query's, a secret's padding): not quoted-printable
    return soft_breaks > 0 or signs


def _soft_break(line: str, after: str) -> bool:
    """A "=" that ends a line may be a soft line break when the text goes on after it.

    An encoder breaks a line only because more follows (not an empty or quoted
    empty line); "…AA==" is a secret's padding.
    """
    return line.endswith("=") and not line.endswith("==") and bool(after.strip(" \t>"))


def _continues(tail: str, last_line: str, line: str) -> bool:
    """Is ``line`` the rest of a link cut after ``tail`` (the last word so far) by a wrap?

    ``last_line`` is the line as it was shown (its length tells a wrapped line).
    """
    if not line or line[0].isspace() or not tail or len(tail) > MAX_LINK:
        return False
    head = _PIECE.match(line)
    if head is None or _WHOLE_LINK.match(head.group(0)):
        return False  # a new link starts here: it is found on its own
    piece = head.group(0)
    begun = (tail + piece[:8]).lower().find("otpauth")
    if not (_LINK_BEGUN.search(tail) or 0 <= begun < len(tail)):
        return False  # the line does not end inside a link
    if piece[0] in "&=?#":
        return True  # the rest of a query: nothing else starts a line so
    if re.search(r"=[^&=]*[A-Za-z2-7]=+$", tail):
        return False  # a padded secret ("…GE======") is complete: only "&…" may follow
    return "=" in piece or "&" in piece or len(last_line) in WRAP_COLUMNS


def _unwrap(text: str) -> str:
    """One kind of line break, quoted-printable undone, quote prefixes off, links cut by a wrap joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _is_quoted_printable(text):
        text = quopri.decodestring(text.encode("utf-8", "replace")).decode("utf-8", "replace")
    out: list[str] = []
    last_prefix, last_line, tail = "", "", ""
    for raw in text.split("\n"):
        quoted = _QUOTE.match(raw)
        prefix = quoted.group(0).replace(" ", "").replace("\t", "") if quoted else ""
        line = raw[quoted.end() :] if quoted else raw
        joined = bool(out) and prefix == last_prefix and _continues(tail, last_line, line)
        if joined:
            out[-1] += line
        else:
            out.append(line)
        words = line.split()
        if not words or line[-1].isspace():
            tail = ""  # a line that ends in a space ends its last word
        else:
            tail = tail + line if joined and len(words) == 1 else words[-1]
        last_prefix, last_line = prefix, line
    return "\n".join(out)


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


def _is_pia(link: str) -> bool:
    return link.lower().startswith("pia:")


def find_pia_links(text: str) -> list[str]:
    """The pia:// links (workstation registrations) in ``text``, unwrapped as activation links are."""
    if len(text) > MAX_TEXT:
        return []
    found: list[str] = []
    for candidate in _candidates(_unwrap(text)):
        if _is_pia(candidate) and candidate not in found:
            found.append(candidate)
    return found


def find_activation_links(text: str) -> list[str]:
    """The otpauth:// and otpauth-migration:// links in ``text``, in order, once each.

    Raises :class:`LinkError` when there are none, with a message that tells
    a web link (which we will not open) from no link at all.
    """
    if len(text) > MAX_TEXT:
        raise LinkError("The pasted text is too long. Paste only the activation link.")
    text = _unwrap(text)
    links: list[str] = []
    web_hosts: list[str] = []
    for candidate in _candidates(text):
        link = candidate
        if _is_pia(candidate):
            raise ContainerLinkGiven(
                "This is a workstation registration link, not a token. Give it where softtoken "
                "registers the workstation (softtoken-cli register, or paste it in the app's "
                "activation box); the tokens then arrive by themselves."
            )
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
            "This is a link to a web page ({host}), not a soft-token activation. "
            "Open it in your browser: if the page asks for your token's serial number it is "
            "for a hard token; if it shows a QR code, scan that code here.",
            params={"host": web_hosts[0][:60]},
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
