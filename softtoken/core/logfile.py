"""The app's log file, set up at start: apart from diagnostics, whose imports (zipfile, secrets,
hence OpenSSL) the GUI's first window would otherwise load for nothing."""

from __future__ import annotations

import os
from pathlib import Path

from .storage import FILE_MODE, ensure_private_dir

LOG_DIR = "logs"


def setup_file_logging(home: Path) -> None:
    """App logs in <home>/logs (0600, rotated), for the support bundle. Never secrets (SECURITY.md)."""
    import logging.handlers

    folder = ensure_private_dir(home / LOG_DIR)
    target = folder / "softtoken.log"
    if not target.exists():
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    handler = logging.handlers.RotatingFileHandler(
        target, maxBytes=256 * 1024, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("softtoken")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
