"""Step 1's other sources: a QR image, the screen, a PSKC key file (other_sources.py reads them).

A file or the screen replaces whatever the paste box held, whether it worked or
not: the page always shows one source and what came of it. A registration link
found there goes the way of one pasted (registration_links.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from softtoken.core.token import TokenDescription

    from .other_sources import Found


class SourceRoutes:
    """Mixed into ActivatePage (which has the box, the problem line and the registration route)."""

    def _clear_box(self) -> None:
        raise NotImplementedError  # ActivatePage's

    def _succeed(self, tokens: list[TokenDescription], origin: str) -> None:
        raise NotImplementedError  # ActivatePage's

    def _fail(self, exc: BaseException | str) -> None:
        raise NotImplementedError  # ActivatePage's

    def _registration_found(self, link: object) -> None:
        raise NotImplementedError  # RegistrationLinks', which comes before this class in ActivatePage

    def _open_image(self) -> None:
        from .other_sources import open_qr_image

        self._from_other_source(open_qr_image)

    def _open_pskc(self) -> None:
        from .other_sources import open_key_file

        self._from_other_source(open_key_file)

    def _scan_screen(self) -> None:
        from .other_sources import scan_screen

        self._from_other_source(scan_screen)

    def _from_other_source(self, read: Callable[[QWidget], Found | None]) -> None:
        from . import other_sources

        try:
            found = read(self)  # type: ignore[arg-type]  # self is the page, a QWidget
        except other_sources.RegistrationFound as registration:
            self._clear_box()
            self._registration_found(registration.link)
            return
        except other_sources.Refused as refused:
            self._other_source_failed(refused.message)
            return
        except Exception as exc:  # noqa: BLE001 - message_for says what it is, a bug included
            self._other_source_failed(exc)
            return
        if found is not None:  # None: the prescriber cancelled a file dialog or a prompt
            self._other_source_gave(*found)

    def _other_source_gave(self, tokens: list[TokenDescription], origin: str) -> None:
        self._clear_box()
        self._succeed(tokens, origin)

    def _other_source_failed(self, problem: BaseException | str) -> None:
        self._clear_box()
        self._fail(problem)
