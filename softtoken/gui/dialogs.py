"""Every message box, file dialog and secret prompt goes through here.

Messages are one styled dialog of our own (:class:`MessageDialog`), never Qt's
QMessageBox: an icon in its kind's colour, a title, one sentence, the action to
take, and buttons named for what they do ("Replace token", not "OK").

Tests answer them in advance with :func:`answer_next` (KeePassXC's
``MessageBox::setNextAnswer`` idea), so no test ever blocks on a modal
dialog and no test monkeypatches Qt.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLineEdit, QWidget

from .text import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPushButton

    from .style import Role

_answers: deque[tuple[str, Any]] = deque()
shown: list[tuple[str, str]] = []  # (kind, text) of dialogs, recorded only once tests call reset()
_recording = False


def answer_next(kind: str, value: Any) -> None:
    """Preload the answer of the next dialog of ``kind``: "question", "file", "secret", "info", "pin"."""
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


# ---------------------------------------------------------------------------- the one dialog

ICON_SIZE = 32  # logical pixels


def _kinds() -> dict[str, tuple[str, Role, Callable[[], str]]]:
    """kind: (icon, its colour, what a screen reader calls the icon)."""
    from .style import Role

    def said(word: str) -> Callable[[], str]:
        return lambda: QCoreApplication.translate("Dialogs", word)

    return {
        "info": ("info", Role.ACCENT, said("Information")),
        "warning": ("warning", Role.WARNING, said("Warning")),
        "error": ("error", Role.DANGER, said("Error")),
        "question": ("help", Role.ACCENT, said("Question")),
        "danger": ("warning", Role.DANGER, said("Warning")),  # a question whose choice cannot be undone
        "pin": ("lock", Role.ACCENT, said("PIN")),
    }


KINDS = ("info", "warning", "error", "question", "danger", "pin")


def _plain(label: str) -> str:
    """A button's text as said: its mnemonic "&" left out, a doubled "&&" one "&"."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


