"""Every screen in Spanish: no English word a prescriber can read, through the real Controller.

The same walk runs twice, in English and in Spanish: a first run's activation (step 1's
refusals, the QR image and key-file dialogs, the password prompt, the PIN rules, the first
passcode), the token window (its menus, a short PIN, wrong PINs, a wait, the passcode, copied,
idle and hidden locks, the clock warning), a link arriving with a token already there, a second
token and the token list, a replacement from a link and from the menu (every reason, removing a
token), a disabled token, the support card (details, copy, the clock check, the bundle's save
dialog), a damaged vault and its restore question, the policy error box and the keystore
banner. Message boxes and file dialogs are really shown and answered as they appear.

At each screen every visible text is gathered (tests/gui/screen_text.py). In Spanish a text
fails when it holds a word of the app's or Qt's English, or when it is the same as a text of
the English walk and still has a word that is neither a name nor Spanish. Proper names
(tokens, issuers, softtoken, PIN, TOTP, QR, PSKC), serials, links, paths and numbers pass.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PIL import Image
from PySide6.QtCore import QLocale, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from softtoken.core.clock import FixedClock
from softtoken.core.errors import PolicyError, WrongPin
from softtoken.core.lifecycle import Reason
from softtoken.core.policy import Policy, load_policy
from softtoken.core.vault.vault import Vault
from softtoken.gui import dialogs, errors, i18n, workers
from softtoken.gui.app import Controller
from softtoken.gui.wizard.activation import ActivationWizard
from softtoken.gui.wizard.replacement import ReplacementWizard
from tests.gui.screen_text import EnglishFinder, visible_texts, widget_texts, windows
from tests.keyrings import MemoryKeyring
from tests.ntp_responder import NtpResponder
from tests.pskc_files import write_pskc
from tests.vaults import CHEAP, PIN, make_vault

pytestmark = pytest.mark.usefixtures("qt_fonts")

NOW = 1_764_165_910.0  # 20 s left on the passcode
HOTP_URI = "urn:ietf:params:xml:ns:keyprov:pskc:hotp"


def _link(seed: bytes, serial: str) -> str:
    secret = base64.b32encode(seed).decode()
    return f"otpauth://totp/ACME%20Health:dr.jones?secret={secret}&issuer=ACME%20Health&serial={serial}"


FIRST = _link(b"12345678901234567890", "TOTP00004B18")
SECOND = _link(bytes(range(40, 60)), "TOTP00009C21")
THIRD = _link(bytes(range(70, 90)), "TOTP0000AA01")
NAMES = ("ACME EPCS", "EPCS 2", "EPCS 3")
HELPDESK = {
    "en": "ACME Health EPCS help desk: 555-0100",
    "es": "Servicio de asistencia EPCS de ACME Health: 555-0100",  # policy text, as the admin wrote it
}


# --------------------------------------------------------------------------- answering dialogs

Answer = Callable[[QWidget], object]


def click(index: int) -> Answer:
    """The ``index``-th of a question's buttons, in the order dialogs.question was given them."""

    def press(box: QWidget) -> None:
        assert isinstance(box, dialogs.MessageDialog)
        box.buttons()[index].click()

    return press


def ok(box: QWidget) -> None:
    assert isinstance(box, dialogs.MessageDialog)
    box.buttons()[0].click()


RETRY = "retry"  # an answer that closed its dialog and wants the action done again


def choose_file(path: Path) -> Answer:
    """Read the file dialog, close it, and have the action done again with ``path`` preloaded.

    Answering Qt's own file dialog by typing into it is not reliable: its name check runs
    against a folder model filled by a thread, and on a busy machine it opened "file not found"
    (a box nobody answers) or kept the dialog open. What the walk needs of the dialog is its
    words; the file then reaches the app as in the other GUI tests.
    """

    def choose(dialog: QWidget) -> str:
        assert isinstance(dialog, QFileDialog)
        dialogs.answer_next("file", str(path))
        dialog.reject()
        return RETRY

    return choose


