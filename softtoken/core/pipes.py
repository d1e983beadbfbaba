"""A reader that goes away (``softtoken-cli status | head -1``) ends a command quietly.

Python ignores SIGPIPE, so writing to a pipe whose reader has exited raises
``BrokenPipeError`` wherever the write happens, and once more when the
interpreter flushes ``sys.stdout`` at exit ("Exception ignored … BrokenPipeError",
exit 120). Both command-line front ends run their ``main`` through
:func:`exit_status`: the command stops, nothing more is printed, and the exit
status is 141 (128 + SIGPIPE), what a shell reports for ``cat`` or ``yes``
stopped the same way, so ``set -o pipefail`` scripts see the usual value.
SIGPIPE itself stays ignored: its default action would also kill the help-desk
console on a socket the issuer closed.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable

EXIT_BROKEN_PIPE = 141


def exit_status(main: Callable[[], int]) -> int:
    """``main()``'s exit status, or 141 after standard output's reader went away."""
    try:
        code = main()
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        code = EXIT_BROKEN_PIPE
    if code == EXIT_BROKEN_PIPE:
        _discard_stdout()
    return code


def _discard_stdout() -> None:
    """Point standard output at the null device, so the flush at exit has nowhere to fail."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
