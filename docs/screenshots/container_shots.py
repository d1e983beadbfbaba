"""The screens of a workstation registered with the issuer (privacyIDEA token containers).

Part of make_screenshots.py's walk: the registration's confirmation, a delivered
token's naming step, the quiet line of a failed sync, and the new workstation's
registration while moving. Real widgets on a staged vault; no network: the
registration is previewed by core (no request is sent before "Register"), the
move's link is the one a rollover answers, and the failed sync is core's error.

Each window is freed with deleteLater once shot, as the app frees a closed wizard: a
closed ReplacementWizard left to Python's garbage collector crashed the walk when run
in-process (tests/gui/test_spanish_everywhere.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

from PySide6.QtWidgets import QApplication
from shots_kit import LINK, NOW, PIN, Shoot, new_vault, wait_until

from softtoken.core.clock import FixedClock
from softtoken.core.policy import Policy

ISSUER = "ACME Health"
ISSUER_URL = "https://pi.acme-health.example"


def registration_link(serial: str = "SMPH0000D181", issued: float = NOW - 60) -> str:
    """A pia://container link as privacyIDEA's ``register/initialize`` makes it."""
    moment = quote(datetime.fromtimestamp(issued, UTC).isoformat())
    return (
        f"pia://container/{serial}?issuer={quote(ISSUER)}&ttl=10&nonce={'5f0c' * 10}&time={moment}"
        f"&url={quote(ISSUER_URL, safe='/')}&serial={serial}&key_algorithm=secp384r1"
        "&hash_algorithm=SHA256&ssl_verify=True&passphrase=&send_passphrase=False"
    )


def container_screens(shoot: Shoot, policy: Policy, clock: FixedClock) -> None:
    register_screen(shoot, policy, clock)
    delivery_screen(shoot, policy, clock)
    sync_failed_screen(shoot, policy, clock)
    move_screen(shoot, policy, clock)


def register_screen(shoot: Shoot, policy: Policy, clock: FixedClock) -> None:
    from softtoken.core.containers.link import parse_container_link
    from softtoken.core.containers.workstation import Workstation
    from softtoken.gui.register_dialog import RegisterDialog
    from softtoken.gui.workstation import WorkstationService

    vault = new_vault(policy, clock)
    link = parse_container_link(registration_link())
    preview = Workstation(vault).preview(link)  # core's checks; nothing is sent
    service = WorkstationService(lambda: vault, policy)
    dialog = RegisterDialog(service, link, preview)
    dialog.show()
    dialog.activateWindow()
    wait_until(lambda: QApplication.activeWindow() is dialog, "the dialog to be active")
    shoot(dialog, "register-1-confirm")
    dialog.close()
    dialog.deleteLater()
    service.deleteLater()


def delivery_screen(shoot: Shoot, policy: Policy, clock: FixedClock) -> None:
    from softtoken.core.containers.results import Delivery
    from softtoken.gui.wizard.delivery import DeliveryWizard

    delivered = Delivery(
        serial="TOTP00009C21", issuer=ISSUER, suggested_name="ACME Health EPCS", replaces=None, arrived_at=NOW
    )

    def claim(*_args: str) -> object:
        raise AssertionError("the screenshot does not claim the token")

    wizard = DeliveryWizard(
        delivery=delivered,
        policy=policy,
        clock=clock,
        existing_names=[],
        claim=claim,  # type: ignore[arg-type]
    )
    wizard.resize(640, 460)
    wizard.show()
    wizard.activateWindow()
    wait_until(lambda: QApplication.activeWindow() is wizard, "the wizard to be active")
    shoot(wizard, "delivery-1-name")
    wizard.close()
    wizard.deleteLater()


def sync_failed_screen(shoot: Shoot, policy: Policy, clock: FixedClock) -> None:
    from softtoken.core.activation.sources import tokens_from_text
    from softtoken.core.errors import IssuerUnreachable
    from softtoken.gui.container_flow import sync_problem_text
    from softtoken.gui.token_window import TokenWindow

    vault = new_vault(policy, clock)
    (token,) = tokens_from_text(LINK)
    vault.activate(token, "ACME EPCS", PIN, PIN)
    window = TokenWindow(vault, policy, clock)
    window.resize(460, 400)
    window.show()
    window.reload()
    wait_until(lambda: window.stack.currentWidget() is window.pin_page, "the PIN page")
    down = IssuerUnreachable(  # what core's transport says when the issuer does not answer in time
        "The issuer {url} did not answer in time. Your tokens keep working; softtoken tries again later.",
        params={"url": ISSUER_URL},
    )
    window.show_sync_problem(sync_problem_text(down))
    shoot(window, "token-10-sync-failed")
    window.close()
    window.deleteLater()


def move_screen(shoot: Shoot, policy: Policy, clock: FixedClock) -> None:
    from softtoken.core.activation.sources import tokens_from_text
    from softtoken.core.lifecycle import Reason
    from softtoken.gui.wizard.replacement import ReplacementWizard

    vault = new_vault(policy, clock)
    (token,) = tokens_from_text(LINK)
    vault.activate(token, "ACME EPCS", PIN, PIN)
    old = vault.status()[0]
    new_registration = registration_link(serial="SMPH0000D181", issued=NOW)

    def rollover(done: object, _failed: object) -> None:
        done(new_registration)  # type: ignore[operator]

    def finish_move(done: object, _failed: object) -> None:
        raise AssertionError("the screenshot does not finish the move")

    wizard = ReplacementWizard(
        token=old,
        policy=policy,
        clock=clock,
        existing_names=[old.name],
        replace=lambda *_args: None,  # type: ignore[arg-type,return-value]
        retire=lambda _done, _failed: None,
        reason=Reason.NEW_WORKSTATION,
        move=(ISSUER, rollover, finish_move),
    )
    wizard.resize(660, 560)
    wizard.show()
    wizard.activateWindow()
    wait_until(lambda: QApplication.activeWindow() is wizard, "the wizard to be active")
    wizard.next()
    page = wizard.move_page
    assert page is not None  # noqa: S101 - made with move=
    wait_until(lambda: bool(page.link), "the new registration")
    shoot(wizard, "replace-move-qr")
    wizard.close()
    wizard.deleteLater()  # freed here, on the GUI thread, as the app frees a closed wizard
