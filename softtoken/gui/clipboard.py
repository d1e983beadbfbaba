"""Copying a passcode: kept out of clipboard history, and cleared again.

The hints are the ones KeePassXC uses: KDE's ``x-kde-passwordManagerHint``,
Windows' ``ExcludeClipboardContentFromMonitorProcessing`` and macOS'
concealed type. The clipboard is cleared after the policy's delay (30 s by
default) unless something else was copied meanwhile, and on quit.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QGuiApplication

from softtoken.core.digest import sha256


def _digest(text: str) -> bytes:
    return sha256(text.encode("utf-8"))


class SecretClipboard(QObject):
    def __init__(self, clear_after_seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ours: bytes | None = None  # a hash of what we copied, never the passcode
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(clear_after_seconds * 1000)
        self.timer.timeout.connect(self.clear_if_ours)

    def copy(self, text: str) -> None:
        mime = QMimeData()
        mime.setText(text)
        if sys.platform == "darwin":
            mime.setData("application/x-nspasteboard-concealed-type", text.encode("utf-8"))
        elif sys.platform == "win32":
            mime.setData("ExcludeClipboardContentFromMonitorProcessing", b"1")
        else:
            mime.setData("x-kde-passwordManagerHint", b"secret")
        QGuiApplication.clipboard().setMimeData(mime)
        self._ours = _digest(text)
        self.timer.start()

    def clear_if_ours(self) -> None:
        """Clear the clipboard if it still holds our passcode (not if the user copied else)."""
        self.timer.stop()
        if self._ours is None:
            return
        clipboard = QGuiApplication.clipboard()
        if _digest(clipboard.text()) == self._ours:
            clipboard.clear()
        self._ours = None
