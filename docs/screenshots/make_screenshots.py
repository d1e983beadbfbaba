"""Screenshots of the real screens, for the help-desk guide and for looking at them.

    python docs/screenshots/make_screenshots.py [--variant all|light,es,dark,contrast,1024,scale2]
        [--only NAME,...] [--no-guide] [--guide GUIDE] [OUT_DIR]

Runs the app's own widgets on a throw-away data directory, an in-memory
keystore and a pinned clock, walks every step a prescriber sees and saves one
PNG per screen (default: docs/screenshots/). In English every screen is saved;
in Spanish (the app's catalog and Qt's own, as a Spanish desktop gets them) the
main screens, as ``<name>-es.png``; the other variants (``-dark``, ``-contrast``,
``-1024``, ``-scale2``) every screen, each walk in a process of its own. Then it
writes the guide's "Common calls" section (docs/helpdesk-guide.md, from common_calls.py),
whose pictures it has
just made. The walk waits on the screens' state, never
on their words, so it runs in any language. Under Xvfb (QT_QPA_PLATFORM=xcb)
the pictures match a real desktop; CI runs it offscreen so that it cannot rot
(tests/gui/test_screenshots.py).
"""

from __future__ import annotations

import base64
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: tests.keyrings
sys.path.insert(0, str(Path(__file__).resolve().parent))  # shots_kit, support_shots, common_calls

from container_shots import container_screens
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from shots_kit import LINK, NOW, PIN, Shoot, Shooter, new_vault, remove_temp_homes, temp_home, wait_until
from support_shots import support_screens, web_link_screen

from softtoken.core.clock import FixedClock
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault

if TYPE_CHECKING:
    from softtoken.gui.token_window import TokenWindow

TIME_ZONE = os.environ.get("TZ", "UTC")
HELPDESK = "ACME Health EPCS help desk: 555-0100, Monday to Friday 7:00-19:00"
# The administrator of a Spanish-speaking practice writes the contact in Spanish (it is policy text).
HELPDESK_ES = "Servicio de asistencia EPCS de ACME Health: 555-0100, de lunes a viernes de 7:00 a 19:00"
# The main screens, also made in Spanish (as <name>-es.png).
SPANISH = {
    "activate-1-link",
    "activate-1-no-keystore",
    "activate-3-pin-too-easy",
    "activate-4-done",
    "token-2-passcode",
    "token-5-wait-last-attempt",
    "token-6-disabled",
    "replace-1-why-lost",
    "support-card",
    "register-1-confirm",
    "delivery-1-name",
}


def wizard_screens(shoot: Shoot, policy: Policy, clock: FixedClock) -> Vault:
    from softtoken.gui.wizard.activation import ActivationWizard

    vault = new_vault(policy, clock)
    wizard = ActivationWizard(
        policy=policy,
        existing_names=[],
        commit=lambda r: vault.activate(r.description, r.name, r.pin, r.confirm),
        clock=clock,
        unlock=vault.unlock,
        check=vault.check_activation,
    )
    wizard.resize(640, 480)
    wizard.show()
    wait_until(lambda: len(wizard.pageIds()) == 4, "steps 2-4 (made after the first paint)")
    edit = wizard.findChild(QPlainTextEdit, "linkEdit")
    shoot(wizard, "activate-1-empty")
    edit.setPlainText(LINK[:70])
    shoot(wizard, "activate-1-cut-short")
    # As a paste: read, then shown with its secret masked.
    wizard.activate_page.set_link(
        f"Dear Dr Jones,\n\nTo activate your soft token, use this link:\n{LINK}\n\nACME Health"
    )
    wait_until(wizard.activate_page.isComplete, "the link checked")
    shoot(wizard, "activate-1-link")
    wizard.next()
    shoot(wizard, "activate-2-name")
    wizard.findChild(QLineEdit, "nameEdit").setText("ACME EPCS")
    wizard.next()
    wizard.findChild(QLineEdit, "pinEdit").setText("1234")
    wizard.findChild(QLineEdit, "confirmEdit").setText("1234")
    shoot(wizard, "activate-3-pin-too-easy")
    wizard.findChild(QLineEdit, "pinEdit").setText(PIN)
    wizard.findChild(QLineEdit, "confirmEdit").setText(PIN)
    wizard.findChild(QLineEdit, "pinEdit").setFocus()
    shoot(wizard, "activate-3-pin")
    wizard.next()
    wait_until(lambda: wizard.currentId() == 3, "the Done page")
    shoot(wizard, "activate-4-done")
    proof = wizard.done_page.proof
    proof.pin_edit.setText(PIN)
    proof.show_passcode()  # as Enter in that field
    wait_until(lambda: bool(proof.code), "the first passcode")
    shoot(wizard, "activate-4-passcode")
    wizard.close()
    repeated_seed_screen(shoot, vault, policy, clock)
    web_link_screen(shoot, policy, clock)
    return vault


