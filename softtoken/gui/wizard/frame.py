"""The wizards' one frame: a step rail on the left, each page's own heading, primary and secondary buttons.

QWizard's classic header (a bold line and a subtitle on a banner) looks like an
old installer. Pages here are :class:`FramedPage`: ``setTitle``/``setSubTitle``
keep their words for Python callers (``page_words``, tests) but show them in the
page's own heading (``Type.TITLE``), so QWizard itself sees no title and draws no
header. The rail (:class:`StepRail`, QWizard's side widget) says where the
prescriber is: "1 Link · 2 Name · 3 PIN · 4 Done", the current step in the
accent colour, steps done with a check, the others muted. It is a side widget,
not a top bar: QWizard has no place above its pages, and a left column of short
words costs less height than a bar, which 1024×768 at scale 2 has least of.

Nothing here draws an icon before the first paint (the rail's icons are
IconLabels, which wait for it, and draw again when repainted in a new theme), nor
re-polishes a widget (QStyle.polish builds Qt's enum namespace, ~15 ms): until
then the rail and the buttons get their style-sheet properties before their first
polish, which applies them. The activation wizard calls
:meth:`StepRail.show_icons` once it painted; the other wizards at once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget, QWizardPage

from ..style import Role, Space, Type, font, set_role, set_tone, set_type

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWizard

    from ..icons import IconLabel

translate = QCoreApplication.translate
CONTEXT = "WizardFrame"
RAIL_ICON = 20  # logical pixels: a step's icon
HEADING_ICON = 48  # the Done page's success mark


# Every step name a wizard shows (the rail is as wide as the widest); each is also a literal
# translate(CONTEXT, …) where its Step is made, which is what Qt Linguist finds.
STEP_NAMES: tuple[str, ...] = (
    "Link",
    "Name",
    "PIN",
    "Done",
    "Why",
    "Move",
    "Remove",
)


class Step(NamedTuple):
    """One step of the rail: its short name, its icon and the wizard's page ids it covers."""

    label: str
    icon: str
    pages: tuple[int, ...]


def _icon_label(name: str, size: int, role: Role | None, accessible: str, parent: QWidget) -> IconLabel:
    from ..icons import IconLabel  # here: the icons module is not needed before the first paint

    label = IconLabel(name, size, role, accessible)
    label.setParent(parent)
    return label


class FramedPage(QWizardPage):
    """A wizard page that shows its title and subtitle itself, under the rail's step.

    ``title()``/``subTitle()`` are this page's (QWizard's stay empty, so it draws
    no header); ``step`` is (number, count) once the wizard's rail placed it.
    """

    def __init__(self, parent: QWidget | None = None, *, plain: bool = True) -> None:
        """``plain=False``: the first paint's page; :meth:`plain_text` is called after it."""
        super().__init__(parent)
        self._title = ""
        self._subtitle = ""
        self.step: tuple[int, int] | None = None
        self.forward_role = "primary"  # "danger": the wizard's Next/Commit cannot be undone
        self.header = QWidget(self)
        self.header.setObjectName("pageHeader")
        self.heading = QLabel(self.header)
        self.heading.setObjectName("pageHeading")
        self.heading.setWordWrap(True)
        set_type(self.heading, Type.TITLE)
        self.subheading = QLabel(self.header)
        self.subheading.setObjectName("pageSubtitle")
        self.subheading.setWordWrap(True)
        self.subheading.hide()
        self._words = QVBoxLayout()
        self._words.setContentsMargins(0, 0, 0, 0)
        self._words.setSpacing(Space.XS)
        self._words.addWidget(self.heading)
        self._words.addWidget(self.subheading)
        self._row = QHBoxLayout(self.header)
        self._row.setContentsMargins(0, 0, 0, Space.S)
        self._row.setSpacing(Space.M)
        self._row.addLayout(self._words, 1)
        self.heading_icon: IconLabel | None = None
        self._placed = False
        if plain:
            self.plain_text()

    def plain_text(self) -> None:
        """Titles are shown as written (a token's name may hold "<")."""
        from PySide6.QtCore import Qt

        for label in (self.heading, self.subheading):
            label.setTextFormat(Qt.TextFormat.PlainText)

    # Python callers (and page_words) read these; QWizard's own title stays empty: no header.
    def setTitle(self, title: str) -> None:
        self._title = title
        self.heading.setText(title)

    def title(self) -> str:
        return self._title

    def setSubTitle(self, subTitle: str) -> None:
        self._subtitle = subTitle
        self.subheading.setText(subTitle)
        self.subheading.setVisible(bool(subTitle))

    def subTitle(self) -> str:
        return self._subtitle

    def set_heading_icon(self, name: str, role: Role | None = None, accessible: str = "") -> None:
        """A large icon left of the heading (the Done page's success mark); after the first paint."""
        if self.heading_icon is None:
            self.heading_icon = _icon_label(name, HEADING_ICON, role, accessible, self.header)
            self.heading_icon.setObjectName("pageHeadingIcon")
            self._row.insertWidget(0, self.heading_icon)
        else:
            self.heading_icon.set_icon(name, role)

    def content_index(self) -> int:
        """Where the page's own first widget is in its layout (after the heading)."""
        self.place_heading()
        return 1 if self._placed else 0

    def place_heading(self) -> None:
        """Put the heading at the top of the page's layout (once it has one).

        The rail calls this for every page of its wizard whenever it follows it (pages are set
        before that), not an ``event()`` override: with one, every event a page gets went
        through Python, and PySide made a Python type for each kind of event it saw (~0.2 MB).
        """
        layout = self.layout()
        if self._placed or not isinstance(layout, QBoxLayout):
            return
        layout.insertWidget(0, self.header)
        self._placed = True


