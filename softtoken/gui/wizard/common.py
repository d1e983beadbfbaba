"""What the activation and replacement wizards' pages share: labels, problem lines, token summaries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget, QWizard, QWizardPage

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QFrame

    from softtoken.core.token import TokenDescription

    from ..style import Role

translate = QCoreApplication.translate  # Qt Linguist finds translate("Context", "…") calls

# Not QKeySequence.StandardKey.Quit: Windows (and Qt's offscreen platform) bind nothing to it.
# Qt reads "Ctrl" as Cmd on macOS.
QUIT_KEYS = "Ctrl+Q"


def add_quit_shortcut(window: QWidget, quit_app: Callable[[], None]) -> None:
    """Ctrl+Q in this window ends the app, as the token window's Token ▸ Quit."""
    from PySide6.QtGui import QAction, QKeySequence

    action = QAction(window)
    action.setShortcut(QKeySequence(QUIT_KEYS))
    action.triggered.connect(quit_app)
    window.addAction(action)


def digits_in_words(n: int) -> str:
    """Say "four-digit" as the help center does, not "4-digit"."""
    words = {
        4: translate("ActivationWizard", "four"),
        5: translate("ActivationWizard", "five"),
        6: translate("ActivationWizard", "six"),
        7: translate("ActivationWizard", "seven"),
        8: translate("ActivationWizard", "eight"),
    }
    return words.get(n, str(n))


def name_header_logo(wizard: QWizard) -> None:
    """QWizard's header holds a logo image (empty unless set) that screen readers call unnamed.

    Qt makes the header when the wizard is first laid out: the wizard calls this on each page.
    The pages' own labels (empty until filled) are told apart by asking the pages, not by
    walking up from each label: the parents are Qt's own widgets, and the first one handed
    to Python makes PySide build a type for every widget class Qt has (see gui/scroll_area.py).
    """
    in_pages: set[QLabel] = set()
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        if page is not None:
            in_pages.update(page.findChildren(QLabel))
    for label in wizard.findChildren(QLabel):
        if label.text() or label.accessibleName() or label in in_pages:
            continue
        label.setAccessibleName("softtoken")  # the app's name, a proper name: not translated


# --------------------------------------------------------------------------- shared widgets