def repeated_seed_screen(shoot: Shoot, vault: Vault, policy: Policy, clock: FixedClock) -> None:
    """The same link again: refused at step 1, before a name or PIN is typed."""
    from softtoken.gui.wizard.activation import ActivationWizard

    wizard = ActivationWizard(
        policy=policy, existing_names=["ACME EPCS"], commit=None, clock=clock, check=vault.check_activation
    )
    wizard.resize(640, 480)
    wizard.show()
    wait_until(lambda: len(wizard.pageIds()) == 4, "steps 2-4")
    wizard.activate_page.set_link(LINK)
    wait_until(wizard.activate_page.problem_label.isVisible, "the refusal")
    shoot(wizard, "activate-1-repeated-seed")
    wizard.close()


def no_keystore_screen(shoot: Shoot, policy: Policy, clock: FixedClock) -> None:
    """Step 1 on a desktop without a keystore service: the Controller's probe after the first paint."""
    import keyring
    from keyring.backends import fail
    from PySide6.QtWidgets import QLabel

    from softtoken.gui.app import Controller

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # keyring finds no secure backend
    try:
        home = temp_home()
        controller = Controller(lambda: Vault(home, policy=policy, clock=clock), policy, clock, home=home)
        controller.start()
        wizard = controller.wizard
        if wizard is None:
            raise SystemExit("make_screenshots: the first run opened no wizard")
        wizard.resize(640, 480)
        wait_until(
            lambda: (banner := wizard.findChild(QLabel, "keystoreBanner")) is not None and banner.isVisible(),
            "the keystore banner",
        )
        shoot(wizard, "activate-1-no-keystore")
        controller.wizard = None  # closing it must not end the script's application
        wizard.hide()
    finally:
        keyring.set_keyring(previous)


def token_window_screens(shoot: Shoot, vault: Vault, clock: FixedClock, policy: Policy) -> None:
    from softtoken.gui.token_window import TokenWindow

    window = TokenWindow(vault, policy, clock)
    window.resize(460, 360)
    window.show()
    window.reload()
    wait_until(lambda: window.stack.currentWidget() is window.pin_page, "the PIN page")
    shoot(window, "token-1-pin")
    window.pin_page.pin_edit.setText(PIN)
    window.pin_page.unlock_button.click()
    wait_until(lambda: window.stack.currentWidget() is window.code_page, "the passcode")
    shoot(window, "token-2-passcode")
    window.code_page.copy()
    shoot(window, "token-3-copied")
    window.idle.timer.timeout.emit()  # as if the prescriber left it for the policy's idle time
    wait_until(lambda: window.stack.currentWidget() is window.pin_page, "the idle lock")
    shoot(window, "token-9-idle-locked")
    clock.advance(3600)  # past the sync window: "ready"
    window.reload()
    wait_until(lambda: window.stack.currentWidget() is window.pin_page, "the PIN page")
    for attempt in range(3):
        wrong_pin(window)
        if attempt == 0:
            shoot(window, "token-4-wrong-pin")
    shoot(window, "token-5-wait")
    window.close()


def wrong_pin(window: TokenWindow) -> None:
    """Type a wrong PIN and wait for its answer (in any language)."""
    page = window.pin_page
    before = page.message.text()
    page.pin_edit.setText("1357")
    page.unlock_button.click()  # the page turns busy at once, and back when the vault answers
    wait_until(lambda: not page.busy.isVisible() and page.message.text() != before, "the wrong-PIN message")


