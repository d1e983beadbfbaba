"""Run a few lines of Qt in a fresh interpreter, offscreen: for what one process loads for good."""

from __future__ import annotations

import subprocess
import sys

# Printed as the last line: whether QtSvg is in the process in any form (the Python module, the
# library, or the icon engine a QIcon loads for an SVG file): it holds ~1-2.5 MB for the session.
PRINT_QTSVG_LOADED = (
    "import sys as _sys\n"
    "_maps = open('/proc/self/maps').read()\n"
    "print('PySide6.QtSvg' in _sys.modules or 'Qt6Svg' in _maps or 'qsvgicon' in _maps)\n"
)


def output_lines(code: str) -> list[str]:
    """Run ``code`` in a new Python (QT_QPA_PLATFORM=offscreen); its standard output, by line."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip().splitlines()
