"""The support card dialog: what a help desk asks for, safe to read aloud; a clock check; a bundle."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from . import dialogs, workers
from .errors import message_for

if TYPE_CHECKING:
    from softtoken.core.clock import Clock
    from softtoken.core.policy import Policy
    from softtoken.core.vault.vault import Vault

translate = QCoreApplication.translate


def qt_versions() -> dict[str, str]:
    import PySide6
    from PySide6.QtCore import qVersion

    return {"qt": qVersion(), "pyside6": PySide6.__version__}


class SupportDialog(QDialog):
    def __init__(self, vault: Vault, policy: Policy, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supportDialog")
        self.setWindowTitle(translate("SupportDialog", "Support card"))
        self.vault, self.policy, self.clock = vault, policy, clock
        self.card: dict[str, Any] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "SupportDialog",
                "Read this to your help desk or send it: it never contains your seed, your PIN or a "
                "passcode.",
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if policy.helpdesk_contact:
            contact = QLabel(
                translate("SupportDialog", "Help desk: {contact}").format(contact=policy.helpdesk_contact)
            )
            contact.setWordWrap(True)
            contact.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(contact)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("supportText")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName(translate("SupportDialog", "Support information"))
        layout.addWidget(self.text)
        self.status = QLabel(self)
        self.status.setObjectName("supportStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.clock_button = QPushButton(translate("SupportDialog", "Check the clock"), self)
        self.clock_button.setObjectName("checkClockButton")
        self.clock_button.setEnabled(bool(policy.ntp_server))
        self.clock_button.clicked.connect(self.check_clock)
        self.copy_button = QPushButton(translate("SupportDialog", "Copy support info"), self)
        self.copy_button.setObjectName("copySupportButton")
        self.copy_button.clicked.connect(self.copy)
        self.save_button = QPushButton(translate("SupportDialog", "Save support bundle…"), self)
        self.save_button.setObjectName("saveBundleButton")
        self.save_button.clicked.connect(self.save_bundle)
        close = QPushButton(translate("SupportDialog", "Close"), self)
        close.clicked.connect(self.accept)
        close.setDefault(True)
        for button in (self.clock_button, self.copy_button, self.save_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(620, 460)
        self.refresh()

    def refresh(self, clock_check: Any = None) -> None:
        from softtoken.core.diagnostics import render, support_card

        def work() -> dict[str, Any]:
            return support_card(
                self.vault, self.policy, self.clock, app=qt_versions(), clock_check=clock_check
            )

        self.text.setPlainText(translate("SupportDialog", "Collecting…"))
        workers.run_in_background(work, lambda card: self._show(card, render(card)), self._failed, owner=self)

    def _show(self, card: dict[str, Any], text: str) -> None:
        self.card = card
        self.text.setPlainText(text)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(message_for(exc))

    def check_clock(self) -> None:
        from softtoken.core.clockcheck import check_clock, save_check

        policy, clock, home = self.policy, self.clock, self.vault.home

        def work() -> object:
            result = check_clock(policy, clock)
            save_check(home, result)
            return result

        self.clock_button.setEnabled(False)
        self.status.setText(translate("SupportDialog", "Checking the clock…"))

        def done(result: Any) -> None:
            self.clock_button.setEnabled(True)
            self.status.setText(result.message)
            self.refresh(result)

        # SNTP may take seconds and never touches the vault: not on its worker, where an unlock waits.
        workers.run_in_background(work, done, self._failed, owner=self, touches_vault=False)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.status.setText(
            translate("SupportDialog", "Copied. Paste it into your message to the help desk.")
        )

    def save_bundle(self) -> None:
        from softtoken.core.diagnostics import save_bundle

        target = dialogs.save_file(
            self,
            translate("SupportDialog", "Save support bundle"),
            translate("SupportDialog", "Zip files (*.zip)"),
            "softtoken-support.zip",
        )
        if not target:
            return
        path = Path(target)
        workers.run_in_background(
            # the save dialog has asked before replacing a file: the bundle replaces it atomically
            lambda: save_bundle(path, self.card, self.vault, replace=True),
            lambda saved: self.status.setText(
                translate("SupportDialog", "Saved to {path}.").format(path=saved)
            ),
            self._failed,
            owner=self,
        )