def type_secret(text: str) -> Answer:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(text)
        dialog.accept()

    return answer


class Modals(QObject):
    """Answers the dialogs that open, in order, once each has been read.

    A file dialog may take an answer only once it has read its folder: one still open after
    its answer is answered again.
    """

    def __init__(self, walk: Walk, name: str, answers: list[Answer]) -> None:
        super().__init__()
        self.walk, self.name, self.answers = walk, name, list(answers)
        self.count = 0
        self.retry = False
        self.last: tuple[QWidget, Answer] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    @property
    def done(self) -> bool:
        return not self.answers and not self._still_open()

    def _still_open(self) -> bool:
        return self.last is not None and isValid(self.last[0]) and self.last[0].isVisible()

    def _poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible() or any(modal is old for old in self.walk.before):
            return  # none, or one another test left open
        if self.last is not None and self._still_open() and modal is self.last[0]:
            self.last[1](modal)  # not taken yet: again
            return
        if not self.answers:
            return
        self.count += 1
        found: set[str] = set()
        for widget in [modal, *modal.findChildren(QWidget)]:
            if widget.isVisible():
                widget_texts(widget, found)
        self.walk.screens.setdefault(f"{self.name} (dialog {self.count})", set()).update(found)
        answer = self.answers.pop(0)
        self.last = (modal, answer)
        if answer(modal) == RETRY:
            self.retry = True


# --------------------------------------------------------------------------- the walk


@dataclass
class Walk:
    qtbot: QtBot
    tmp: Path
    keyring: MemoryKeyring
    language: str
    screens: dict[str, set[str]] = field(default_factory=dict)
    controllers: list[Controller] = field(default_factory=list)
    before: list[QWidget] = field(default_factory=windows)  # what other tests left open

    def see(self, name: str) -> None:
        QApplication.processEvents()
        self.screens.setdefault(name, set()).update(visible_texts(self.before))

    def modal(self, name: str, action: Callable[[], Any], *answers: Answer) -> None:
        """Do ``action`` with its dialogs answered (``action`` may return before they open)."""
        modals = Modals(self, name, list(answers))
        try:
            action()
            self.qtbot.waitUntil(lambda: modals.done or modals.retry, timeout=10_000)
            while modals.retry:  # a file dialog was read and closed: again, with its file preloaded
                modals.retry = False
                action()
                self.qtbot.waitUntil(lambda: modals.done or modals.retry, timeout=10_000)
        finally:
            modals.timer.stop()

    def until(self, condition: Callable[[], object]) -> None:
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=10_000)

    def controller(
        self, vault: Vault | Callable[[], Vault], policy: Policy, clock: FixedClock, home: Path
    ) -> Controller:
        controller = Controller(vault, policy, clock, home=home)
        self.controllers.append(controller)
        return controller

    def close(self) -> None:
        for controller in self.controllers:
            if controller.wizard is not None and isValid(controller.wizard):
                controller.wizard.done(0)
            if controller._window is not None and isValid(controller._window):
                controller._window.close()
            dialog = getattr(controller, "support_dialog", None)
            if dialog is not None and isValid(dialog):
                dialog.close()
        self.qtbot.waitUntil(lambda: not workers.busy(), timeout=10_000)


def wizard_of(walk: Walk, controller: Controller, kind: type[QWizard]) -> Any:
    walk.until(lambda: isinstance(controller.wizard, kind) and controller.wizard.isVisible())
    wizard = controller.wizard
    walk.until(lambda: len(wizard.pageIds()) > 1)  # whole once it has painted
    return wizard


def problem_of(page: QWidget) -> QLabel:
    return page.findChild(QLabel, "problemLabel")  # type: ignore[return-value]


