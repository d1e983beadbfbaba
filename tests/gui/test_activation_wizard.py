"""The first-run activation wizard, driven like a prescriber drives it.

Expected passcodes come from oracles that are not our code: oathtool, the
RFC 4226 test vectors, and PBKDF2 from hashlib for two-step activation.
Every refusal is checked against the sentence core itself raises.
"""

from __future__ import annotations

import base64
import hashlib
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PIL import Image
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFontMetricsF, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QWidget,
    QWizard,
)

from softtoken.core.activation.request import ActivationRequest
from softtoken.core.activation.sources import PskcSecrets, tokens_from_file, tokens_from_text
from softtoken.core.clock import FixedClock
from softtoken.core.errors import KeystoreUnavailable, QrCodeError, SoftTokenError
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import TokenStatus, Vault
from softtoken.gui import dialogs, qr_scan
from softtoken.gui.pin_field import PinField
from softtoken.gui.wizard.activation import ActivationWizard
from tests.oracles import needs_oathtool, oathtool_hotp, oathtool_totp
from tests.pskc_files import write_pskc
from tests.qr_images import qr_bytes
from tests.vaults import PIN, RFC_SEED, link

pytestmark = pytest.mark.usefixtures("qt_fonts")

W = TypeVar("W", bound=QObject)
HOTP_URI = "urn:ietf:params:xml:ns:keyprov:pskc:hotp"
TWO_STEP_SERVER = bytes(range(20))
TWO_STEP_LINK = (
    f"otpauth://hotp/OATH9?secret={base64.b32encode(TWO_STEP_SERVER).decode()}&counter=1"
    "&2step_salt=8&2step_output=20&2step_difficulty=1000"
)
SECOND_SEED = b"abcdefghijabcdefghij"


# --------------------------------------------------------------------------- helpers


def vault_commit(vault: Vault) -> Callable[[ActivationRequest], TokenStatus]:
    return lambda r: vault.activate(r.description, r.name, r.pin, r.confirm)


def never_commit(request: ActivationRequest) -> TokenStatus:
    raise AssertionError("this test never reaches the commit")


def open_wizard(
    qtbot: Any,
    commit: Callable[[ActivationRequest], TokenStatus] = never_commit,
    *,
    existing: tuple[str, ...] = (),
    policy: Policy | None = None,
    link_text: str | None = None,
) -> ActivationWizard:
    wizard = ActivationWizard(
        policy=policy or Policy(),
        existing_names=list(existing),
        commit=commit,
        clock=FixedClock(59),
        link=link_text,
    )
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    qtbot.waitUntil(lambda: len(wizard.pageIds()) == 4)  # steps 2-4 come right after the first paint
    return wizard


def child(wizard: QWidget, kind: type[W], name: str) -> W:
    found = wizard.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name}"
    return found


def page_problem(wizard: QWizard, page: str) -> QLabel:
    return child(child(wizard, QWidget, page), QLabel, "problemLabel")


def forward(wizard: QWizard) -> QAbstractButton:
    """The button that moves on: Next/Activate, Continue (a commit page) or Finish."""
    page = wizard.currentPage()
    if wizard.nextId() == -1:
        return wizard.button(QWizard.WizardButton.FinishButton)
    if page.isCommitPage():
        return wizard.button(QWizard.WizardButton.CommitButton)
    return wizard.button(QWizard.WizardButton.NextButton)


def click_forward(qtbot: Any, wizard: QWizard) -> None:
    button = forward(wizard)
    assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def current(wizard: QWizard) -> str:
    return wizard.currentPage().objectName()


def rail_said(wizard: QWizard) -> list[str]:
    """What the step rail says of each step, in order ("Step 2 of 4: Name, current")."""
    rail = child(wizard, QWidget, "stepRail")
    return [text.accessibleName() for _icon, text in rail.rows]  # type: ignore[attr-defined]


def paste(wizard: QWizard, text: str) -> None:
    child(wizard, QPlainTextEdit, "linkEdit").setPlainText(text)


