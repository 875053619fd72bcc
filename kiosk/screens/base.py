"""Provides KioskScreen: the base of every kiosk screen, with the hooks the app calls declared.

The app reads screens aloud, highlights what is heard, rebuilds their words in another language
and asks whether they hold something the resident typed; each screen overrides what it has.
``kiosk`` is the app as the screens may use it (kiosk.host.Kiosk), typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.message import Message
from textual.screen import Screen, ScreenResultType

from kiosk.host import kiosk_of
from kiosk.widgets.choices import Choices

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

    async def _on_message(self, message: Message) -> None:
        """A choice that reaches a screen no longer shown was meant for the one shown now.

        A quick keypad (8 "close", then 1) sends both keys to the dialog before the first has
        closed it; the second then arrives at a dialog already gone. Its key is handed back to
        the app, which gives it to the screen the resident sees (Textual dispatches a message
        to the subclass's handler first, so this is done before any handler runs)."""
        if isinstance(message, Choices.Chosen) and self.is_attached and not self.is_active:
            message.stop()
            key = message.keystroke
            self.app.post_message(events.Key(key, key if len(key) == 1 else "\r"))
            return
        await super()._on_message(message)
