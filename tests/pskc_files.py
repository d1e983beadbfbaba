"""PSKC files written with python-pskc for tests (secrets chosen by the test, not the parser)."""

from __future__ import annotations

from pathlib import Path

import pskc


def write_pskc(
    path: Path,
    keys: list[dict[str, object]],
    *,
    psk: bytes | None = None,
    password: str | None = None,
) -> Path:
    container = pskc.PSKC()
    for spec in keys:
        container.add_key(**spec)  # type: ignore[arg-type]
    if psk is not None:
        container.encryption.setup_preshared_key(key=psk)
    elif password is not None:
        container.encryption.setup_pbkdf2(password, iterations=1000)
    container.write(str(path))
    return path