def to_pin_page(qtbot: Any, wizard: QWizard, text: str | None = None, name: str = "Clinic desktop") -> None:
    paste(wizard, text or link())
    click_forward(qtbot, wizard)
    child(wizard, QLineEdit, "nameEdit").setText(name)
    click_forward(qtbot, wizard)
    assert current(wizard) == "pinPage"


def core_message(call: Callable[[], object]) -> str:
    with pytest.raises(SoftTokenError) as caught:
        call()
    return caught.value.message


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def visible_codes() -> list[str]:
    try:
        return qr_scan.scan_screens()
    except QrCodeError:
        return []


# --------------------------------------------------------------------------- the whole run


@needs_oathtool
def test_first_run_ends_with_a_working_passcode(qtbot: Any, vault: Vault) -> None:
    wizard = open_wizard(qtbot, vault_commit(vault))
    assert wizard.windowTitle() == "Activate your soft token"
    assert wizard.currentPage().title() == "Activate your token"
    assert rail_said(wizard)[0] == "Step 1 of 4: Link, current"  # the rail says where the prescriber is
    assert child(wizard, QWidget, "stepRail").accessibleName() == "Steps"
    paste(wizard, link(extra="&digits=8"))
    summary = child(wizard, QLabel, "summaryLabel").text()
    assert "TOTP" in summary and "ACME" in summary and "8-digit" in summary
    assert "GEZDGNBV" not in summary  # never the seed
    click_forward(qtbot, wizard)

    assert wizard.currentPage().title() == "Name your token"
    assert rail_said(wizard)[:2] == ["Step 1 of 4: Link, done", "Step 2 of 4: Name, current"]
    assert forward(wizard).text() == "Activate"
    name = child(wizard, QLineEdit, "nameEdit")
    assert name.text() == "ACME"
    name.clear()
    qtbot.keyClicks(name, "Clinic desktop")
    click_forward(qtbot, wizard)

    assert wizard.currentPage().title() == "Set your token PIN"
    assert rail_said(wizard)[2:] == ["Step 3 of 4: PIN, current", "Step 4 of 4: Done"]
    assert forward(wizard).text() == "Continue"
    qtbot.keyClicks(child(wizard, QLineEdit, "pinEdit"), PIN)
    qtbot.keyClicks(child(wizard, QLineEdit, "confirmEdit"), PIN)
    with qtbot.waitSignal(wizard.activated, timeout=5000) as emitted:
        click_forward(qtbot, wizard)
    qtbot.waitUntil(lambda: current(wizard) == "donePage", timeout=5000)

    status = emitted.args[0]
    assert isinstance(status, TokenStatus) and status is wizard.status
    assert status.name == "Clinic desktop"
    assert wizard.currentPage().title() == "Your token is set up"  # until the network sync
    assert wizard.done_page.heading.text() == "Your token is set up"  # the page's own heading, shown
    assert wizard.currentPage().subTitle().startswith("Next: ")  # the one next thing to do
    assert rail_said(wizard)[3] == "Step 4 of 4: Done, current"
    assert child(wizard, QLabel, "nameValue").text() == "Clinic desktop"
    assert child(wizard, QLabel, "serialValue").text() == "—"
    about = datetime.fromtimestamp(59 + 60 * 60).strftime("%H:%M")
    assert child(wizard, QLabel, "syncLabel").text() == (
        "Your token is not linked to an issuer serial — ask your help desk if they expect one. It will "
        "automatically be activated for use after syncing with the network, which may take up to 60 "
        f"minutes (about {about})."  # link() has no serial
    )
    assert not child(wizard, QLabel, "clientPartLabel").isVisible()
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    click_forward(qtbot, wizard)
    assert wizard.result() == QDialog.DialogCode.Accepted

    expected = oathtool_totp(RFC_SEED, 59, "SHA1", 8, 30)
    assert expected == "94287082"  # RFC 6238 appendix B, SHA1 at T = 59
    assert vault.unlock(None, PIN).codes[0].code == expected


