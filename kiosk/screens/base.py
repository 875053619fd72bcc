"""Provides KioskScreen: the base of every kiosk screen, with the hooks the app calls declared.

The app reads screens aloud, highlights what is heard, rebuilds their words in another language
and asks whether they hold something the resident typed; each screen overrides what it has.
``kiosk`` is the app as the screens may use it (kiosk.host.Kiosk), typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen, ScreenResultType

from kiosk.host import kiosk_of

if TYPE_CHECKING:
    from kiosk.host import Kiosk


class KioskScreen(Screen[ScreenResultType]):
    @property
    def kiosk(self) -> Kiosk:
        return kiosk_of(self)

    def highlight(self, part: str | None) -> None:
        """Mark the part being read aloud (None: nothing is being read)."""

    def refresh_texts(self) -> None:
        """Fit the words again after a recompose (a new language or register)."""

    def holds_personal_data(self) -> bool:
        """Whether finishing now would erase a name or phone number the resident typed."""
        return False