def new_problem(walk: Walk, page: QWidget, action: Callable[[], Any]) -> None:
    label = problem_of(page)
    before = label.text() if label is not None and label.isVisible() else None
    action()
    walk.until(lambda: (p := problem_of(page)) is not None and p.isVisible() and p.text() != before)


def through_steps_2_to_4(walk: Walk, wizard: Any, name: str, prefix: str) -> None:
    """Name the token, set its PIN (after the rules refuse two), see its Done page and first passcode."""
    wizard.next()
    walk.see(f"{prefix} step name")
    new_problem(walk, wizard.name_page, wizard.name_page.name_edit.clear)
    walk.see(f"{prefix} step name, empty")
    wizard.name_page.name_edit.setText(name)
    wizard.next()
    pins = wizard.pin_page
    new_problem(walk, pins, lambda: (pins.pin_edit.setText("1234"), pins.confirm_edit.setText("1234")))
    walk.see(f"{prefix} step PIN, too easy")
    new_problem(walk, pins, lambda: (pins.pin_edit.setText(PIN), pins.confirm_edit.setText("8641")))

    walk.see(f"{prefix} step PIN, mismatch")
    pins.confirm_edit.setText(PIN)
    walk.see(f"{prefix} step PIN")
    wizard.next()
    walk.until(lambda: wizard.currentPage() is wizard.done_page)
    walk.see(f"{prefix} done")
    proof = wizard.done_page.proof
    proof.pin_edit.setText("1357")
    proof.show_passcode()
    walk.until(proof.message.isVisible)
    walk.see(f"{prefix} done, wrong PIN")
    proof.pin_edit.setText(PIN)
    proof.show_passcode()
    walk.until(lambda: bool(proof.code))
    walk.see(f"{prefix} done, passcode")
    wizard.button(QWizard.WizardButton.FinishButton).click()


def first_run(walk: Walk, home: Path, policy: Policy, clock: FixedClock) -> Vault:
    vault = make_vault(home, walk.keyring, clock=clock, policy=policy)
    controller = walk.controller(vault, policy, clock, home)
    controller.start()
    wizard: ActivationWizard = wizard_of(walk, controller, ActivationWizard)
    page = wizard.activate_page
    walk.see("step 1")
    new_problem(walk, page, lambda: page.set_link(FIRST[:60]))
    walk.see("step 1, cut short")
    new_problem(walk, page, lambda: page.set_link("Enrol here: https://issuer.example.org/enroll"))
    walk.see("step 1, a web page")
    blank = walk.tmp / "blank.png"
    Image.new("RGB", (80, 80), "white").save(blank)
    walk.modal("step 1, QR image", page.open_image_button.click, choose_file(blank))
    walk.see("step 1, no QR code in the image")
    key_file = write_pskc(
        walk.tmp / "token.pskc",
        [{"serial": "987654321", "secret": b"12345678901234567890", "algorithm": HOTP_URI}],
        password="right",
    )
    walk.modal("step 1, key file", page.open_pskc_button.click, choose_file(key_file), type_secret("wrong"))
    walk.see("step 1, wrong key-file password")
    new_problem(walk, page, page.scan_button.click)
    walk.see("step 1, screen scan")
    page.set_link(FIRST)
    walk.until(page.isComplete)
    walk.see("step 1, link read")
    through_steps_2_to_4(walk, wizard, NAMES[0], "activation")
    walk.until(controller.window.isVisible)
    walk.qtbot.waitUntil(lambda: not workers.busy(), timeout=10_000)
    controller.window.close()
    return vault


def wrong_pin(walk: Walk, window: Any, pin: str = "1357") -> None:
    page = window.pin_page
    before = page.message.text()
    page.pin_edit.setText(pin)
    page.unlock_button.click()
    walk.until(lambda: not page.busy.isVisible() and page.message.text() != before)


def on_pin_page(walk: Walk, window: Any) -> None:
    walk.until(lambda: window.built and window.stack.currentWidget() is window.pin_page)