def test_keyboard_alone_goes_through_every_page(qtbot: Any, vault: Vault) -> None:
    wizard = open_wizard(qtbot, vault_commit(vault))
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert focused().objectName() == "linkEdit"
    qtbot.keyClicks(focused(), link())
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # a new line in the paste box, not Next
    assert current(wizard) == "activatePage"
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert current(wizard) == "namePage"

    assert focused().objectName() == "nameEdit"
    qtbot.keyClicks(focused(), "Front desk")  # the suggestion is selected: typing replaces it
    assert child(wizard, QLineEdit, "nameEdit").text() == "Front desk"
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert current(wizard) == "pinPage"

    assert focused().objectName() == "pinEdit"
    qtbot.keyClicks(focused(), PIN)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused().objectName() == "confirmEdit"
    qtbot.keyClicks(focused(), PIN)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused().objectName() == "showPinCheck"
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert child(wizard, QLineEdit, "pinEdit").echoMode() == QLineEdit.EchoMode.Normal
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: current(wizard) == "donePage", timeout=5000)

    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert vault.status()[0].name == "Front desk"


def test_tab_leaves_the_paste_box_and_enter_on_a_field_means_next(qtbot: Any) -> None:
    wizard = open_wizard(qtbot, link_text=link())
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    order = []
    for _ in range(3):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        order.append(focused().objectName())
    assert order == ["openImageButton", "scanScreenButton", "openPskcButton"]
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # no file dialog: Enter is the wizard's Next
    assert current(wizard) == "namePage"
    assert dialogs.shown == []


def test_hotp_link_gives_the_rfc_4226_code(qtbot: Any, vault: Vault) -> None:
    wizard = open_wizard(qtbot, vault_commit(vault))
    to_pin_page(qtbot, wizard, link(kind="hotp"))
    assert "HOTP" in wizard.activate_page.summary_label.text()
    qtbot.keyClicks(child(wizard, QLineEdit, "pinEdit"), PIN)
    qtbot.keyClicks(child(wizard, QLineEdit, "confirmEdit"), PIN)
    click_forward(qtbot, wizard)
    qtbot.waitUntil(lambda: current(wizard) == "donePage", timeout=5000)
    assert vault.unlock(None, PIN).codes[0].code == "755224"  # RFC 4226 appendix D, count 0


@needs_oathtool
def test_two_step_link_shows_the_code_to_type_into_the_issuers_page(qtbot: Any, vault: Vault) -> None:
    requests: list[ActivationRequest] = []

    def commit(request: ActivationRequest) -> TokenStatus:
        requests.append(request)
        return vault.activate(request.description, request.name, request.pin, request.confirm)

    wizard = open_wizard(qtbot, commit)
    to_pin_page(qtbot, wizard, TWO_STEP_LINK)
    qtbot.keyClicks(child(wizard, QLineEdit, "pinEdit"), PIN)
    qtbot.keyClicks(child(wizard, QLineEdit, "confirmEdit"), PIN)
    click_forward(qtbot, wizard)
    qtbot.waitUntil(lambda: current(wizard) == "donePage", timeout=5000)

    shown = child(wizard, QLabel, "clientPartLabel")
    assert shown.isVisible() and shown.text() == requests[0].client_part == wizard.client_part
    assert shown.isEnabled()  # it takes the focus (disabled only while hidden, without a code)
    assert requests[0].description.secret.wiped  # the derived seed, wiped by core once written
    assert shown.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert len({QFontMetricsF(shown.font()).horizontalAdvance(c) for c in shown.text()}) == 1  # lined up
    assert shown.font().pointSizeF() > wizard.font().pointSizeF()
    intro = child(wizard, QLabel, "clientPartIntro")
    assert (
        intro.isVisible() and intro.text() == "To finish, type this activation code into the issuer's page:"
    )
    assert "click Finish and enter your PIN" in child(wizard, QLabel, "confirmNote").text()

    # What the issuer derives from the typed code (privacyIDEA's rule, computed here with hashlib)
    compact = shown.text().replace(" ", "")
    raw = base64.b32decode(compact + "=" * (-len(compact) % 8))
    check, client = raw[:4], raw[4:]
    assert len(client) == 8 and hashlib.sha1(client).digest()[:4] == check
    seed = hashlib.pbkdf2_hmac("sha1", TWO_STEP_SERVER.hex().encode(), client, 1000, 20)
    assert vault.unlock(None, PIN).codes[0].code == oathtool_hotp(seed, 1)


