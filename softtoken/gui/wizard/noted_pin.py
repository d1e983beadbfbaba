"""A wizard's PIN field that says a note once: its page's words when the page opens, or a refusal.

Orca speaks a focused field's description when the focus arrives and every time
it changes. A :class:`~softtoken.gui.pin_field.PinField`'s description changes
with each digit ("1 of 4 digits."), so a long note kept in it would be spoken
again at every digit. The note is said after the progress until the next digit
is typed, and dropped in the same change that says the new progress: one
description change a digit, as without a note.

(It reads PinField's ``_description``, what the caller asked to be said; the
same hook could be PinField's own: see issue 17's notes.)
"""

from __future__ import annotations

from ..pin_field import PinField


class NotedPinField(PinField):
    """A PinField with :meth:`say_once`: a note said until the next digit is typed."""

    _note = ""

    def say_once(self, note: str) -> None:
        """Say ``note`` after the progress now, and until a digit is typed (best on an empty field)."""
        self._note = note
        self.describe()

    @property
    def note(self) -> str:
        return self._note

    def describe(self) -> None:
        if self._note and self.pin():  # a digit was typed: the note was heard
            self._note = ""
        asked = self._description
        self._description = f"{asked} {self._note}".strip()
        try:
            super().describe()
        finally:
            self._description = asked
