"""PyInstaller runtime hook of the one Linux executable: started as ``softtoken-cli``, no Qt.

Custom runtime hooks run before PyInstaller's own, and its PySide6 hook imports PySide6.QtCore in
every program of a bundle that holds PySide6 (to embed a qt.conf): that loads Qt's libraries and
ICU's data for a command that never shows a window (about 0.2 s each time). Marking PySide6 as
absent makes that import fail, which the hook allows (it then does nothing); the CLI never imports
Qt, and now cannot. The desktop app (any other name) is left alone.
"""

import os
import sys

if os.path.basename(sys.argv[0]) == "softtoken-cli":
    sys.modules["PySide6"] = None  # type: ignore[assignment]  # import PySide6... raises ImportError