def token_window(walk: Walk, vault: Vault, home: Path, clock: FixedClock, ntp: NtpResponder) -> Controller:
    policy = Policy(helpdesk_contact=HELPDESK[walk.language], ntp_server=ntp.server)
    vault.policy = policy
    controller = walk.controller(vault, policy, clock, home)
    controller.start()
    window = controller.window
    on_pin_page(walk, window)
    walk.until(window.clock_warning.isVisible)
    walk.see("token window, clock warning")
    wrong_pin(walk, window, "12")
    walk.see("token window, a short PIN")
    for _ in range(3):
        wrong_pin(walk, window)
    walk.see("token window, wrong PINs and a wait")
    clock.advance(60)  # past the wait
    window.reload()
    on_pin_page(walk, window)
    walk.see("token window, attempts left")
    window.pin_page.pin_edit.setText(PIN)
    window.pin_page.unlock_button.click()
    walk.until(lambda: window.stack.currentWidget() is window.code_page)
    walk.see("token window, passcode")
    window.code_page.copy()
    walk.see("token window, copied")
    window.idle.timer.timeout.emit()
    on_pin_page(walk, window)
    walk.see("token window, idle lock")
    window.pin_page.pin_edit.setText(PIN)
    window.pin_page.unlock_button.click()
    walk.until(lambda: window.stack.currentWidget() is window.code_page)
    window.hide()
    window.show()
    on_pin_page(walk, window)
    walk.see("token window, hidden lock")
    return controller


def more_tokens(walk: Walk, controller: Controller) -> None:
    window = controller.window
    walk.modal("a link with a token there", lambda: controller.open_link(SECOND), click(1))  # add another
    wizard: ActivationWizard = wizard_of(walk, controller, ActivationWizard)
    walk.until(wizard.activate_page.isComplete)
    walk.see("second token, step 1")
    through_steps_2_to_4(walk, wizard, NAMES[1], "second token")
    on_pin_page(walk, window)
    walk.see("token window, one of two tokens")
    window.pin_page.back_button.click()
    walk.until(lambda: window.stack.currentWidget() is window.list_page)
    walk.see("token window, token list")
    # "Replace my token…", then which one: the replacement wizard opens with the link.
    walk.modal("a link with two tokens", lambda: controller.open_link(THIRD), click(0), click(0))
    wizard = wizard_of(walk, controller, ReplacementWizard)
    walk.see("replacement from a link")
    wizard.next()
    walk.until(wizard.activate_page.isComplete)
    walk.see("replacement, step 2")
    wizard.next()
    walk.see("replacement, step 3")
    wizard.next()
    wizard.pin_page.pin_edit.setText(PIN)
    wizard.pin_page.confirm_edit.setText(PIN)
    walk.see("replacement, step 4")
    wizard.next()
    walk.until(lambda: wizard.currentPage() is wizard.done_page)
    walk.see("replacement, done")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    walk.until(lambda: controller.wizard is None and window.isVisible())


def replacement_reasons(walk: Walk, controller: Controller) -> None:
    window = controller.window
    walk.until(lambda: window.current is not None and not workers.busy())
    window.replace_requested.emit(window.current.token_id, "")
    wizard: ReplacementWizard = wizard_of(walk, controller, ReplacementWizard)
    for reason in (Reason.LOST, Reason.FORGOT_PIN, Reason.NEW_TOKEN, Reason.NEW_WORKSTATION):
        wizard.reason_page.choose(reason)
        walk.see(f"replacement, why: {reason.value}")
    wizard.next()
    walk.see("replacement, remove the token")
    wizard.retire_page.understood.setChecked(True)
    next_button = wizard.button(QWizard.WizardButton.CommitButton)
    walk.modal("replacement, remove the token", next_button.click, click(1))  # Cancel
    walk.modal("replacement, remove the token, again", next_button.click, click(0))  # Remove
    walk.until(lambda: wizard.currentPage() is wizard.retired_page)
    walk.see("replacement, token removed")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    walk.until(lambda: controller.wizard is None and window.isVisible() and not workers.busy())