@cache
def _spanish_step_names() -> frozenset[str]:
    """The step names in English and Spanish, read once from the catalog file (not per wizard)."""
    from PySide6.QtCore import QTranslator

    from ..i18n import COMPILED

    spanish = QTranslator()
    spanish.load(str(COMPILED / "softtoken_es.qm"))
    return frozenset(word for name in STEP_NAMES for word in (name, spanish.translate(CONTEXT, name) or name))


class StepRail(QFrame):
    """The wizard's steps, one a line: number, icon and short name; the current one stands out."""

    def __init__(self, wizard: QWizard, steps: Callable[[], list[Step]]) -> None:
        super().__init__(wizard)
        self.setObjectName("stepRail")
        self.setAccessibleName(translate(CONTEXT, "Steps"))
        self._wizard = wizard
        self._steps = steps
        self._icons = False
        self._shown: list[Step] = []
        self.rows: list[tuple[IconLabel, QLabel]] = []  # (icon, text) per step
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(Space.L, Space.L, Space.L, Space.L)
        self._layout.setSpacing(Space.M)
        self._layout.addStretch(1)
        self.setFixedWidth(self._width())  # every page's content starts at the same x

    def _width(self) -> int:
        """As wide as the widest step name, English or Spanish, current (bold): one width for all.

        The Spanish names come from the catalog file itself, not the installed translator, so
        an English wizard is as wide as a Spanish one.
        """
        from PySide6.QtGui import QFontMetrics

        words = {translate(CONTEXT, name) for name in STEP_NAMES} | _spanish_step_names()
        metrics = QFontMetrics(font(Type.STRONG, self.font()))
        widest = max(metrics.horizontalAdvance(f"9  {word}") for word in words)
        margins = self._layout.contentsMargins()
        return widest + RAIL_ICON + Space.S + margins.left() + margins.right() + Space.XS

    @property
    def painted(self) -> bool:
        """The wizard painted once: widgets may be re-polished now."""
        return self._icons

    def show_icons(self) -> None:
        """The wizard painted: steps and buttons are re-polished from now on (their roles, tones)."""
        self._icons = True
        self.refresh()
        style_buttons(self._wizard)  # QWizard polished its buttons before their roles were set

    def _make_rows(self, steps: list[Step]) -> None:
        for icon, _text in self.rows:
            row = icon.parentWidget()
            if row is not None:  # gone at once, not when the event loop next deletes
                self._layout.removeWidget(row)
                row.hide()
                row.deleteLater()
        self.rows = []
        for position, _step in enumerate(steps):
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(Space.S)
            icon = _icon_label(_step.icon, RAIL_ICON, Role.MUTED, _step.label, row)
            icon.setObjectName("stepIcon")
            text = QLabel(row)
            text.setObjectName("stepLabel")
            line.addWidget(icon)
            line.addWidget(text, 1)
            self._layout.insertWidget(position, row)
            self.rows.append((icon, text))
        self._shown = list(steps)

    def current_index(self) -> int:
        current = self._wizard.currentId()
        for index, step in enumerate(self._shown):
            if current in step.pages:
                return index
        return 0

    def follow(self, _id: int) -> None:
        """The wizard turned a page: the steps and its buttons' roles again."""
        self.refresh()
        style_buttons(self._wizard, polished=self.painted)

    def refresh(self) -> None:
        """Follow the wizard: which steps (the path may change), which one is current; number the pages."""
        steps = self._steps()
        if steps != self._shown:
            self._make_rows(steps)
        for page_id in self._wizard.pageIds():
            framed = self._wizard.page(page_id)
            if isinstance(framed, FramedPage):
                framed.place_heading()
        count = len(steps)
        for number, step in enumerate(steps, start=1):
            for page_id in step.pages:
                page = self._wizard.page(page_id)
                if isinstance(page, FramedPage):
                    page.step = (number, count)
        now = self.current_index()
        for index, (step, (icon, text)) in enumerate(zip(steps, self.rows, strict=True)):
            self._show_row(index, now, count, step, icon, text)

    def _show_row(self, index: int, now: int, count: int, step: Step, icon: IconLabel, text: QLabel) -> None:
        position = {"number": index + 1, "count": count, "step": step.label}
        if index < now:
            said = translate(CONTEXT, "Step {number} of {count}: {step}, done").format(**position)
            role, name, kind = Role.SUCCESS, "done", Type.BODY
        elif index == now:
            said = translate(CONTEXT, "Step {number} of {count}: {step}, current").format(**position)
            role, name, kind = Role.ACCENT, step.icon, Type.STRONG
        else:
            said = translate(CONTEXT, "Step {number} of {count}: {step}").format(**position)
            role, name, kind = Role.MUTED, step.icon, Type.BODY
        text.setText(f"{index + 1}  {step.label}")
        tone = None if index < now else role
        if self._icons:
            set_tone(text, tone)  # a re-polish: before the font, which it would put back
        else:  # not polished yet (before the first paint): the first polish applies it
            text.setProperty("tone", tone.value if tone is not None else "")
        text.setFont(self.font())
        set_type(text, kind)
        text.setAccessibleName(said)
        icon.setAccessibleName(said)
        icon.set_icon(name, role)  # drawn after its first paint, and again in another theme's colours


