"""Every message box, file dialog and secret prompt goes through here.

Tests answer them in advance with :func:`answer_next` (KeePassXC's
``MessageBox::setNextAnswer`` idea), so no test ever blocks on a modal
dialog and no test monkeypatches Qt.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

_answers: deque[tuple[str, Any]] = deque()
shown: list[tuple[str, str]] = []  # (kind, text) of dialogs, recorded only once tests call reset()
_recording = False


def answer_next(kind: str, value: Any) -> None:
    """Preload the answer of the next dialog of ``kind``: "question", "file", "secret", "info"."""
    _answers.append((kind, value))


def reset() -> None:
    """Start (or restart) recording for a test; the app itself never records what it showed."""
    global _recording  # noqa: PLW0603 - a test seam, off in the app
    _answers.clear()
    shown.clear()
    _recording = True


def _preloaded(kind: str, text: str) -> tuple[bool, Any]:
    if _recording:
        shown.append((kind, text))
    if _answers:
        expected, value = _answers.popleft()
        if expected != kind:
            raise AssertionError(f"a {kind} dialog opened while a {expected} answer was waiting: {text}")
        return True, value
    return False, None


def message_box(icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A message box that shows ``text`` as typed (token names are never Qt rich text)."""
    from PySide6.QtCore import Qt

    from .style import wrap_between_words

    box = QMessageBox(icon, title, wrap_between_words(text), QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAccessibleDescription(text)  # as written, for screen readers
    _name_icon(box, icon)
    return box


def _name_icon(box: QMessageBox, icon: QMessageBox.Icon) -> None:
    """The box's icon is an image a screen reader would call unnamed: it says what kind of box it is."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QLabel

    names = {
        QMessageBox.Icon.Information: QCoreApplication.translate("Dialogs", "Information"),
        QMessageBox.Icon.Warning: QCoreApplication.translate("Dialogs", "Warning"),
        QMessageBox.Icon.Question: QCoreApplication.translate("Dialogs", "Question"),
    }
    label = box.findChild(QLabel, "qt_msgboxex_icon_label")  # Qt's name for it (qmessagebox.cpp)
    if label is not None and icon in names:
        label.setAccessibleName(names[icon])


def _tell(icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str) -> None:
    found, _ = _preloaded("info", text)
    if not found:
        box = message_box(icon, parent, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()


def info(parent: QWidget | None, title: str, text: str) -> None:
    _tell(QMessageBox.Icon.Information, parent, title, text)


_notices: list[QMessageBox] = []  # open notices, kept until closed


def notice(parent: QWidget | None, title: str, text: str) -> None:
    """Tell something that happened in the background without stopping the app (no nested loop).

    Tests see it as an "info" dialog: preload ``answer_next("info", None)``.
    """
    found, _ = _preloaded("info", text)
    if found:
        return
    from PySide6.QtCore import Qt

    box = message_box(QMessageBox.Icon.Information, parent, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("noticeBox")
    box.setModal(False)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    _notices.append(box)
    box.finished.connect(lambda _result: _notices.remove(box) if box in _notices else None)
    box.show()


def error(parent: QWidget | None, title: str, text: str) -> None:
    _tell(QMessageBox.Icon.Warning, parent, title, text)


def question(
    parent: QWidget | None, title: str, text: str, buttons: list[str], default: int = 0, cancel: int = -1
) -> int:
    """Ask with named buttons; return the index of the one chosen.

    Escape (and closing the box) chooses ``cancel``, the safe choice: by default the
    last button, as every question here ends with "Cancel".
    """
    found, value = _preloaded("question", text)
    if found:
        return int(value)
    box = message_box(QMessageBox.Icon.Question, parent, title, text)
    made = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole) for label in buttons]
    box.setDefaultButton(made[default])
    box.setEscapeButton(made[cancel])
    box.exec()
    clicked = box.clickedButton()
    return made.index(clicked) if clicked in made else -1


def open_file(parent: QWidget | None, title: str, name_filter: str) -> str | None:
    found, value = _preloaded("file", title)
    if found:
        return str(value) if value else None
    path, _ = QFileDialog.getOpenFileName(parent, title, "", name_filter)
    return path or None


def save_file(parent: QWidget | None, title: str, name_filter: str, suggested: str = "") -> str | None:
    found, value = _preloaded("file", title)
    if found:
        return str(value) if value else None
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, name_filter)
    return path or None


def secret(parent: QWidget | None, title: str, label: str) -> str | None:
    """A masked one-line prompt (PSKC passwords). None when cancelled."""
    found, value = _preloaded("secret", label)
    if found:
        return None if value is None else str(value)
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    return text if ok else None


def pin(parent: QWidget | None, title: str, label: str, length: int) -> str | None:
    """A token's PIN asked in a dialog of its own (Token > Move into the security chip).

    Typed into a :class:`~softtoken.gui.pin_field.PinField` like every PIN, never a
    QInputDialog (whose field offers selection and copy). None when cancelled.
    """
    found, value = _preloaded("pin", label)
    if found:
        return None if value is None else str(value)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

    from .pin_field import PinField

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    text = QLabel(label, dialog)
    text.setTextFormat(Qt.TextFormat.PlainText)
    text.setWordWrap(True)
    field = PinField(length, dialog)
    text.setBuddy(field)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    for widget in (text, field, buttons):
        layout.addWidget(widget)
    field.setFocus()
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    typed = field.pin()
    field.clear()
    dialog.deleteLater()
    return typed if accepted and typed else None