def problem_label(parent: QWidget, icon: str = "warning") -> QLabel:
    """The inline problem line every page has: an icon and plain words in the danger tone, wrapped.

    The label (objectName "problemLabel") is what callers keep; its row (``label.row``,
    the icon and the label) is what they lay out, directly under the field it is about.
    The icon is drawn when the row is made: make rows after the first paint.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFrame, QHBoxLayout

    from ..style import MessageText, Role, Space, set_tone
    from .frame import _icon_label

    row = QFrame(parent)
    row.setObjectName("problemRow")
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(Space.S)
    mark = _icon_label(icon, Space.L, Role.DANGER, translate("ActivationWizard", "Problem"), row)
    mark.setObjectName("problemIcon")
    line.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
    label = MessageText(row)
    label.setObjectName("problemLabel")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setAccessibleName(translate("ActivationWizard", "Problem"))
    set_tone(label, Role.DANGER)
    line.addWidget(label, 1)
    label.row = row  # type: ignore[attr-defined]
    label.hide()
    row.hide()
    return label


def notice_row(
    text: str, parent: QWidget, name: str, icon: str = "warning", role: Role | None = None
) -> QFrame:
    """A paragraph that warns (or says a success): an icon and the words in ``role``'s tone.

    The row (objectName ``name``) is what is laid out; ``row.label`` holds the words.
    Made after the first paint (the icon).
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFrame, QHBoxLayout

    from ..icons import describe
    from ..style import MessageText, Role, Space, set_tone
    from .frame import _icon_label

    tone = role if role is not None else Role.WARNING
    row = QFrame(parent)
    row.setObjectName(name)
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(Space.S)
    mark = _icon_label(icon, Space.L, tone, describe(icon), row)
    line.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
    label = MessageText(row)
    label.setObjectName(name + "Text")
    label.setText(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    set_tone(label, tone)
    line.addWidget(label, 1)
    row.label = label  # type: ignore[attr-defined]
    return row


def problem_row(label: QLabel) -> QWidget:
    """What to lay out for a :func:`problem_label`: its row (icon and words)."""
    row = getattr(label, "row", None)
    return row if isinstance(row, QWidget) else label


def show_problem(label: QLabel, text: str, field: QWidget | None = None, help_text: str = "") -> None:
    label.setText(text)
    label.setAccessibleDescription(text)
    label.setVisible(bool(text))
    row = problem_row(label)
    if row is not label:
        row.setVisible(bool(text))
    if field is not None:  # a screen reader reads the reason with the field
        field.setAccessibleDescription(text or help_text)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?:;" else text + "."


def page_words(page: QWizardPage, *more: str) -> str:
    """What a screen reader says when ``page`` opens: its step, title, subtitle and ``more`` (its intro).

    Orca speaks a focused control's name and description, not a wizard's header: the page
    gives these words to the control that takes the focus first, as its description. The
    step ("Step 2 of 4.") is the rail's (frame.py), which numbers the pages of the path taken.
    """
    step = getattr(page, "step", None)
    where = ""
    if step is not None:
        where = translate("WizardFrame", "Step {number} of {count}").format(number=step[0], count=step[1])
    parts = (where, page.title(), page.subTitle(), *more)
    return " ".join(_sentence(part) for part in parts if part.strip())


def page_paragraphs(page: QWizardPage) -> list[str]:
    """The texts of the page's own visible labels, in layout order (a final page's words)."""
    from PySide6.QtWidgets import QLayout

    layout = page.layout()
    texts: list[str] = []
    if not isinstance(layout, QLayout):
        return texts
    for index in range(layout.count()):
        item = layout.itemAt(index)
        widget = item.widget() if item is not None else None
        if isinstance(widget, QLabel) and widget.isVisible() and widget.text().strip():
            texts.append(widget.text())
        elif widget is not None and widget.objectName() == "problemRow" and widget.isVisible():
            texts.append(problem_text(widget))
        elif widget is not None and isinstance(getattr(widget, "label", None), QLabel) and widget.isVisible():
            texts.append(widget.label.text())  # type: ignore[attr-defined]  # a notice_row
    return texts


def problem_text(row: QWidget) -> str:
    label = row.findChild(QLabel, "problemLabel")
    return label.text() if label is not None else ""


def text_label(text: str, parent: QWidget, *, rich: bool = False) -> QLabel:
    from PySide6.QtCore import Qt

    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    return label


def token_choice_label(token: TokenDescription) -> str:
    """How one token of several is told apart in the choice list: who, which account, which serial."""
    parts = [" ".join(part.split())[:40] for part in (token.issuer, token.account, token.serial)]
    kind = "TOTP" if token.type.value == "totp" else "HOTP"
    return f"{' · '.join(part for part in parts if part) or token.suggested_name()} ({kind})"


def describe_token(token: TokenDescription) -> str:
    """One line about a token for the prescriber to check: never the seed; a missing serial is said."""
    from softtoken.core.otp import TokenType

    if token.type is TokenType.TOTP:
        kind = translate(
            "ActivationWizard", "time-based token (TOTP), a new {digits}-digit code every {period} seconds"
        ).format(digits=token.digits, period=token.period)
    else:
        kind = translate("ActivationWizard", "counter-based token (HOTP), {digits}-digit codes")
        kind = kind.format(digits=token.digits)
    details = []
    if token.issuer:
        details.append(translate("ActivationWizard", "issuer {issuer}").format(issuer=token.issuer[:60]))
    if token.account:
        details.append(translate("ActivationWizard", "account {account}").format(account=token.account[:60]))
    if token.serial:
        details.append(translate("ActivationWizard", "serial {serial}").format(serial=token.serial[:64]))
    line = kind
    if details:
        line = translate("ActivationWizard", "{kind}; {details}")
        line = line.format(kind=kind, details=", ".join(details))
    if not token.serial:  # said, not implied: a mail that cut the link may have lost it
        note = translate(
            "ActivationWizard", "not linked to an issuer serial — ask your help desk if they expect one"
        )
        line = translate("ActivationWizard", "{kind}; {details}").format(kind=line, details=note)
    if token.two_step is not None:
        line += " " + translate(
            "ActivationWizard",
            "(two-step activation: at the end you get a code to type into the issuer's page)",
        )
    return line