PRIMARY = ("NextButton", "CommitButton", "FinishButton")
SECONDARY = ("BackButton", "CancelButton")


def style_buttons(wizard: QWizard, *, polished: bool = True) -> None:
    """Next/Commit/Finish are the thing to do (primary); Back and Cancel are secondary.

    A page whose step cannot be undone (removing a token) makes them "danger" (its
    ``forward_role``). ``polished=False``: the buttons were never shown, their first
    polish applies the role.
    """
    from PySide6.QtWidgets import QWizard as Wizard

    forward = getattr(wizard.currentPage(), "forward_role", "primary")
    for names, role in ((PRIMARY, forward), (SECONDARY, "secondary")):
        for name in names:
            button = wizard.button(getattr(Wizard.WizardButton, name))
            if button is None:
                continue
            if polished:
                set_role(button, role)
            else:
                button.setProperty("role", role)


def dress(wizard: QWizard, steps: Callable[[], list[Step]]) -> StepRail:
    """Give ``wizard`` the frame: no classic header, the rail on the left, styled buttons."""
    from PySide6.QtWidgets import QWizard as Wizard

    wizard.setWizardStyle(Wizard.WizardStyle.ClassicStyle)
    rail = StepRail(wizard, steps)
    wizard.setSideWidget(rail)
    rail.refresh()
    style_buttons(wizard, polished=wizard.isVisible())

    def changed(_id: int) -> None:
        rail.follow(_id)

    # A closure, not ``connect(rail.follow)``: with the rail's bound method, the screenshot walk's
    # garbage collection crashed Qt (tests/gui/test_spanish_everywhere.py), not yet understood.
    wizard.currentIdChanged.connect(changed)
    return rail


def named_steps(name: int, pin: int, done: int) -> list[Step]:
    """Name · PIN · Done: every wizard that makes a token ends so (a delivery starts there)."""
    return [
        Step(translate(CONTEXT, "Name"), "name", (name,)),
        Step(translate(CONTEXT, "PIN"), "pin", (pin,)),
        Step(translate(CONTEXT, "Done"), "token", (done,)),  # its own icon: "done" is a step done
    ]


def activation_steps(link: int, name: int, pin: int, done: int) -> list[Step]:
    """1 Link · 2 Name · 3 PIN · 4 Done."""
    return [Step(translate(CONTEXT, "Link"), "link", (link,)), *named_steps(name, pin, done)]


def why_step(page: int) -> Step:
    return Step(translate(CONTEXT, "Why"), "help", (page,))


def other_step(label: str, icon: str, *pages: int) -> Step:
    return Step(label, icon, tuple(pages))
