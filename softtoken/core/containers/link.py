"""The ``pia://container/…`` registration link privacyIDEA's help desk hands out.

One link registers this workstation with the issuer's token container (see
/work/shared/reference/privacyidea-containers.md for the fields; the server
always sends every parameter, in this order)::

    pia://container/SMPH0000D181?issuer=privacyIDEA&ttl=10&nonce=…&time=2026-12-01T23%3A43%3A11.903074%2B00%3A00
        &url=http%3A//127.0.0.1%3A59323&serial=SMPH0000D181&key_algorithm=secp384r1&hash_algorithm=SHA256
        &ssl_verify=False&passphrase=&send_passphrase=False

``nonce``, ``time`` and ``url`` are kept verbatim (URL-decoded only): the
registration signature covers them as the server wrote them. Nothing here
touches the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qsl, urlsplit

from ..errors import ContainerLinkError, QrCodeError, Words
from ..policy import normalise_issuer_url

SCHEME = "pia"
MAX_LINK = 4096
KEY_ALGORITHMS = ("secp384r1",)
HASH_ALGORITHMS = ("SHA256",)
_SERIAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
_NONCE = re.compile(r"[0-9A-Za-z+/=_-]{8,256}")
_FALSE = ("false", "0", "no", "")
_BROKEN = (
    "The workstation registration link is broken ({problem}). Copy the whole link from the help "
    "desk's message again, or ask the help desk for a new one."
)


@dataclass(frozen=True)
class ContainerLink:
    """A parsed registration link; ``nonce`` and ``text`` (the raw link) stay out of repr."""

    serial: str
    issuer: str
    url: str
    nonce: str = field(repr=False)
    time: str
    ttl_minutes: int
    key_algorithm: str
    hash_algorithm: str
    ssl_verify: bool
    passphrase_prompt: str
    send_passphrase: bool
    text: str = field(repr=False)

    @property
    def issued_at(self) -> float:
        return _timestamp(self.time)

    @property
    def expires_at(self) -> float:
        return self.issued_at + self.ttl_minutes * 60

    @property
    def needs_passphrase(self) -> bool:
        """The issuer asks the prescriber for a passphrase (its prompt is the question)."""
        return bool(self.passphrase_prompt)


_MISSING = {
    "nonce": Words("the nonce is missing"),
    "time": Words("the time is missing"),
    "url": Words("the issuer address is missing"),
    "ttl": Words("the time to live is missing"),
}


def _broken(problem: Words) -> ContainerLinkError:
    return ContainerLinkError(_BROKEN, params={"problem": problem})


def _timestamp(text: str) -> float:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("no time zone")
    return moment.timestamp()


def _query(query: str) -> dict[str, str]:
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query))
    except ValueError:
        raise _broken(Words("its parameters are garbled")) from None
    values: dict[str, str] = {}
    for key, value in pairs:
        if key in values:
            raise _broken(Words("a parameter appears twice"))
        values[key] = value
    return values


def _check_challenge(values: dict[str, str]) -> None:
    """The fields the registration signature covers: present and well-formed."""
    for name in ("nonce", "time", "url", "ttl"):
        if not values.get(name):
            raise _broken(_MISSING[name])
    if not _NONCE.fullmatch(values["nonce"]):
        raise _broken(Words("the nonce is garbled"))
    try:
        _timestamp(values["time"])
    except (ValueError, OverflowError, OSError):
        raise _broken(Words("the time is not a date and time")) from None


def parse_container_link(text: str) -> ContainerLink:
    """Check and read one ``pia://container/SERIAL?…`` link; ContainerLinkError says what is wrong."""
    link = text.strip()
    if len(link) > MAX_LINK:
        raise ContainerLinkError(
            "The workstation registration link is far too long to be one. Copy only the link that "
            "starts with pia://container/."
        )
    if not link.lower().startswith(f"{SCHEME}://"):
        raise ContainerLinkError(
            "This is not a workstation registration link (it does not start with pia://container/). "
            "Copy the whole link from the help desk's message."
        )
    try:
        parts = urlsplit(link)
    except ValueError:
        raise _broken(Words("it is not a well-formed link")) from None
    if parts.netloc.lower() != "container":
        raise ContainerLinkError(
            "This pia:// link is not a workstation registration (pia://container/…). Ask the help "
            "desk for a workstation registration link."
        )
    values = _query(parts.query)
    serial = values.get("serial", parts.path.lstrip("/"))
    if not _SERIAL.fullmatch(serial) or parts.path.lstrip("/") not in ("", serial):
        raise _broken(Words("the container serial is missing or garbled"))
    _check_challenge(values)
    ttl = values["ttl"]
    if not ttl.isascii() or not ttl.isdigit() or not 1 <= int(ttl) <= 7 * 24 * 60:
        raise _broken(Words("the time to live is not a number of minutes"))
    url = values["url"]
    if len(url) > 500 or normalise_issuer_url(url) is None:
        raise _broken(Words("the issuer address is not an http or https address"))
    key_algorithm = values.get("key_algorithm", KEY_ALGORITHMS[0])
    hash_algorithm = values.get("hash_algorithm", HASH_ALGORITHMS[0])
    if key_algorithm not in KEY_ALGORITHMS or hash_algorithm.upper() not in HASH_ALGORITHMS:
        raise ContainerLinkError(
            "The registration link asks for a key ({key}, {hash}) softtoken does not support. Ask the "
            "help desk to check the issuer's container settings.",
            params={"key": key_algorithm[:30], "hash": hash_algorithm[:30]},
        )
    ssl_verify = values.get("ssl_verify", "True").strip().lower()
    if ssl_verify not in ("true", "false", "1", "0"):
        raise _broken(Words("'ssl_verify' is neither True nor False"))
    issuer = " ".join(values.get("issuer", "").split())[:100] or "privacyIDEA"
    return ContainerLink(
        serial=serial,
        issuer=issuer,
        url=url,
        nonce=values["nonce"],
        time=values["time"],
        ttl_minutes=int(ttl),
        key_algorithm=key_algorithm,
        hash_algorithm=hash_algorithm.upper(),
        ssl_verify=ssl_verify in ("true", "1"),
        passphrase_prompt=" ".join(values.get("passphrase", "").split())[:200],
        send_passphrase=values.get("send_passphrase", "").strip().lower() not in _FALSE,
        text=link,
    )


def find_container_link(text: str) -> ContainerLink | None:
    """The pia:// link anywhere in pasted text (a whole e-mail, a wrapped link), or None.

    A pia:// link that is there but broken raises ContainerLinkError: the token path
    would only say it is not a token.
    """
    from ..activation.links import find_pia_links

    links = find_pia_links(text)
    if not links:
        return None
    return parse_container_link(links[0])


def container_link_in_qr_texts(texts: list[str]) -> ContainerLink | None:
    for text in texts:
        found = find_container_link(text)
        if found is not None:
            return found
    return None


def container_link_in_image(data: bytes) -> ContainerLink | None:
    """The registration link in a QR image; None when the image holds none (the token path speaks)."""
    from ..activation.qrimage import decode_qr_image

    try:
        texts = decode_qr_image(data)
    except QrCodeError:
        return None
    return container_link_in_qr_texts(texts)
