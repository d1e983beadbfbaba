"""What make_screenshots.py and its screen modules share: the staged world and the camera.

A pinned clock, a fixed seed and link, a throw-away vault on an in-memory
keystore, and :class:`Shooter`, which saves a screen as ``name``.png.
"""

from __future__ import annotations

import base64
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from softtoken.core.clock import FixedClock
from softtoken.core.keystore import OsKeystore
from softtoken.core.policy import Policy
from softtoken.core.vault.crypto import KdfParams
from softtoken.core.vault.vault import Vault
from tests.keyrings import MemoryKeyring  # the tests' in-memory keyring: no OS store is touched

PIN = "8642"
# 2025-11-26 14:05:10 UTC: a calm moment with 20 s left on the passcode
NOW = 1_764_165_910.0
SEED = base64.b32encode(b"12345678901234567890").decode()
LINK = f"otpauth://totp/ACME%20Health:dr.jones?secret={SEED}&issuer=ACME%20Health&serial=TOTP00004B18"
# The hard-token vendor's e-mail: a web page to open in the browser, not a soft token.
WEB_MAIL = (
    "Dear Dr Jones,\n\nYour hard token is on its way. When it arrives, open this page and type the "
    "serial number on its back:\nhttps://selfservice.acme-health.example/activate?user=dr.jones\n\n"
    "ACME Health"
)


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"make_screenshots: timed out waiting for {what}")
        QCoreApplication.processEvents()


Shoot = Callable[["QWidget", str], None]  # a Shooter, or a test that reads each screen


class Shooter:
    """Saves ``name``.png for every screen, or only those in ``only``, with ``suffix`` added.

    With ``fill`` (width, height) the wizards and the token window are shown at that size
    first, as on a screen of that size with the window maximised (the ``-1024`` variant);
    dialogs keep their own size. Pictures are saved with at most 256 colours (Pillow's
    quantizer), which keeps a full set of variants small enough to commit.
    """

    def __init__(
        self,
        out: Path,
        suffix: str = "",
        only: set[str] | None = None,
        fill: tuple[int, int] | None = None,
    ) -> None:
        self.out = out
        self.out.mkdir(parents=True, exist_ok=True)
        self.suffix = suffix
        self.only = only
        self.fill = fill
        self.made: list[Path] = []

    def __call__(self, widget: QWidget, name: str) -> None:
        if self.only is not None and name not in self.only:
            return
        from PySide6.QtWidgets import QDialog, QWizard

        if self.fill is not None and (isinstance(widget, QWizard) or not isinstance(widget, QDialog)):
            widget.resize(*self.fill)
        for _ in range(5):
            QCoreApplication.processEvents()
        path = self.out / f"{name}{self.suffix}.png"
        if not widget.grab().save(str(path)):
            raise SystemExit(f"make_screenshots: could not save {path}")
        small(path)
        self.made.append(path)


def small(path: Path) -> None:
    """Re-save ``path`` with at most 256 colours (a screen of text and flat colours loses nothing seen)."""
    from PIL import Image

    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    reduced.save(path, optimize=True)


_HOMES: list[Path] = []


def temp_home() -> Path:
    """A data folder for one screen's vault; :func:`remove_temp_homes` deletes them after the walk."""
    home = Path(tempfile.mkdtemp(prefix="softtoken-shots-"))
    _HOMES.append(home)
    return home


def remove_temp_homes() -> None:
    import shutil

    while _HOMES:
        shutil.rmtree(_HOMES.pop(), ignore_errors=True)


def new_vault(policy: Policy, clock: FixedClock) -> Vault:
    home = temp_home()
    return Vault(
        home,
        keystore=OsKeystore(MemoryKeyring()),
        policy=policy,
        clock=clock,
        kdf=KdfParams(memory_kib=256, iterations=1, parallelism=1),
    )