# --------------------------------------------------------------------------- step 1


def test_next_stays_disabled_until_the_link_is_usable(qtbot: Any) -> None:
    wizard = open_wizard(qtbot)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    problem = page_problem(wizard, "activatePage")
    assert not next_button.isEnabled() and not problem.isVisible()
    full = link()
    box = child(wizard, QPlainTextEdit, "linkEdit")
    qtbot.keyClicks(box, full[:-30])  # not all there yet: the secret is cut
    assert not next_button.isEnabled()
    qtbot.keyClicks(box, full[-30:])
    assert next_button.isEnabled() and not problem.isVisible()
    box.clear()
    assert not next_button.isEnabled() and not problem.isVisible()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param(link()[:30], "cut short", id="cut-short"),
        pytest.param("otpauth://totp/ACME:x?secret=JBSWY3DPEHPK3PXP&issuer=ACME", "80 bits", id="weak-seed"),
        pytest.param("https://portal.example.com/activate?id=42", "web page", id="web-page"),
        pytest.param(link(extra="&algorithm=MD5"), "MD5", id="md5"),
        pytest.param("Thanks for your call!", "No activation link", id="no-link"),
    ],
)
def test_unusable_links_say_why_inline(qtbot: Any, text: str, words: str) -> None:
    wizard = open_wizard(qtbot)
    paste(wizard, text)
    problem = page_problem(wizard, "activatePage")
    assert problem.isVisible() and problem.wordWrap()
    assert problem.text() == core_message(lambda: tokens_from_text(text))
    assert words in problem.text()
    assert problem.accessibleName()
    assert child(wizard, QPlainTextEdit, "linkEdit").accessibleDescription() == problem.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    paste(wizard, link())  # fixing the paste clears the problem
    assert not problem.isVisible() and wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_replaced_and_discarded_seeds_are_wiped(qtbot: Any) -> None:
    wizard = open_wizard(qtbot, link_text=link())
    (first,) = wizard.activate_page.tokens()
    paste(wizard, link(seed=SECOND_SEED))
    (second,) = wizard.activate_page.tokens()
    assert first.secret.wiped and not second.secret.wiped
    wizard.reject()
    assert second.secret.wiped
    assert child(wizard, QPlainTextEdit, "linkEdit").toPlainText() == ""


def test_several_tokens_offer_a_choice(qtbot: Any) -> None:
    text = (
        f"otpauth://totp/Alpha:a?secret={base64.b32encode(RFC_SEED).decode()}&issuer=Alpha\n"
        f"otpauth://totp/Beta:b?secret={base64.b32encode(SECOND_SEED).decode()}&issuer=Beta"
    )
    wizard = open_wizard(qtbot, link_text=text)
    combo = child(wizard, QComboBox, "entryCombo")
    assert combo.isVisible() and combo.count() == 2 and combo.currentIndex() == 0
    assert "Alpha" in child(wizard, QLabel, "summaryLabel").text()
    combo.setCurrentIndex(1)
    assert "Beta" in child(wizard, QLabel, "summaryLabel").text()
    click_forward(qtbot, wizard)
    assert child(wizard, QLineEdit, "nameEdit").text() == "Beta"
    paste_single = open_wizard(qtbot, link_text=link())
    assert not child(paste_single, QComboBox, "entryCombo").isVisible()


def test_set_link_fills_the_box_and_goes_back_to_step_one(qtbot: Any) -> None:
    wizard = open_wizard(qtbot, link_text=link())
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    click_forward(qtbot, wizard)
    assert current(wizard) == "namePage"
    wizard.set_link(link(extra="&algorithm=MD5"))
    assert current(wizard) == "activatePage"
    assert "MD5" in page_problem(wizard, "activatePage").text()
    wizard.set_link(link(kind="hotp"))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "HOTP" in child(wizard, QLabel, "summaryLabel").text()


