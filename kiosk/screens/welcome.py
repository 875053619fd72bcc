"""Provides WelcomeScreen: the idle screen between residents. Any key or touch starts."""

from __future__ import annotations

from textual import events, work
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Static

from kiosk.i18n import LANGUAGE_NAMES, N_, bilingual
from kiosk.messages import SessionStarted
from kiosk.screens.base import KioskScreen
from kiosk.widgets.choices import Choices

_LINES = (
    ("title", N_("Madoguchi — the help counter")),
    ("lead", N_("We help with My Number Card procedures and with booking online consultations and telemedicine.")),
    ("prompt", N_("Press any key or touch the screen to start.")),
    ("language", N_("To use another language, press its number.")),
)


class WelcomeScreen(KioskScreen[None]):
    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="welcome"):
            yield Static("窓口", id="welcome-mark")
            for css_id, message in _LINES:
                text, english = bilingual(message)
                yield Static(text, id=f"welcome-{css_id}", classes="primary")
                if english:
                    yield Static(english, id=f"welcome-{css_id}-en", classes="secondary")
        yield Static(id="welcome-credits")

    def on_mount(self) -> None:
        # The words first; the language buttons and the credits once the screen is painted, so a
        # resident sees the kiosk at once.
        self._add_later()

    async def recompose(self) -> None:
        """Rebuilt in another language (a resident chose one here, or the session ended and the
        next one starts in the default): the buttons and credits come back with the words."""
        await super().recompose()
        self._add_later()

    def _add_later(self) -> None:
        self.call_after_refresh(self._add_languages)
        self.call_after_refresh(self._credits)

    COMPACT_BELOW = 30
    """Screen rows under which the nine languages are one row each (three rows in all), so all
    nine show under the words at 80×24 (issue 12: 7–9 were below the fold)."""

    async def _add_languages(self) -> None:
        if self.query("#welcome-languages"):
            return
        choices = Choices(LANGUAGE_NAMES, id="welcome-languages", columns=3,
                          selected=self.kiosk.session.language)
        self._fit(choices)
        await self.query_one("#welcome").mount(choices)
        choices.focus_first()

    def on_resize(self) -> None:
        for choices in self.query(Choices):
            self._fit(choices)

    def _fit(self, choices: Choices) -> None:
        choices.set_class(self.size.height < self.COMPACT_BELOW, "-compact")

    async def on_choices_chosen(self, event: Choices.Chosen) -> None:
        event.stop()
        await self.kiosk.set_language(event.key)
        self.post_message(SessionStarted())

    @work(thread=True, exclusive=True, group="credits")
    def _credits(self) -> None:
        from accessibility.speech import credit_line

        text = credit_line()  # probes the speech engines: slow, so off the screen's thread
        try:
            self.app.call_from_thread(self._show_credits, text)
        except RuntimeError:  # the kiosk stopped meanwhile: nobody is left to read them
            return

    def _show_credits(self, text: str) -> None:
        """The credits land after the probe; by then the resident may have moved on or quit."""
        for credits in self.query("#welcome-credits").results(Static):
            credits.update(text)

    _LANGUAGE_KEYS = {*"123456789", "enter", "up", "down", "left", "right", "tab", "shift+tab"}

    async def on_key(self, event: events.Key) -> None:
        """Any key starts in the default language; digits, arrows and Enter choose a language."""
        languages = self.query("#welcome-languages")
        if event.key in self._LANGUAGE_KEYS and languages and self.focused is not None:
            return  # the language buttons handle it
        event.stop()
        if event.key in "123456789" and len(event.key) == 1:  # pressed before the buttons appeared
            await self.kiosk.set_language(LANGUAGE_NAMES[int(event.key) - 1][0])
        self.post_message(SessionStarted())

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(SessionStarted())
