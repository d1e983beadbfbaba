"""PyInstaller entry point of the one Linux executable: ``softtoken``, or ``softtoken-cli`` by name.

On Linux the bundle holds one executable and ``softtoken-cli`` is a symbolic link to it (see
softtoken.spec: a second executable carried a second copy of the Python archive, about 4.7 MB,
the room the TPM support needed). The name it was started under picks the front end, as busybox
does; started as ``softtoken-cli`` it never imports Qt.
"""

import os
import sys

if os.path.basename(sys.argv[0]) == "softtoken-cli":
    from softtoken.cli.__main__ import main
else:
    from softtoken.gui.__main__ import main

sys.exit(main())
