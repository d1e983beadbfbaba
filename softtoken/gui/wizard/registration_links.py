"""Step 1's part in registering the workstation: a pia://container link read there is not a token.

The page (activate_page.py) looks for one before any token: in the paste box, a QR
image or the screen. It then says what it is, empties the box, and emits
``container_link``; the controller asks the prescriber to confirm the issuer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .common import show_problem, translate

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel

    from softtoken.core.token import TokenDescription

    from .paste_box import PasteBox


class RegistrationLinks:
    """Mixed into ActivatePage (which has the labels, the box and the ``container_link`` signal)."""

    summary_label: QLabel
    problem_label: QLabel
    link_edit: PasteBox
    _link_help: str
    container_link: SignalInstance  # ActivatePage's Signal(object)

    def _clear_box(self) -> None:
        raise NotImplementedError  # ActivatePage's

    def _set_tokens(self, tokens: list[TokenDescription], origin: str) -> None:
        raise NotImplementedError  # ActivatePage's

    def _container_link_in(self, text: str) -> bool:
        """A registration link in the box: said, the box emptied, and handed on (True)."""
        from softtoken.core.containers.link import find_container_link

        link = find_container_link(text)
        if link is None:
            return False
        self._clear_box()
        self._registration_found(link)
        return True

    def _registration_found(self, link: object) -> None:
        self._set_tokens([], "")
        show_problem(self.problem_label, "", self.link_edit, self._link_help)
        self.summary_label.setText(
            translate(
                "ActivationWizard",
                "This is a workstation registration from {issuer}, not a token: confirm it in the "
                "window that opens. Your tokens then arrive by themselves.",
            ).format(issuer=getattr(link, "issuer", ""))
        )
        self.summary_label.setAccessibleDescription(self.summary_label.text())
        self.summary_label.show()
        self.container_link.emit(link)

    def show_registered(self, issuer: str) -> None:
        """The registration read here went through: say so where the prescriber is looking."""
        text = translate(
            "ActivationWizard",
            "This workstation is now registered with {issuer}. Tokens from your help desk open "
            "here by themselves while softtoken runs.",
        ).format(issuer=issuer)
        self.summary_label.setText(text)
        self.summary_label.setAccessibleDescription(text)
        self.summary_label.show()
