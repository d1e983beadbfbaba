"""Logging an unexpected exception without its message.

A bug's exception message may echo whatever it was given (``int('8642x')``
echoes its argument), and that could be a PIN or a seed. The log keeps the
type and where it happened, never the message or local variables.

Where it goes is the front end's choice: ``--debug`` (stderr) or the app log.
With neither configured, Python's last-resort handler would print the record,
frames and all, to stderr beside the one-line message; the NullHandler on the
package's logger (the logging HOWTO's advice for libraries) keeps it quiet.
"""

from __future__ import annotations

import logging
import traceback

_QUIET = logging.NullHandler()


def quiet_last_resort() -> None:
    """No softtoken record ever reaches Python's last-resort handler (stderr). Idempotent."""
    logging.getLogger("softtoken").addHandler(_QUIET)


quiet_last_resort()  # whoever logs a bug has imported this module


def log_bug(log: logging.Logger, exc: BaseException) -> None:
    frames = "".join(traceback.format_tb(exc.__traceback__)) if exc.__traceback__ else "(no traceback)\n"
    log.error("unexpected %s (message withheld: it may hold a secret)\n%s", type(exc).__name__, frames)
