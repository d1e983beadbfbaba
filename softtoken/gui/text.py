"""``tr``: the translation call for module-level code (Qt Linguist files it under the "" context)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)