def last_attempt_screen(shoot: Shoot, policy: Policy, clock: FixedClock) -> None:
    """The next-to-last wrong PIN: the last attempt said plainly, a wait in minutes and seconds."""
    from softtoken.core.activation.sources import tokens_from_text
    from softtoken.core.errors import WrongPin
    from softtoken.gui.token_window import TokenWindow

    vault = new_vault(policy, clock)
    (token,) = tokens_from_text(LINK)
    vault.activate(token, "ACME EPCS", PIN, PIN)
    for _ in range(policy.max_attempts - 2):
        try:
            vault.unlock(None, "1357")
        except WrongPin as exc:
            clock.advance(exc.wait_seconds)
    window = TokenWindow(vault, policy, clock)
    window.resize(460, 360)
    window.show()
    window.reload()
    wait_until(lambda: window.stack.currentWidget() is window.pin_page, "the PIN page")
    wrong_pin(window)
    for _ in range(2):
        window.pin_page._tick_wait()  # two seconds of the countdown, without waiting for them
    shoot(window, "token-5-wait-last-attempt")
    window.close()


def disabled_screen(shoot: Shoot, policy: Policy, clock: FixedClock) -> None:
    from softtoken.core.activation.sources import tokens_from_text
    from softtoken.core.errors import WrongPin
    from softtoken.gui.token_window import TokenWindow

    vault = new_vault(policy, clock)
    (token,) = tokens_from_text(LINK)
    vault.activate(token, "ACME EPCS", PIN, PIN)
    for _ in range(policy.max_attempts):
        try:
            vault.unlock(None, "1357")
        except WrongPin as exc:
            clock.advance(exc.wait_seconds)
    window = TokenWindow(vault, policy, clock)
    window.resize(460, 360)
    window.show()
    window.reload()
    wait_until(lambda: window.stack.currentWidget() is window.disabled_page, "the disabled page")
    shoot(window, "token-6-disabled")
    window.close()


def several_tokens_screen(shoot: Shoot, policy: Policy, clock: FixedClock) -> None:
    from softtoken.core.activation.sources import tokens_from_text
    from softtoken.gui.token_window import TokenWindow

    vault = new_vault(policy, clock)
    tokens = (
        ("ACME EPCS", b"12345678901234567890", "TOTP00004B18"),
        ("Hospital EPCS night shift", bytes(range(40, 60)), "TOTP00009C21"),
    )
    for name, seed, serial in tokens:
        secret = base64.b32encode(seed).decode()
        label = name.replace(" ", "%20")
        (token,) = tokens_from_text(
            f"otpauth://totp/ACME%20Health:{label}?secret={secret}&issuer=ACME%20Health&serial={serial}"
        )
        vault.activate(token, name, PIN, PIN)
    window = TokenWindow(vault, policy, clock)
    window.resize(460, 360)
    window.show()
    window.reload()
    wait_until(lambda: window.stack.currentWidget() is window.list_page, "the token list")
    shoot(window, "token-7-several")
    window.close()


