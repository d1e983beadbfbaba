"""macOS hands a clicked pia:// link over as an open event: it reaches the app like an otpauth:// one."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from softtoken.gui.startup import MacUrlEvents
from tests.gui.fake_workstation import registration_link


def test_a_pia_link_opened_by_the_desktop_goes_to_the_app(qapp: QApplication) -> None:
    opened: list[str] = []
    events = MacUrlEvents(opened.append, qapp)
    try:
        link = registration_link(passphrase="Your employee number")  # %20 in it
        assert events.eventFilter(qapp, QFileOpenEvent(QUrl(link)))
        assert events.eventFilter(qapp, QFileOpenEvent(QUrl("otpauth://totp/ACME:dr?secret=JBSWY3DP")))
        assert not events.eventFilter(qapp, QFileOpenEvent(QUrl("https://pi.acme-health.example/")))
        assert [QUrl(text).scheme() for text in opened] == ["pia", "otpauth"]
        assert opened[0] == link  # as sent: decoded, its spaces would cut it short
        assert opened[1] == "otpauth://totp/ACME:dr?secret=JBSWY3DP"
    finally:
        events.deleteLater()
