"""Scroll areas whose viewport Python made: reading Qt's own costs about 1 MB.

The first time Python is handed a widget that Qt made itself (a scroll area's
viewport, say), PySide has to find out which class it is, and to do so it makes
the Python type of every QWidget subclass Qt has (about 70, QCalendarWidget and
QMdiArea included) with their enums: about 1 MB held for the session, in a token
window that needs none of them (docs/performance.md, issue 16). A viewport made
here already has its Python object, so asking for it costs nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def own_viewport(area: QAbstractScrollArea) -> QWidget:
    """Give ``area`` a viewport made in Python, set up as Qt sets up its own (before anything asks)."""
    from PySide6.QtGui import QPalette

    viewport = QWidget(area)
    viewport.setObjectName("qt_scrollarea_viewport")  # the name the style sheet's style looks for
    viewport.setBackgroundRole(QPalette.ColorRole.NoRole)  # as QScrollArea's
    viewport.setAutoFillBackground(True)
    area.setViewport(viewport)
    return viewport
