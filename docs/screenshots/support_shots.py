"""The screens of a help-desk call: the support card, the clock warning and check, a web link.

Part of make_screenshots.py's walk (see there); each function shows real
widgets on a staged vault and hands every screen to ``shoot``.
"""

from __future__ import annotations

import os
import time

from shots_kit import LINK, PIN, WEB_MAIL, Shoot, new_vault, wait_until

from softtoken.core.clock import FixedClock
from softtoken.core.policy import Policy
from softtoken.core.vault.vault import Vault


def web_link_screen(shoot: Shoot, policy: Policy, clock: FixedClock) -> None:
    """The e-mail of a hard token (a web page's link) pasted into softtoken: refused at step 1."""
    from softtoken.gui.wizard.activation import ActivationWizard

    wizard = ActivationWizard(policy=policy, existing_names=[], commit=None, clock=clock)
    wizard.resize(640, 480)
    wizard.show()
    wait_until(lambda: len(wizard.pageIds()) == 4, "steps 2-4")
    wizard.activate_page.set_link(WEB_MAIL)
    wait_until(wizard.activate_page.problem_label.isVisible, "the refusal")
    shoot(wizard, "activate-1-web-link")
    wizard.close()


def support_screens(shoot: Shoot, policy: Policy, clock: FixedClock) -> None:
    from softtoken.core import keystore
    from softtoken.core.activation.sources import tokens_from_text
    from softtoken.core.clockcheck import ClockCheck, describe, save_check
    from softtoken.gui.errors import core_text
    from softtoken.gui.support import SupportDialog
    from softtoken.gui.token_window import TokenWindow

    os.environ["TZ"] = os.environ.get("SOFTTOKEN_SHOTS_TZ", "CST6CDT,M3.2.0,M11.1.0")  # a clinic in Chicago
    time.tzset()
    # staged like the clock: the card names the keystore a Linux desktop has, not the in-memory one
    keystore.secret_service_program = lambda: "GNOME Keyring"
    vault = new_vault(policy, clock)
    vault.keystore.name = "keyring.backends.SecretService.Keyring"
    (token,) = tokens_from_text(LINK)
    vault.activate(token, "ACME EPCS", PIN, PIN)
    clock.advance(95)
    vault.unlock(None, PIN)  # "last used"
    status, template, params = describe(-42.0, policy)  # what core says of a clock 42 s fast
    english = template.format(**params)
    save_check(
        vault.home, ClockCheck("time.acme.example", clock.now(), status, -42.0, english, template, params)
    )
    dialog = SupportDialog(vault, policy, clock)
    dialog.resize(660, 600)
    dialog.show()
    wait_until(lambda: bool(dialog.card), "the support card")
    dialog.details_button.click()  # the technical lines too, as the help desk may ask for them
    wait_until(lambda: bool(dialog.details.toPlainText()), "the card's details")
    shoot(dialog, "support-card")
    dialog.close()
    window = TokenWindow(vault, policy, clock)
    window.resize(460, 380)
    window.show()
    window.reload()
    window.show_clock_warning(core_text(template, params, fallback=english))  # as Controller.check_clock
    wait_until(lambda: window.built and window.stack.currentWidget() is window.pin_page, "the PIN page")
    shoot(window, "token-8-clock-warning")
    window.close()
    clock_check_screen(shoot, vault, policy, clock)


def clock_check_screen(shoot: Shoot, vault: Vault, policy: Policy, clock: FixedClock) -> None:
    """*Check the clock* on the support card, for a computer 95 s slow.

    The real dialog, check, wording and card; only the time server's answer is
    staged (an SNTP reply cannot come from time.acme.example here)."""
    from softtoken.core import clockcheck
    from softtoken.gui.support import SupportDialog

    query = clockcheck.sntp_offset
    clockcheck.sntp_offset = lambda server, clock, timeout=2.0: 95.0  # the server is 95 s ahead
    try:
        dialog = SupportDialog(vault, policy, clock)
        dialog.resize(660, 520)
        dialog.show()
        wait_until(lambda: bool(dialog.card), "the support card")
        dialog.clock_button.click()
        wait_until(
            lambda: dialog.clock_button.isEnabled() and not dialog._say_clock and bool(dialog.status.text()),
            "the clock check on the card",
        )
        shoot(dialog, "support-clock-check")
        dialog.close()
    finally:
        clockcheck.sntp_offset = query