def disabled(walk: Walk, controller: Controller, vault: Vault, clock: FixedClock) -> None:
    window = controller.window
    walk.until(lambda: window.current is not None and not workers.busy())
    token = window.current
    assert token is not None
    for _ in range(vault.policy.max_attempts - 1 - token.failures):
        try:
            vault.unlock(token.token_id, "1357")
        except WrongPin as exc:
            clock.advance(exc.wait_seconds)
    window.reload()
    on_pin_page(walk, window)
    walk.see("token window, last attempt")
    wrong_pin(walk, window)
    walk.until(lambda: window.stack.currentWidget() is window.disabled_page)
    walk.see("token window, disabled")
    window.disabled_page.replace_button.click()
    wizard = wizard_of(walk, controller, ReplacementWizard)
    walk.see("replacement of a disabled token")
    wizard.button(QWizard.WizardButton.CancelButton).click()
    walk.until(lambda: controller.wizard is None and not workers.busy())


def support(walk: Walk, controller: Controller) -> None:
    controller.window.support_requested.emit()
    dialog = controller.support_dialog
    walk.until(lambda: bool(dialog.card))
    walk.see("support card")
    dialog.details_button.click()
    walk.see("support card, details")
    dialog.copy()
    walk.see("support card, copied")
    dialog.clock_button.click()
    walk.until(lambda: dialog.clock_button.isEnabled() and not workers.busy())
    walk.see("support card, clock checked")
    target = walk.tmp / "support.zip"
    walk.modal("support bundle", dialog.save_bundle, choose_file(target))
    walk.until(lambda: target.exists() and not workers.busy())
    walk.see("support card, bundle saved")
    dialog.close()


def damaged_vault(walk: Walk, controller: Controller, home: Path) -> None:
    window = controller.window
    (home / "vault.stv").write_bytes(b"softtoken-vault 1\nnot a vault\n")
    window.reload()
    walk.until(lambda: window.stack.currentWidget() is window.problem_page)
    walk.see("token window, damaged vault")
    walk.modal("restore the previous version", window.problem_page.restore_button.click, click(1))


def policy_error(walk: Walk) -> None:
    """A broken admin policy at start: the message box softtoken.gui.__main__ shows."""
    bad = walk.tmp / "policy.toml"
    bad.write_text("max_attempts = 99\n")
    with pytest.raises(PolicyError) as raised:
        load_policy(bad)
    walk.modal("a broken policy", lambda: errors.show_error(None, raised.value), ok)


def no_keystore(walk: Walk, clock: FixedClock) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        home = walk.tmp / "no-keystore"
        policy = Policy()
        controller = walk.controller(
            lambda: Vault(home, policy=policy, clock=clock, kdf=CHEAP), policy, clock, home
        )
        controller.start()
        wizard = controller.wizard
        assert wizard is not None
        walk.until(lambda: (b := wizard.findChild(QLabel, "keystoreBanner")) is not None and b.isVisible())
        walk.see("step 1, no keystore")
        controller.wizard = None  # closing it must not end the walk's app
        wizard.done(0)
    finally:
        keyring.set_keyring(previous)


def walk_every_screen(walk: Walk) -> None:
    clock = FixedClock(NOW)
    home = walk.tmp / "home"
    policy = Policy(helpdesk_contact=HELPDESK[walk.language])
    vault = first_run(walk, home, policy, clock)
    with NtpResponder(-42.0) as ntp:
        controller = token_window(walk, vault, home, clock, ntp)
        more_tokens(walk, controller)
        replacement_reasons(walk, controller)
        disabled(walk, controller, vault, clock)
        support(walk, controller)
    damaged_vault(walk, controller, home)
    policy_error(walk)
    no_keystore(walk, FixedClock(NOW))


# --------------------------------------------------------------------------- the test


