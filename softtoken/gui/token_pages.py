"""The line that says a token's serial and state, shared by the token window's pages.

The token window's pages are built right after its first paint (see
token_window.py), so that start-up pays only for an empty window: the list
of tokens (token_list.py), the PIN (pin_page.py), the passcode
(code_page.py), and the disabled token and unreadable vault (trouble_pages.py).
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime

from softtoken.core.vault.vault import TokenStatus

from .text import tr


def local_hhmm(ts: float) -> str:
    return QDateTime.fromSecsSinceEpoch(int(ts)).toString("HH:mm")


def state_line(status: TokenStatus, now: float) -> str:
    serial = tr("Serial {serial}").format(serial=status.serial) if status.serial else tr("No serial")
    if status.state == "disabled":
        state = tr("disabled")
    elif now < status.sync_until:
        state = tr("waiting for network sync until {time}").format(time=local_hhmm(status.sync_until))
    else:
        state = tr("ready")
    level = tr("key in the TPM security chip") if status.protection == "tpm" else tr("key in software")
    return f"{serial} · {state} · {level}"
