"""The clock check at start (policy ``ntp_server``): a wrong clock is the first cause of rejected passcodes.

SNTP runs on a background worker that never touches the vault, so an unlock never waits
behind it; a clock that is off is said on the token window, the check saved for the
support card.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from softtoken.core.clock import Clock
    from softtoken.core.policy import Policy

log = logging.getLogger(__name__)


def check_in_background(
    owner: QObject, policy: Policy, clock: Clock, home: Path, warn: Callable[[str], None]
) -> None:
    """Check the clock off the GUI thread; ``warn`` gets the words when it is off."""

    def work() -> object:
        from softtoken.core.clockcheck import check_clock, save_check

        result = check_clock(policy, clock)
        save_check(home, result)
        return result

    def done(result: Any) -> None:
        if result.status in ("warn", "error"):
            from .errors import core_text

            warn(core_text(result.template, result.params, fallback=result.message))

    from . import workers

    workers.run_in_background(
        work,
        done,
        lambda exc: log.warning("clock check failed: %s", exc),
        owner=owner,
        touches_vault=False,
    )