def test_qr_image_without_a_code(qtbot: Any, tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    Image.new("L", (240, 240), 255).save(blank)
    wizard = open_wizard(qtbot, link_text=link())
    (pasted,) = wizard.activate_page.tokens()
    dialogs.answer_next("file", blank)
    qtbot.mouseClick(child(wizard, QPushButton, "openImageButton"), Qt.MouseButton.LeftButton)
    assert dialogs.shown[-1][0] == "file"
    problem = page_problem(wizard, "activatePage")
    assert problem.isVisible()
    assert problem.text() == core_message(lambda: tokens_from_file(blank))
    assert "No QR code was found in the image" in problem.text()
    # The picture replaced the pasted link: the page shows one source and what came of it.
    assert child(wizard, QPlainTextEdit, "linkEdit").toPlainText() == ""
    assert pasted.secret.wiped
    assert not child(wizard, QLabel, "summaryLabel").isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_qr_image_with_a_code_replaces_the_paste(qtbot: Any, tmp_path: Path) -> None:
    picture = tmp_path / "activation.png"
    picture.write_bytes(qr_bytes(link(kind="hotp")))
    wizard = open_wizard(qtbot, link_text="not a link")
    dialogs.answer_next("file", picture)
    qtbot.mouseClick(child(wizard, QPushButton, "openImageButton"), Qt.MouseButton.LeftButton)
    assert not page_problem(wizard, "activatePage").isVisible()
    assert "activation.png" in child(wizard, QLabel, "summaryLabel").text()
    assert child(wizard, QPlainTextEdit, "linkEdit").toPlainText() == ""
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    dialogs.answer_next("file", None)  # cancelling the file dialog changes nothing
    qtbot.mouseClick(child(wizard, QPushButton, "openImageButton"), Qt.MouseButton.LeftButton)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_pskc_wrong_password_then_the_right_one(qtbot: Any, tmp_path: Path) -> None:
    path = write_pskc(
        tmp_path / "token.pskc",
        [dict(serial="987654321", secret=RFC_SEED, algorithm=HOTP_URI)],
        password="right",
    )
    wizard = open_wizard(qtbot)
    pskc_button = child(wizard, QPushButton, "openPskcButton")
    problem = page_problem(wizard, "activatePage")

    dialogs.answer_next("file", path)
    dialogs.answer_next("secret", "wrong")
    qtbot.mouseClick(pskc_button, Qt.MouseButton.LeftButton)
    assert [kind for kind, _ in dialogs.shown] == ["file", "secret"]
    assert problem.isVisible()
    assert problem.text() == core_message(
        lambda: tokens_from_file(path, PskcSecrets(password=lambda: "wrong"))
    )
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    dialogs.answer_next("file", path)
    dialogs.answer_next("secret", "right")
    qtbot.mouseClick(pskc_button, Qt.MouseButton.LeftButton)
    assert not problem.isVisible()
    summary = child(wizard, QLabel, "summaryLabel").text()
    assert "token.pskc" in summary and "987654321" in summary and "HOTP" in summary
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_cancelled_password_prompt_leaves_the_page_as_it_was(qtbot: Any, tmp_path: Path) -> None:
    path = write_pskc(
        tmp_path / "token.pskc",
        [dict(serial="987654321", secret=RFC_SEED, algorithm=HOTP_URI)],
        password="right",
    )
    wizard = open_wizard(qtbot, link_text=link())
    (before,) = wizard.activate_page.tokens()
    summary = child(wizard, QLabel, "summaryLabel").text()
    dialogs.answer_next("file", path)
    dialogs.answer_next("secret", None)
    qtbot.mouseClick(child(wizard, QPushButton, "openPskcButton"), Qt.MouseButton.LeftButton)
    assert wizard.activate_page.tokens() == [before] and not before.secret.wiped
    assert child(wizard, QLabel, "summaryLabel").text() == summary
    masked = "otpauth://totp/ACME:dr.jones?secret=••••••••&issuer=ACME"  # the link read, its secret hidden
    assert child(wizard, QPlainTextEdit, "linkEdit").toPlainText() == masked
    assert not page_problem(wizard, "activatePage").isVisible()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_pskc_pre_shared_key_is_typed_as_hex(qtbot: Any, tmp_path: Path) -> None:
    key = bytes(range(16))
    path = write_pskc(
        tmp_path / "psk.pskc", [dict(serial="123456789", secret=RFC_SEED, algorithm=HOTP_URI)], psk=key
    )
    wizard = open_wizard(qtbot)
    button = child(wizard, QPushButton, "openPskcButton")
    dialogs.answer_next("file", path)
    dialogs.answer_next("secret", "0001 0203 0405 0607")  # only 16 digits
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "32, 48 or 64 hex digits" in page_problem(wizard, "activatePage").text()
    dialogs.answer_next("file", path)
    dialogs.answer_next("secret", "00010203-04050607-08090A0B-0C0D0E0F")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not page_problem(wizard, "activatePage").isVisible()
    assert "123456789" in child(wizard, QLabel, "summaryLabel").text()


DESKTOP_GRAY = 0x80


def screen_pixel(x: int, y: int) -> int:
    return QGuiApplication.primaryScreen().grabWindow(0).toImage().pixelColor(x, y).red()


def destroy_window(qtbot: Any, window: QWidget) -> None:
    with qtbot.waitSignal(window.destroyed):
        window.deleteLater()


@pytest.fixture
def desktop(qtbot: Any) -> Iterator[QWidget]:
    """A plain gray desktop under every window.

    The offscreen platform paints the windows into a fresh, uninitialised
    pixmap, so a grab may otherwise show old memory (even an earlier test's
    QR code); a full-screen window overwrites every pixel.
    """
    screen = QGuiApplication.primaryScreen().geometry()
    window = QWidget()
    window.setStyleSheet(f"background: rgb({DESKTOP_GRAY}, {DESKTOP_GRAY}, {DESKTOP_GRAY});")
    window.setAutoFillBackground(True)
    window.setGeometry(screen)
    window.show()
    qtbot.waitExposed(window)
    corner = (screen.width() - 1, screen.height() - 1)
    qtbot.waitUntil(lambda: screen_pixel(*corner) == DESKTOP_GRAY)
    yield window
    destroy_window(qtbot, window)


def show_qr_code(qtbot: Any, text: str) -> QLabel:
    """A window showing an activation QR code, like the issuer's web page in a browser."""
    pixmap = QPixmap()
    assert pixmap.loadFromData(qr_bytes(text))
    shown = QLabel()
    shown.setPixmap(pixmap)
    shown.move(20, 20)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: bool(visible_codes()))  # until the window system has painted it
    return shown


