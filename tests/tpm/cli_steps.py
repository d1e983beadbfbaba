"""softtoken-cli steps the tpm tier shares (the real CLI in-process, tests/cli_runner.py)."""

from __future__ import annotations

from pathlib import Path

from tests.cli_runner import Result, cli
from tests.vaults import PIN, link


def activate(home: Path, name: str = "ACME", seed_link: str | None = None, *options: str) -> Result:
    source = home.parent / f"{name}.link"
    source.write_text((seed_link or link()) + "\n")
    return cli(*options, "--home", home, "activate", source, "--name", name, "--pin-stdin", stdin=PIN + "\n")


def code(home: Path, pin: str = PIN, *options: str) -> Result:
    return cli(*options, "--home", home, "code", "--pin-stdin", stdin=pin + "\n")
