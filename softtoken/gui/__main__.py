"""Entry point of ``softtoken`` (the desktop app).

The token window and activation wizard arrive with the GUI work (issue 4);
until then this says so and points to ``softtoken-cli``.
"""

from __future__ import annotations

import sys


def main() -> None:
    sys.stderr.write(
        "softtoken: the desktop window is not built yet. "
        "Use softtoken-cli meanwhile (softtoken-cli --help).\n"
    )
    sys.exit(0)


if __name__ == "__main__":
    main()
