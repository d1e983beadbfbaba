"""PyInstaller entry point of the ``softtoken-cli`` executable."""

import sys

from softtoken.cli.__main__ import main

sys.exit(main())
