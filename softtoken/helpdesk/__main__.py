"""Entry point of ``softtoken-helpdesk`` (built out by the help-desk work, issue 6)."""

from __future__ import annotations

import sys


def main() -> None:
    sys.stderr.write("softtoken-helpdesk: not built yet.\n")
    sys.exit(1)


if __name__ == "__main__":
    main()