def test_scan_finds_a_qr_code_on_screen(qtbot: Any, desktop: QWidget) -> None:
    wizard = open_wizard(qtbot)
    shown = show_qr_code(qtbot, link(kind="hotp"))  # opened after the wizard: on top of it
    try:
        qtbot.mouseClick(child(wizard, QPushButton, "scanScreenButton"), Qt.MouseButton.LeftButton)
    finally:
        destroy_window(qtbot, shown)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "QR code on the screen" in child(wizard, QLabel, "summaryLabel").text()
    assert "HOTP" in child(wizard, QLabel, "summaryLabel").text()
    assert not page_problem(wizard, "activatePage").isVisible()


def test_scan_with_no_code_on_screen_says_so(qtbot: Any, desktop: QWidget) -> None:
    wizard = open_wizard(qtbot)
    qtbot.mouseClick(child(wizard, QPushButton, "scanScreenButton"), Qt.MouseButton.LeftButton)
    problem = page_problem(wizard, "activatePage")
    assert problem.isVisible()
    assert problem.text().startswith("No QR code was visible on the screen.")
    assert "not covered" in problem.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_scan_where_the_desktop_refuses_capture(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    class NoCapture:  # what Qt gives on a Wayland session without screen capture
        def name(self) -> str:
            return "wayland-0"

        def grabWindow(self, window: int) -> QPixmap:
            return QPixmap()

    class Screens:
        @staticmethod
        def screens() -> list[NoCapture]:
            return [NoCapture(), NoCapture()]

    monkeypatch.setattr(qr_scan, "QGuiApplication", Screens)
    wizard = open_wizard(qtbot)
    qtbot.mouseClick(child(wizard, QPushButton, "scanScreenButton"), Qt.MouseButton.LeftButton)
    text = page_problem(wizard, "activatePage").text()
    assert "Screen capture is not available on this desktop" in text and "Open QR image" in text


# --------------------------------------------------------------------------- step 2


def test_name_rules(qtbot: Any) -> None:
    wizard = open_wizard(qtbot, existing=("ACME",), link_text=link())
    click_forward(qtbot, wizard)
    name = child(wizard, QLineEdit, "nameEdit")
    problem = page_problem(wizard, "namePage")
    activate = wizard.button(QWizard.WizardButton.NextButton)
    # The suggestion collides: said so, not silently made unique.
    assert name.text() == "ACME"
    assert problem.isVisible() and "already have a token named 'ACME'" in problem.text()
    assert not activate.isEnabled()
    name.setText(" acme ")
    assert "already have a token" in problem.text() and not activate.isEnabled()
    name.clear()
    assert problem.text() == "Enter a name for your token." and not activate.isEnabled()
    qtbot.keyClicks(name, "x" * 40)
    assert name.text() == "x" * 32 and name.maxLength() == 32
    assert not problem.isVisible() and activate.isEnabled()
    assert name.accessibleName()


# --------------------------------------------------------------------------- step 3


def test_pin_rules(qtbot: Any) -> None:
    wizard = open_wizard(qtbot)
    to_pin_page(qtbot, wizard)
    pin, confirm = child(wizard, PinField, "pinEdit"), child(wizard, PinField, "confirmEdit")
    problem = page_problem(wizard, "pinPage")
    go_on = wizard.button(QWizard.WizardButton.CommitButton)
    assert any(
        "This is a four-digit code that you'll need to enter each time you use your soft token"
        in label.text()
        for label in wizard.currentPage().findChildren(QLabel)
    )

    qtbot.keyClicks(pin, "+1")  # QIntValidator would have let the plus through
    assert pin.pin() == "1"
    pin.clear()
    qtbot.keyClicks(pin, "12ab345")  # letters are dropped, the fifth digit does not fit
    assert pin.pin() == "1234"
    assert problem.isVisible() and "too easy to guess" in problem.text()
    qtbot.keyClicks(confirm, "1234")
    assert not go_on.isEnabled()
    qtbot.mouseClick(go_on, Qt.MouseButton.LeftButton)
    assert current(wizard) == "pinPage"

    pin.setText("8642")
    confirm.setText("86")  # still being typed: no complaint yet
    assert not problem.isVisible() and not go_on.isEnabled()
    confirm.setText("8643")
    assert problem.text() == "The two PINs do not match. Type the same PIN twice."
    assert not go_on.isEnabled()
    confirm.setText("8642")
    assert not problem.isVisible() and go_on.isEnabled()

    show = child(wizard, QCheckBox, "showPinCheck")
    assert pin.echoMode() == confirm.echoMode() == QLineEdit.EchoMode.Password
    show.setChecked(True)
    assert pin.echoMode() == confirm.echoMode() == QLineEdit.EchoMode.Normal
    show.setChecked(False)
    assert pin.echoMode() == confirm.echoMode() == QLineEdit.EchoMode.Password


def test_pin_length_follows_the_policy(qtbot: Any) -> None:
    wizard = open_wizard(qtbot, policy=Policy(pin_length=6))
    to_pin_page(qtbot, wizard)
    assert any("six-digit code" in label.text() for label in wizard.findChildren(QLabel))
    pin = child(wizard, PinField, "pinEdit")
    qtbot.keyClicks(pin, "86420975")
    assert pin.pin() == "864209"


def test_a_failed_commit_is_said_inline_and_nothing_moves_on(qtbot: Any) -> None:
    reason = "No secure keystore (Secret Service) is available on this computer. Ask your help desk."
    calls: list[ActivationRequest] = []

    def commit(request: ActivationRequest) -> TokenStatus:
        calls.append(request)
        raise KeystoreUnavailable(reason)

    wizard = open_wizard(qtbot, commit)
    to_pin_page(qtbot, wizard)
    qtbot.keyClicks(child(wizard, QLineEdit, "pinEdit"), PIN)
    qtbot.keyClicks(child(wizard, QLineEdit, "confirmEdit"), PIN)
    click_forward(qtbot, wizard)
    problem = page_problem(wizard, "pinPage")
    qtbot.waitUntil(problem.isVisible, timeout=5000)
    assert problem.text() == reason
    assert current(wizard) == "pinPage" and wizard.status is None
    assert len(calls) == 1  # no silent retry
    assert child(wizard, QLineEdit, "pinEdit").isEnabled()
    assert not child(wizard, QWidget, "busyBar").isVisible()
    assert wizard.button(QWizard.WizardButton.CancelButton).isEnabled()
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_no_cancel_while_the_token_is_being_made(qtbot: Any, vault: Vault) -> None:
    release = threading.Event()
    commit_to_vault = vault_commit(vault)

    def slow_commit(request: ActivationRequest) -> TokenStatus:
        assert release.wait(10)
        return commit_to_vault(request)

    wizard = open_wizard(qtbot, slow_commit)
    try:
        to_pin_page(qtbot, wizard)
        qtbot.keyClicks(child(wizard, QLineEdit, "pinEdit"), PIN)
        qtbot.keyClicks(child(wizard, QLineEdit, "confirmEdit"), PIN)
        click_forward(qtbot, wizard)
        assert child(wizard, QWidget, "busyBar").isVisible()
        assert child(wizard, QLabel, "busyLabel").text() == "Activating…"
        assert not child(wizard, QLineEdit, "pinEdit").isEnabled()
        for button in (
            QWizard.WizardButton.CancelButton,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.CommitButton,
        ):
            assert not wizard.button(button).isEnabled()
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
        wizard.reject()
        wizard.close()
        assert wizard.isVisible()
        assert not wizard.validateCurrentPage()  # a second Continue does not start a second commit
    finally:
        release.set()
    qtbot.waitUntil(lambda: current(wizard) == "donePage", timeout=5000)
    assert [token.name for token in vault.status()] == ["Clinic desktop"]


def test_going_back_from_the_pin_page_forgets_the_pin(qtbot: Any) -> None:
    wizard = open_wizard(qtbot)
    to_pin_page(qtbot, wizard)
    child(wizard, QLineEdit, "pinEdit").setText(PIN)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    assert current(wizard) == "namePage"
    assert child(wizard, QLineEdit, "nameEdit").text() == "Clinic desktop"  # kept, not re-suggested
    click_forward(qtbot, wizard)
    assert child(wizard, PinField, "pinEdit").pin() == ""


def test_every_control_has_an_accessible_name(qtbot: Any) -> None:
    wizard = open_wizard(qtbot)
    for kind in (QLineEdit, QPlainTextEdit, QCheckBox, QComboBox, QPushButton, QProgressBar):
        for widget in wizard.findChildren(kind):
            if widget.objectName().startswith(("qt_", "__qt__")):
                continue  # Qt's own parts (the wizard's buttons are named by their text)
            assert widget.accessibleName(), f"{kind.__name__} {widget.objectName()} has no accessible name"


def test_an_issuer_that_looks_like_markup_is_shown_as_text(qtbot: Any) -> None:
    """The issuer and account come from an e-mailed link: they are text, never Qt rich text."""
    markup = "%3Cb%3EACME%3C%2Fb%3E%3Cimg%20src%3Dx%3E"  # <b>ACME</b><img src=x>
    secret = base64.b32encode(RFC_SEED).decode()
    text = f"otpauth://totp/{markup}:%3Ci%3Ejones%3C%2Fi%3E?secret={secret}&issuer={markup}"
    wizard = open_wizard(qtbot, link_text=text)
    qtbot.waitUntil(wizard.activate_page.isComplete)

    def labels_showing_markup(wizard) -> list[str]:
        return [
            f"{label.objectName()}: {label.text()!r}"
            for label in wizard.findChildren(QLabel)
            if "<" in label.text() and label.textFormat() != Qt.TextFormat.PlainText
        ]

    summary = child(wizard, QLabel, "summaryLabel").text()
    assert "<b>ACME</b>" in summary and labels_showing_markup(wizard) == []
    click_forward(qtbot, wizard)
    assert "<b>ACME</b>" in child(wizard, QLineEdit, "nameEdit").text()
    assert labels_showing_markup(wizard) == []