def replacement_screens(shoot: Shoot, policy: Policy, clock: FixedClock) -> None:
    from softtoken.core.activation.sources import tokens_from_text
    from softtoken.core.containers import Workstation
    from softtoken.core.lifecycle import Reason
    from softtoken.gui import workers
    from softtoken.gui.wizard.replacement import ReplacementWizard

    vault = new_vault(policy, clock)
    (token,) = tokens_from_text(LINK)
    vault.activate(token, "ACME EPCS", PIN, PIN)
    old = vault.status()[0]

    def make(reason: Reason | None, link: str | None = None) -> ReplacementWizard:
        wizard = ReplacementWizard(
            token=old,
            policy=policy,
            clock=clock,
            existing_names=[old.name],
            replace=lambda r, why, at: vault.replace(
                old.token_id, r.description, r.name, r.pin, r.confirm, reason=why, loss_reported_at=at
            ),
            retire=lambda done, failed: workers.run_in_background(
                lambda: Workstation(vault).retire(old.token_id), done, failed
            ),
            reason=reason,
            link=link,
            unlock=vault.unlock,
            check=lambda description: vault.check_replacement(old.token_id, description),
        )
        wizard.resize(640, 480)
        wizard.show()
        wizard.activateWindow()
        wait_until(lambda: QApplication.activeWindow() is wizard, "the wizard to be active")  # focus shown
        return wizard

    new_seed = base64.b32encode(bytes(range(40, 60))).decode()
    new_link = (
        f"otpauth://totp/ACME%20Health:dr.jones?secret={new_seed}&issuer=ACME%20Health&serial=TOTP00009C21"
    )
    from_link = make(None, new_link)  # "Replace my token…" from an incoming link
    shoot(from_link, "replace-1-from-link")
    from_link.close()

    wizard = make(Reason.LOST)
    wizard.reason_page.reported.setChecked(True)
    shoot(wizard, "replace-1-why-lost")
    wizard.next()
    wizard.activate_page.set_link(new_link)
    wait_until(wizard.activate_page.isComplete, "the new link checked")
    shoot(wizard, "replace-2-new-activation")
    wizard.next()
    shoot(wizard, "replace-3-name")
    wizard.next()
    wizard.pin_page.pin_edit.setText("5173")
    wizard.pin_page.confirm_edit.setText("5173")
    shoot(wizard, "replace-4-pin")
    wizard.next()
    wait_until(lambda: wizard.currentPage() is wizard.done_page, "the replacement's Done page")
    wizard.done_page.proof.pin_edit.setText("5173")
    wizard.done_page.proof.show_passcode()
    wait_until(lambda: bool(wizard.done_page.proof.code), "the new token's first passcode")
    shoot(wizard, "replace-5-done")
    wizard.close()
    retire = make(Reason.NEW_WORKSTATION)
    retire.next()
    retire.retire_page.understood.setChecked(True)
    shoot(retire, "replace-new-workstation")
    retire.close()


def settle() -> None:
    """Between two screens' functions: their background jobs done, their closed windows freed here.

    A closed window of the screens before stays in Python reference cycles until a garbage
    collection frees it. That collection may run in a worker thread (the support card's job
    imports cryptography and allocates a lot), and a Qt window freed there crashed the walk now
    and then. So it is freed here, on the GUI thread, once no job runs (a collection while a job
    runs is what the earlier crash was about).
    """
    import gc

    from softtoken.gui import workers

    wait_until(lambda: not workers.busy(), "the background jobs")
    gc.collect()


def walk(shoot: Shoot, helpdesk: str = HELPDESK) -> None:
    """Every screen, in order, each handed to ``shoot`` with its name (tests reuse this walk)."""
    os.environ["TZ"] = TIME_ZONE  # support_screens moves to a clinic's zone: every walk starts alike
    time.tzset()
    policy = Policy(helpdesk_contact=helpdesk)
    clock = FixedClock(NOW)
    try:
        vault = wizard_screens(shoot, policy, clock)
        settle()
        no_keystore_screen(shoot, policy, FixedClock(NOW))
        settle()
        token_window_screens(shoot, vault, clock, policy)
        settle()
        last_attempt_screen(shoot, policy, FixedClock(NOW))
        settle()
        disabled_screen(shoot, policy, FixedClock(NOW))
        settle()
        several_tokens_screen(shoot, policy, FixedClock(NOW))
        settle()
        replacement_screens(shoot, policy, FixedClock(NOW))
        settle()
        support = Policy(helpdesk_contact=helpdesk, ntp_server="time.acme.example")
        support_screens(shoot, support, FixedClock(NOW))
        settle()
        container_screens(shoot, policy, FixedClock(NOW))
        settle()
    finally:
        remove_temp_homes()  # each walk left a dozen folders in /tmp, which slowed every file dialog


def speak(app: QApplication, language: str) -> None:
    """The app's language from here on, as a desktop in that language gets it (softtoken.gui.__main__)."""
    from softtoken.gui import i18n

    while i18n._keep:  # back to English after a Spanish walk (only widgets made later change)
        app.removeTranslator(i18n._keep.pop())
    if language == "es":
        QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Spain))
        i18n.install_translator(app, "es")  # softtoken's catalog and Qt's own
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