@pytest.fixture
def in_language(qapp: QApplication) -> Iterator[Callable[[str], None]]:
    def speak(language: str) -> None:
        for translator in i18n._keep:
            qapp.removeTranslator(translator)
        i18n._keep.clear()
        if language == "es":
            QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Spain))
            i18n.install_translator(qapp, "es")
        else:
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))

    yield speak
    speak("en")


def run_walk(qtbot: QtBot, tmp: Path, language: str) -> dict[str, set[str]]:
    tmp.mkdir()
    walk = Walk(qtbot, tmp, MemoryKeyring(), language)
    previous = keyring.get_keyring()
    try:
        walk_every_screen(walk)
    finally:
        walk.close()
        keyring.set_keyring(previous)
    return walk.screens


def test_every_screen_in_spanish_has_no_english(
    qtbot: QtBot, tmp_path: Path, in_language: Callable[[str], None]
) -> None:
    in_language("en")
    english = run_walk(qtbot, tmp_path / "en", "en")
    in_language("es")
    spanish = run_walk(qtbot, tmp_path / "es", "es")
    assert set(spanish) == set(english), "the walks saw different screens"
    finder = EnglishFinder(names=[*NAMES, *HELPDESK.values()])
    seen_in_english = {text for texts in english.values() for text in texts}
    found = []
    for screen, texts in spanish.items():
        for text in sorted(texts):
            english_words = finder.english_words(text)
            if english_words:
                found.append(f"{screen}: {text!r} (English: {', '.join(english_words)})")
            elif text in seen_in_english and finder.left_over(text):
                found.append(f"{screen}: {text!r} (as in English: {', '.join(finder.left_over(text))})")
    assert sum(len(texts) for texts in spanish.values()) > 400  # the walk saw the screens' texts
    in_english = [text for texts in english.values() for text in texts if finder.english_words(text)]
    assert len(in_english) > 300  # and the finder knows English when it sees it
    assert not found, f"{len(found)} English texts on Spanish screens:\n" + "\n".join(found)


# --------------------------------------------------------------------------- the screenshots' walk

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "make_screenshots.py"


def screenshot_walk(language: str) -> dict[str, set[str]]:
    """docs/screenshots/make_screenshots.py's walk, each screen read instead of saved."""
    import importlib.util
    import os
    import time

    from softtoken.core import keystore

    spec = importlib.util.spec_from_file_location("make_screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    screens: dict[str, set[str]] = {}
    before = windows()  # what other tests left open

    def read(widget: QWidget, name: str) -> None:
        QApplication.processEvents()
        screens[name] = visible_texts(before)

    zone, program = os.environ.get("TZ"), keystore.secret_service_program
    try:
        script.walk(read, script.HELPDESK_ES if language == "es" else script.HELPDESK)
    finally:  # the walk sets a clinic's time zone and names the desktop's keystore, as a picture needs
        keystore.secret_service_program = program
        if zone is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = zone
        time.tzset()
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and not any(widget is old for old in before):
                widget.close()  # only the walk's own: closing another test's wizard would run its controller
    return screens


def test_every_screenshot_in_spanish_has_no_english(qtbot: QtBot, in_language: Callable[[str], None]) -> None:
    """The screenshots' walk too (the repeated seed, several tokens, the disabled screen, …)."""
    in_language("en")
    english = screenshot_walk("en")
    in_language("es")
    spanish = screenshot_walk("es")
    assert set(spanish) == set(english)
    finder = EnglishFinder(names=["ACME EPCS", "Hospital EPCS night shift", "time.acme.example"])
    seen_in_english = {text for texts in english.values() for text in texts}
    found = [
        f"{screen}: {text!r}"
        for screen, texts in spanish.items()
        for text in sorted(texts)
        if finder.english_words(text) or (text in seen_in_english and finder.left_over(text))
    ]
    assert not found, f"{len(found)} English texts on Spanish screenshots:\n" + "\n".join(found)
