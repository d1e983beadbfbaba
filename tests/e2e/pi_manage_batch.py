"""Run several ``pi-manage`` commands in one interpreter: privacyIDEA's imports cost ~2 s per process.

Executed by privacyIDEA's own venv python (``pi_server.PiServer.configure``), never imported by
the tests. argv[1] is a JSON list of pi-manage argument lists, run in order; the first failure
stops the batch with a non-zero exit.
"""

import json
import sys

from privacyidea.cli.pimanage import cli


def main() -> int:
    for argv in json.loads(sys.argv[1]):
        try:
            cli.main(argv, prog_name="pi-manage", standalone_mode=False)
        except SystemExit as exc:
            if exc.code not in (0, None):
                print(f"pi-manage {' '.join(argv[:3])} failed ({exc.code})", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
