"""PyInstaller entry point of ``softtoken-helpdesk`` (bundled on request: see softtoken.spec)."""

import sys

from softtoken.helpdesk.__main__ import main

sys.exit(main())