class MessageDialog(QDialog):
    """Icon, title, one sentence, an optional action line, and named buttons.

    ``buttons`` are in the order shown; ``default`` is the primary one (Enter),
    ``cancel`` the one Escape and closing the window choose. :meth:`chosen` is
    the index of the button chosen. With ``kind="danger"`` the buttons that are
    not the cancel are styled "danger". Text is always plain (a token name is
    never rich text) and wrapped between words.
    """

    def __init__(
        self,
        kind: str,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        action: str = "",
        buttons: Sequence[str] = (),
        default: int = 0,
        cancel: int = -1,
    ) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

        from .icons import IconLabel
        from .style import MessageText, Space, Type, set_role, set_type

        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"unknown dialog kind {kind!r}")
        labels = list(buttons) or [tr("Close")]
        self.kind = kind
        self._default = default % len(labels)
        self._cancel = cancel % len(labels)
        self._chosen: int | None = None
        self.setObjectName("messageDialog")
        self.setWindowTitle(title)
        self.setWindowIcon(QApplication.windowIcon())
        self.setAccessibleDescription(f"{text} {action}".strip())  # as written, for screen readers

        outer = QVBoxLayout(self)
        outer.setContentsMargins(Space.XL, Space.XL, Space.XL, Space.L)
        outer.setSpacing(Space.XL)
        top = QHBoxLayout()
        top.setSpacing(Space.L)
        icon_name, role, spoken = _kinds()[kind]
        self.icon_label = IconLabel(icon_name, ICON_SIZE, role, spoken())
        self.icon_label.setObjectName("messageIcon")
        top.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        self.body = QVBoxLayout()  # the PIN dialog adds its field here
        self.body.setSpacing(Space.S)
        self.title_label = QLabel(title, self)
        self.title_label.setObjectName("messageTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        set_type(self.title_label, Type.TITLE)
        self.text_label = MessageText(self)
        self.text_label.setObjectName("messageText")
        self.text_label.setText(text)
        columns = self.text_label.fontMetrics().averageCharWidth()
        self.text_label.setMinimumWidth(columns * 44)  # a readable measure, not Qt's narrow box
        self.action_label = MessageText(self)
        self.action_label.setObjectName("messageAction")
        self.action_label.setText(action)
        set_type(self.action_label, Type.STRONG)
        self.action_label.setVisible(bool(action))
        for widget in (self.title_label, self.text_label, self.action_label):
            self.body.addWidget(widget)
        top.addLayout(self.body, 1)
        outer.addLayout(top)

        row = QHBoxLayout()
        row.setSpacing(Space.S)
        row.addStretch(1)
        self._buttons: list[QPushButton] = []
        for index, label in enumerate(labels):
            button = QPushButton(label, self)
            button.setAccessibleName(_plain(label))
            button.setObjectName(f"messageButton{index}")
            button.clicked.connect(self._clicked)  # a bound method: a lambda holding self is a cycle
            set_role(button, self._role_of(index))
            row.addWidget(button)
            self._buttons.append(button)
        outer.addLayout(row)
        chosen_first = self._buttons[self._default]
        chosen_first.setDefault(True)
        chosen_first.setFocus()

    def _role_of(self, index: int) -> str:
        if self.kind == "danger" and index != self._cancel:
            return "danger"
        return "primary" if index == self._default else "secondary"

    def buttons(self) -> list[QPushButton]:
        """The buttons, in the order given."""
        return list(self._buttons)

    def chosen(self) -> int:
        """The index of the button chosen (Escape, or closing the window: the cancel); -1 if still open."""
        return -1 if self._chosen is None else self._chosen

    def clickedButton(self) -> QPushButton | None:  # as QMessageBox's, for tests
        return None if self._chosen is None else self._buttons[self._chosen]

    def _clicked(self) -> None:
        button = self.sender()
        if button in self._buttons:
            self._choose(self._buttons.index(button))

    def _choose(self, index: int) -> None:
        self._chosen = index
        if index == self._cancel:
            self.reject()
        else:
            self.accept()

    def reject(self) -> None:
        if self._chosen is None:  # Escape, or the window closed: the safe choice
            self._chosen = self._cancel
        super().reject()

    def add_field(self, widget: QWidget) -> None:
        """A field under the text (the PIN dialog's), the text its label."""
        self.body.addSpacing(self.body.spacing())
        self.body.addWidget(widget)


def message_box(
    kind: str, parent: QWidget | None, title: str, text: str, *, action: str = "", button: str = ""
) -> MessageDialog:
    """A message with one button (``button``, or "Close"); shows ``text`` as typed."""
    return MessageDialog(kind, parent, title, text, action=action, buttons=[button] if button else ())


def _tell(kind: str, parent: QWidget | None, title: str, text: str, action: str, button: str) -> None:
    found, _ = _preloaded("info", text)
    if not found:
        box = message_box(kind, parent, title, text, action=action, button=button)
        box.exec()
        box.deleteLater()


def info(parent: QWidget | None, title: str, text: str, *, action: str = "", button: str = "") -> None:
    _tell("info", parent, title, text, action, button)


_notices: list[MessageDialog] = []  # open notices, kept until closed


def notice(parent: QWidget | None, title: str, text: str, *, action: str = "", button: str = "") -> None:
    """Tell something that happened in the background without stopping the app (no nested loop).

    Tests see it as an "info" dialog: preload ``answer_next("info", None)``.
    """
    found, _ = _preloaded("info", text)
    if found:
        return
    from PySide6.QtCore import Qt

    box = message_box("info", parent, title, text, action=action, button=button)
    box.setObjectName("noticeBox")
    box.setModal(False)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    _notices.append(box)
    box.finished.connect(lambda _result: _notices.remove(box) if box in _notices else None)
    box.show()


def error(parent: QWidget | None, title: str, text: str, *, action: str = "", button: str = "") -> None:
    _tell("error", parent, title, text, action, button)


def question(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: list[str],
    default: int = 0,
    cancel: int = -1,
    *,
    action: str = "",
    kind: str = "question",
) -> int:
    """Ask with named buttons; return the index of the one chosen.

    Escape (and closing the box) chooses ``cancel``, the safe choice: by default the
    last button, as every question here ends with "Cancel". ``kind`` is "question",
    "warning" or "danger" (a choice that cannot be undone: its buttons look so).
    """
    if kind not in ("question", "warning", "danger"):
        raise ValueError(f"unknown question kind {kind!r}")
    found, value = _preloaded("question", text)
    if found:
        return int(value)
    box = MessageDialog(
        kind, parent, title, text, action=action, buttons=buttons, default=default, cancel=cancel
    )
    box.exec()
    choice = box.chosen()
    box.deleteLater()
    return choice


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


class PinDialog(MessageDialog):
    """The PIN dialog: the lock, the title, the text, a :class:`~softtoken.gui.pin_field.PinField`."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        label: str,
        length: int,
        *,
        confirm: str = "",
        cancel: str = "",
    ) -> None:
        from .pin_field import PinField

        buttons = [confirm or tr("Continue"), cancel or tr("Cancel")]
        super().__init__("pin", parent, title, label, buttons=buttons, cancel=1)
        self.setObjectName("pinDialog")
        self.field = PinField(length, self)
        self.field.setObjectName("pinDialogField")
        self.field.setAccessibleName(tr("Token PIN"))
        self.add_field(self.field)
        self.text_label.setBuddy(self.field)
        self.field.setFocus()


def pin(
    parent: QWidget | None, title: str, label: str, length: int, *, confirm: str = "", cancel: str = ""
) -> str | None:
    """A token's PIN asked in a dialog of its own (Token > Move into the security chip).

    Typed into a :class:`~softtoken.gui.pin_field.PinField` like every PIN, never a
    QInputDialog (whose field offers selection and copy). ``confirm`` names the
    button that goes on ("Move into the chip"). None when cancelled.
    """
    found, value = _preloaded("pin", label)
    if found:
        return None if value is None else str(value)
    box = PinDialog(parent, title, label, length, confirm=confirm, cancel=cancel)
    accepted = box.exec() == QDialog.DialogCode.Accepted
    typed = box.field.pin()
    box.field.clear()
    box.deleteLater()
    return typed if accepted and typed else None
