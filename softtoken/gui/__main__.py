"""Entry point of ``softtoken`` (the desktop app).

The token window and activation wizard arrive with the GUI work (issue 4);
until then this starts the command line's help so the two README commands
already work end to end.
"""

from __future__ import annotations

import sys


def main() -> None:
    from softtoken.cli.__main__ import run

    sys.stderr.write("softtoken: the desktop window is not built yet; here is softtoken-cli.\n")
    sys.exit(run(["--help"]))


if __name__ == "__main__":
    main()
