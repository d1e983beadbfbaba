"""One entry point for every activation input: text, image, PSKC file.

``read_activation`` returns checked token descriptions, all or nothing: if
any entry is unusable, the whole input is refused and every seed read so far
is wiped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import ActivationError, InputError, MigrationError, Sentence, SourceNotFound, Words
from ..token import TokenDescription
from .keyuri import parse_key_uri
from .links import find_activation_links
from .migration import MigrationBatch, combine_batches, parse_migration_uri

MAX_SOURCE_FILE = 20 * 1024 * 1024
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"RIFF")


@dataclass(frozen=True)
class PskcSecrets:
    """How a PSKC file is unlocked; asked for only when the file needs it."""

    password: Callable[[], str] | None = None
    psk: Callable[[], bytes] | None = None


def _wipe_all(tokens: Iterable[TokenDescription]) -> None:
    for token in tokens:
        token.secret.wipe()


def _checked(tokens: list[TokenDescription]) -> list[TokenDescription]:
    try:
        for position, token in enumerate(tokens, start=1):
            try:
                token.check()
            except ActivationError as exc:
                if len(tokens) == 1:
                    raise
                label = token.suggested_name()
                raise type(exc)(
                    "Entry {position} of {count} ({label}): {problem}",
                    params={
                        "position": position,
                        "count": len(tokens),
                        "label": label,
                        "problem": Sentence(exc),
                    },
                ) from None
    except ActivationError:
        _wipe_all(tokens)
        raise
    return tokens


def tokens_from_links(links: list[str]) -> list[TokenDescription]:
    tokens: list[TokenDescription] = []
    batches: list[MigrationBatch] = []
    try:
        for link in links:
            if link.lower().startswith("otpauth-migration:"):
                batches.append(parse_migration_uri(link))
            else:
                tokens.append(parse_key_uri(link))
        if batches and tokens:
            raise MigrationError(
                "Give either the Google Authenticator export or single activation links, not both."
            )
        if batches:
            tokens = combine_batches(batches)
    except ActivationError:
        _wipe_all(tokens)
        for batch in batches:
            _wipe_all(batch.entries)
        raise
    return _checked(tokens)


def tokens_from_text(text: str) -> list[TokenDescription]:
    """Tokens from pasted text: a link, several links, or a whole e-mail."""
    return tokens_from_links(find_activation_links(text))


def tokens_from_image(data: bytes) -> list[TokenDescription]:
    from .qrimage import decode_qr_image

    return tokens_from_qr_texts(decode_qr_image(data))


def tokens_from_qr_texts(texts: list[str]) -> list[TokenDescription]:
    links: list[str] = []
    for text in texts:
        links.extend(find_activation_links(text))
    return [replace(token, source="qr") for token in tokens_from_links(links)]


def tokens_from_pskc(data: bytes, secrets: PskcSecrets | None = None) -> list[TokenDescription]:
    from ..errors import PskcSecretRequired
    from .pskc import read_pskc

    secrets = secrets or PskcSecrets()
    try:
        return _checked(read_pskc(data))
    except PskcSecretRequired as exc:
        if exc.kind == "password" and secrets.password is not None:
            return _checked(read_pskc(data, password=secrets.password()))
        if exc.kind == "psk" and secrets.psk is not None:
            return _checked(read_pskc(data, psk=secrets.psk()))
        raise


def looks_like_image(data: bytes) -> bool:
    if data.startswith(b"RIFF"):
        return data[8:12] == b"WEBP"
    return data.startswith(_IMAGE_MAGIC)


def looks_like_xml(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def read_file(path: Path, limit: int = MAX_SOURCE_FILE, what: str = Words("an activation file")) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or an error that says what to do.

    Devices (/dev/zero), pipes (a FIFO would block forever) and folders are
    refused without reading them (:func:`~softtoken.core.storage.read_bounded`).
    ``what`` names the file for the message ("a pre-shared key file").
    """
    from ..storage import UnreadableFile, read_bounded

    named = {"path": str(path), "what": what}
    try:
        return read_bounded(path, limit)
    except UnreadableFile as exc:
        if path.is_dir():
            raise SourceNotFound(
                "{path} is a folder, not a file. Give {what} itself.", params=named
            ) from None
        if not exc.size:
            raise SourceNotFound(
                "{path} is not a regular file (a device or a pipe). Give {what} saved on this computer.",
                params=named,
            ) from None
        raise InputError(
            "{path} is larger than {size}, too large to be {what}. Check that it is the right file.",
            params={**named, "size": exc.size},
        ) from None
    except FileNotFoundError:
        raise SourceNotFound("There is no file {path}. Check the name and folder.", params=named) from None
    except IsADirectoryError:
        raise SourceNotFound("{path} is a folder, not a file. Give {what} itself.", params=named) from None
    except PermissionError:
        raise SourceNotFound(
            "softtoken may not read {path}. Check the file's permissions.", params=named
        ) from None
    except (OSError, ValueError):  # a symlink loop, a name too long, a NUL in the name, an I/O error
        raise SourceNotFound(
            "{path} could not be read. Copy it to this computer and try again.", params=named
        ) from None


def tokens_from_bytes(data: bytes, secrets: PskcSecrets | None = None) -> list[TokenDescription]:
    """Tokens from a file's content, whatever kind of file it is."""
    if looks_like_image(data):
        return tokens_from_image(data)
    if looks_like_xml(data):
        return tokens_from_pskc(data, secrets)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ActivationError(
            "This file is not an activation file softtoken knows (a QR image, a PSKC key file or "
            "a text file with the link)."
        ) from None
    return tokens_from_text(text)


def tokens_from_file(path: Path, secrets: PskcSecrets | None = None) -> list[TokenDescription]:
    return tokens_from_bytes(read_file(path), secrets)
