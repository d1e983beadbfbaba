"""Independent oracles: other implementations that our results must agree with."""

from __future__ import annotations

import shutil
import subprocess

import pytest

OATHTOOL = shutil.which("oathtool")

needs_oathtool = pytest.mark.skipif(
    OATHTOOL is None and not __import__("os").environ.get("CI"),
    reason="oathtool is not installed (the test command installs it)",
)


def oathtool_hotp(key: bytes, counter: int, digits: int = 6) -> str:
    assert OATHTOOL, "oathtool missing: the README's test command installs it"
    out = subprocess.run(
        [OATHTOOL, "--hotp", "-d", str(digits), "-c", str(counter), key.hex()],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def oathtool_totp(key: bytes, at: int, algorithm: str = "SHA1", digits: int = 6, period: int = 30) -> str:
    assert OATHTOOL, "oathtool missing: the README's test command installs it"
    out = subprocess.run(
        [
            OATHTOOL,
            f"--totp={algorithm.lower()}",
            "-d",
            str(digits),
            "-s",
            f"{period}s",
            "-N",
            f"@{at}",
            key.hex(),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()