# Every variant the screens are checked in, and the suffix of its pictures.
VARIANTS = {
    "light": "",  # the platform's own (light) palette, English
    "es": "-es",  # Spanish: the app's catalog and Qt's own
    "dark": "-dark",  # a dark palette (Fusion)
    "contrast": "-contrast",  # a high-contrast palette (white on black, yellow accents)
    "1024": "-1024",  # the wizards and token window maximised on a 1024×768 screen
    "scale2": "-scale2",  # a high-DPI screen: QT_SCALE_FACTOR=2 (a process of its own)
}
DEFAULT_VARIANTS = ("light", "es")


def _variant_list(text: str) -> list[str]:
    chosen = [v.strip() for v in text.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in VARIANTS]
    if unknown or not chosen:
        raise SystemExit(f"make_screenshots: unknown variant(s) {unknown}; choose from {', '.join(VARIANTS)}")
    return chosen


def _in_own_processes(variants: list[str], out: Path, only: str) -> list[Path]:
    """One process per variant, as the app starts in a theme, a language or at a scale.

    A palette or style sheet changed on an application whose windows of the walk
    before are closed but not yet freed crashed Qt (in QApplication::setStyleSheet),
    and QT_SCALE_FACTOR counts only before the application exists.
    """
    import subprocess

    made: list[Path] = []
    for variant in variants:
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--variant",
            variant,
            "--no-guide",
            str(out),
        ]
        if only:
            command += ["--only", only]
        env = dict(os.environ)
        env.pop("QT_SCALE_FACTOR", None)
        if variant == "scale2":
            env["QT_SCALE_FACTOR"] = "2"
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0:
            failed = f"the {variant} walk failed (exit {done.returncode})"
            raise SystemExit(f"make_screenshots: {failed}:\n{done.stderr[-3000:]}")
        made += [Path(line) for line in done.stdout.splitlines() if line.endswith(".png")]
    return made


def _walk_one(variant: str, out: Path, only: set[str] | None) -> list[Path]:
    """The walk of one variant in this process."""
    if variant == "scale2":
        os.environ["QT_SCALE_FACTOR"] = "2"  # before the application exists
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("softtoken")
    from softtoken.gui import style

    speak(app, "es" if variant == "es" else "en")
    if variant in ("dark", "contrast"):
        style.use_theme(app, variant)
    if hasattr(style, "install"):  # (the pictures "before" issue 16 were made with this script too)
        style.install(app)
    shooter = Shooter(
        out,
        suffix=VARIANTS[variant],
        only=(only & SPANISH if only else SPANISH) if variant == "es" else only,
        fill=(1024, 768) if variant == "1024" else None,
    )
    walk(shooter, HELPDESK_ES if variant == "es" else HELPDESK)
    return shooter.made


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Screenshots of every screen (see the module's docstring).")
    parser.add_argument("out", nargs="?", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument(
        "--variant",
        default=",".join(DEFAULT_VARIANTS),
        help=f"comma-separated, from: {', '.join(VARIANTS)}; 'all' for every one (default: light,es)",
    )
    parser.add_argument("--lang", choices=["en", "es", "both"], help="old spelling: en = light, es, both")
    parser.add_argument("--only", default="", help="comma-separated screen names (default: every screen)")
    parser.add_argument("--no-guide", action="store_true", help="do not rewrite the guide's Common calls")
    parser.add_argument(
        "--guide",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "helpdesk-guide.md",
        help="the help-desk guide whose 'Common calls' section is written (common_calls.py)",
    )
    args = parser.parse_args(argv[1:])
    if args.lang:
        variants = {"en": ["light"], "es": ["es"], "both": ["light", "es"]}[args.lang]
    else:
        variants = list(VARIANTS) if args.variant == "all" else _variant_list(args.variant)
    if os.environ.get("SOFTTOKEN_SHOTS_DARK"):
        variants = ["dark" if v == "light" else v for v in variants]
    only = {name for name in args.only.split(",") if name} or None
    if len(variants) == 1:
        made = _walk_one(variants[0], args.out, only)
    else:
        made = _in_own_processes(variants, args.out, args.only)
    for path in made:
        print(path)
    if args.no_guide or only is not None or "light" not in variants:
        return 0
    from common_calls import CALLS, write_guide

    missing = {name for call in CALLS for name, _ in call.screens} - {path.stem for path in made}
    if missing:
        raise SystemExit(
            f"make_screenshots: the common calls show screens it did not make: {sorted(missing)}"
        )
    print(write_guide(args.guide))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
