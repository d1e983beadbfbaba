"""Busy, empty and error states, designed rather than left as a bare label.

:class:`Spinner` is a painted arc that turns while Argon2 or the TPM works. Its
timer runs only while it is started *and* visible, so a spinner on a hidden page
(or a minimised window) costs no CPU. :class:`StateView` is the centred column
a screen shows instead of its content: "Opening your tokens…" with a spinner,
"No token on this workstation yet" with an icon and one action, or a problem.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QWidget

from .text import tr

if TYPE_CHECKING:
    from PySide6.QtGui import QHideEvent, QPaintEvent, QShowEvent

    from .style import Role

from .icons import IconLabel

__all__ = ["Spinner", "StateView"]


class Spinner(QProgressBar):
    """A turning arc in the accent colour; an indeterminate progress bar to screen readers ("Working").

    A QProgressBar underneath only for its accessible role (a busy progress bar);
    it paints itself, so the style's own busy animation never runs.
    """

    FPS = 12
    STEP = 30  # degrees a frame

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QSizePolicy

        super().__init__(parent)
        self.setObjectName("spinner")
        self.setRange(0, 0)  # busy: no value to say
        self.setTextVisible(False)
        self.setAccessibleName(tr("Working"))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._started = False
        self._angle = 90
        self._timer = QTimer(self)
        self._timer.setInterval(1000 // self.FPS)
        self._timer.timeout.connect(self._turn)

    def sizeHint(self) -> QSize:
        side = max(16, min(24, self.fontMetrics().height() + 4))
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        return QSize(16, 16)

    def start(self) -> None:
        self._started = True
        self._run(self.isVisible())

    def stop(self) -> None:
        self._started = False
        self._run(False)

    def running(self) -> bool:
        """Started (it turns whenever it is visible)."""
        return self._started

    def turning(self) -> bool:
        """Its timer runs now: started and visible."""
        return self._timer.isActive()

    def _run(self, on: bool) -> None:
        if on and not self._timer.isActive():
            self._timer.start()
        elif not on and self._timer.isActive():
            self._timer.stop()
        self.update()

    def _turn(self) -> None:
        self._angle = (self._angle - self.STEP) % 360
        self.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._run(self._started)

    def hideEvent(self, event: QHideEvent) -> None:
        self._run(False)  # hidden, its page hidden, or the window minimised
        super().hideEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QPainter, QPen

        from .style import Role, color

        side = min(self.width(), self.height())
        width = max(2.0, side / 8)
        box = QRectF(0, 0, side, side).adjusted(width / 2, width / 2, -width / 2, -width / 2)
        box.moveCenter(QRectF(self.rect()).center())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = QPen(color(self, Role.BORDER), width)
        painter.setPen(track)
        painter.drawEllipse(box)
        arc = QPen(color(self, Role.ACCENT), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(arc)
        painter.drawArc(box, self._angle * 16, -100 * 16)  # Qt's angles are 1/16 of a degree
        painter.end()


class StateView(QWidget):
    """A centred column: a spinner or an icon, a title, a muted sentence and an optional action."""

    action_clicked = Signal()
    ICON_SIZE = 48

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

        from .style import MessageText, Role, Space, Type, set_role, set_tone, set_type

        super().__init__(parent)
        self.setObjectName("stateView")
        self.mode = ""  # "busy", "empty" or "error"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.XL, Space.XL, Space.XL, Space.XL)
        layout.setSpacing(Space.M)
        layout.addStretch(1)
        self._picture = QHBoxLayout()
        self._picture.setContentsMargins(0, 0, 0, Space.S)
        self.spinner = Spinner(self)
        self.spinner.setFixedSize(Space.XXL, Space.XXL)  # a state's picture: larger than a button's spinner
        self.spinner.hide()
        self._picture.addWidget(self.spinner, 0, Qt.AlignmentFlag.AlignCenter)
        self.icon: QLabel | None = None
        layout.addLayout(self._picture)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("stateTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        set_type(self.title_label, Type.HEADING)
        self.text_label = MessageText(self)
        self.text_label.setObjectName("stateText")
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        set_tone(self.text_label, Role.MUTED)
        self.action_button = QPushButton(self)
        self.action_button.setObjectName("stateAction")
        set_role(self.action_button, "primary")
        self.action_button.clicked.connect(self.action_clicked)
        self.action_button.hide()
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_label)
        layout.addSpacing(Space.S)
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    # ------------------------------------------------------------------ the three states

    def show_busy(self, title: str, text: str = "") -> None:
        """Work under way ("Checking your PIN…"): the spinner turns while the view is shown."""
        self._set_picture(None)
        self.spinner.show()
        self.spinner.start()
        self._say("busy", title, text, "")

    def show_empty(self, icon: str, title: str, text: str = "", action: str = "") -> None:
        """Nothing to show yet ("No token on this workstation yet"), with the one thing to do."""
        from .style import Role

        self._set_picture(icon, Role.MUTED, QCoreApplication.translate("Dialogs", "Information"))
        self._say("empty", title, text, action)

    def show_error(self, title: str, text: str, action: str = "") -> None:
        """Something went wrong: what, and (``action``) the way out."""
        from .style import Role

        self._set_picture("error", Role.DANGER, QCoreApplication.translate("Dialogs", "Error"))
        self._say("error", title, text, action)

    def title_text(self) -> str:
        return self.title_label.text()

    # ------------------------------------------------------------------ inside

    def _set_picture(self, name: str | None, role: Role | None = None, accessible: str = "") -> None:
        self.spinner.stop()
        self.spinner.hide()
        if self.icon is not None:
            self._picture.removeWidget(self.icon)
            self.icon.deleteLater()
            self.icon = None
        if name is not None:
            self.icon = IconLabel(name, self.ICON_SIZE, role, accessible)
            self.icon.setObjectName("stateIcon")
            self._picture.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignCenter)
            self.icon.show()  # now, not once the event loop runs (a layout shows new children later)

    def _say(self, mode: str, title: str, text: str, action: str) -> None:
        self.mode = mode
        self.title_label.setText(title)
        self.text_label.setText(text)
        self.text_label.setVisible(bool(text))
        self.action_button.setText(action)
        self.action_button.setAccessibleName(action.replace("&&", "\0").replace("&", "").replace("\0", "&"))
        self.action_button.setVisible(bool(action))
        self.setAccessibleName(title)
        self.setAccessibleDescription(f"{title} {text}".strip())
