"""Saying an outcome where Orca 43 reads it: the focused control's accessible description.

Orca speaks focus changes (role, name, description), a change of the *focused*
object's description, and alerts. It ignores name changes on labels that do not
have the focus and has no handler for AT-SPI announcement events. So an outcome
(a new passcode, the time left, "Copied") is put in the description of the
control of the page that has the focus; each control's own description comes
back when it gets the focus again (before Qt tells AT-SPI of the focus, so it is
read with the control, and the change itself is not spoken).

The token window's top-level widget is a plain QWidget (a QMainWindow costs
start-up time), which Qt exposes as a "filler": :func:`expose_as` makes it a
frame, as every other window is.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

Said = Callable[[], str]


class FocusSpeech(QObject):
    """Outcomes of one page, said through the description of its focused control."""

    def __init__(self, page: QWidget, fallback: QWidget) -> None:
        super().__init__(page)
        self._page = page
        self._fallback = fallback
        self._own: dict[QWidget, Said] = {}
        self.last = ""  # what was said last (the tests read it)

    def watch(self, widget: QWidget, own: Said | None = None) -> None:
        """``own()`` is the description ``widget`` gets back with the focus (default: its present one)."""
        base = widget.accessibleDescription()
        self._own[widget] = own or (lambda: base)
        widget.installEventFilter(self)

    def target(self) -> QWidget:
        focused = QApplication.focusWidget()
        if focused is not None and focused in self._own:
            return focused
        return self._fallback

    def say(self, text: str) -> None:
        """``text`` in the focused control's description (or the page's first control's)."""
        widget = self.target()
        self.last = text
        if widget.accessibleDescription() == text:  # unchanged: Qt sends nothing, Orca says nothing
            widget.setAccessibleDescription("")  # an empty description is never spoken
        widget.setAccessibleDescription(text)

    def reset(self) -> None:
        """Every control back to its own description (the page is left)."""
        for widget, own in self._own.items():
            widget.setAccessibleDescription(own())
        self.last = ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget) and watched in self._own:
            watched.setAccessibleDescription(self._own[watched]())
        return False


_ROLES: dict[str, str] = {}


def expose_as(class_name: str, role: str) -> None:
    """Widgets of class ``class_name`` are shown to assistive technologies with ``role``.

    ``role`` names a ``QAccessible.Role``: "Window" (a frame) for the token window,
    "StaticText" for the countdown bar (its description says the seconds; a progress
    bar's value would be read as a percentage).
    """
    first = not _ROLES
    _ROLES[class_name] = role
    if not first:
        return
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QAccessibleWidget

    def factory(key: str, obj: QObject) -> QAccessibleWidget | None:
        role = _ROLES.get(key)
        if role is not None and isinstance(obj, QWidget):
            return QAccessibleWidget(obj, getattr(QAccessible.Role, role))
        return None

    QAccessible.installFactory(factory)
