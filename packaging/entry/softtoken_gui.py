"""PyInstaller entry point of the ``softtoken`` executable (the desktop app)."""

import sys

from softtoken.gui.__main__ import main

sys.exit(main())
