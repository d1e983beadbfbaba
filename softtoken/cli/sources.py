"""Turning a SOURCE argument (``-``, a file, a link) into token descriptions."""

from __future__ import annotations

import argparse
from pathlib import Path

from softtoken.core.activation.sources import (
    PskcSecrets,
    read_file,
    tokens_from_file,
    tokens_from_text,
)
from softtoken.core.token import TokenDescription

from .context import CliContext

_LINK_PREFIXES = ("otpauth:", "otpauth-migration:", "http:", "https:")


def add_source_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "source",
        metavar="SOURCE",
        help="'-' to read the activation link from standard input (recommended), a text file "
        "with the link, a QR code image (PNG/JPEG) or a PSKC key file",
    )
    secret = parser.add_mutually_exclusive_group()
    secret.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the PSKC file's password from standard input",
    )
    secret.add_argument(
        "--password-file", metavar="FILE", type=Path, help="read the PSKC file's password from FILE"
    )
    secret.add_argument(
        "--psk-file",
        metavar="FILE",
        type=Path,
        help="read the PSKC file's pre-shared key from FILE (32, 48 or 64 hex digits, or 16, 24 or 32 bytes)",
    )


MAX_SECRET_FILE = 64 * 1024  # a password or key file holds a line, not megabytes


def _read_psk(path: Path) -> bytes:
    from softtoken.core.activation.pskc import parse_psk

    return parse_psk(read_file(path, MAX_SECRET_FILE, "a pre-shared key file"), file=path.name)


def _read_password(path: Path) -> str:
    """The first line of a password file (UTF-8; a stray byte is refused, never replaced)."""
    from softtoken.core.textinput import decode_text

    text = decode_text(read_file(path, MAX_SECRET_FILE, "a password file"), path.name, "password")
    return text.splitlines()[0] if text.strip() else ""


def pskc_secrets(ctx: CliContext, args: argparse.Namespace) -> PskcSecrets:
    if args.password_stdin:
        return PskcSecrets(password=lambda: ctx.take_stdin_line("PSKC password", "--password-file FILE"))
    if args.password_file:
        path: Path = args.password_file
        return PskcSecrets(password=lambda: _read_password(path))
    if args.psk_file:
        psk_path: Path = args.psk_file
        return PskcSecrets(psk=lambda: _read_psk(psk_path))
    return PskcSecrets()


def load_source(ctx: CliContext, args: argparse.Namespace) -> list[TokenDescription]:
    source: str = args.source
    secrets = pskc_secrets(ctx, args)
    if source == "-":
        return tokens_from_text(ctx.take_stdin("activation link"))
    if source.lower().startswith(_LINK_PREFIXES) and not Path(source).exists():
        ctx.stderr.write(
            "softtoken-cli: note: a link typed on the command line can be seen by other users of "
            "this computer; next time pass '-' and paste the link.\n"
        )
        return tokens_from_text(source)
    return tokens_from_file(Path(source), secrets)
