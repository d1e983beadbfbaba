"""Logging an unexpected exception without its message.

A bug's exception message may echo whatever it was given (``int('8642x')``
echoes its argument), and that could be a PIN or a seed. The log keeps the
type and where it happened, never the message or local variables.
"""

from __future__ import annotations

import logging
import traceback


def log_bug(log: logging.Logger, exc: BaseException) -> None:
    frames = "".join(traceback.format_tb(exc.__traceback__)) if exc.__traceback__ else "(no traceback)\n"
    log.error("unexpected %s (message withheld: it may hold a secret)\n%s", type(exc).__name__, frames)
