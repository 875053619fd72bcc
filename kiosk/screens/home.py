"""Provides HomeScreen: the topics of the guidance, and calling a volunteer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from kiosk.messages import HelpRequested, TopicChosen
from kiosk.screens.layout import PinnedOptions, TextPane, pinned, restyle, ruby_text
from kiosk.state import Session
from kiosk.widgets.choices import Choices
from kiosk.widgets.key_bar import KeyBar
from kiosk.widgets.sample_banner import SampleBanner

if TYPE_CHECKING:
    from guidance.document import Catalogue

VOLUNTEER = "volunteer"


class HomeScreen(PinnedOptions[None]):
    """The topics. The app keeps one for later sessions (issue 5: a key press shows the next
    screen within 50 ms) and shows it again, made ready by ``show_again``."""

    def __init__(self, catalogue: Catalogue, *, offline: bool = False) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.offline = offline
        self.composed_language: str | None = None
        """The session language when the screen was composed (its words are in that language)."""

    def _options(self, register: str) -> list[tuple[str, str]]:
        language = self.kiosk.session.language
        return [*((t.id, t.title.get(register, language)) for t in self.catalogue.topics),
                (VOLUNTEER, _("Call a volunteer"))]

    def _offline_note(self) -> Static:
        counter = self.catalogue.municipality.counter
        return Static(_("Offline: showing the saved guidance. Booking and calling a volunteer need the "
                        "connection; please ask at {office} ({phone}).").format(
            office=counter.name, phone=counter.phone), id="offline-note", classes="notice")

    def compose(self) -> ComposeResult:
        self.composed_language = self.kiosk.session.language
        if self.catalogue.municipality.sample:
            yield SampleBanner()
        with TextPane(classes="page"):
            if self.offline:
                yield self._offline_note()
            session = self.kiosk.session
            yield ruby_text(self.catalogue.municipality.name, session, classes="place")
            yield ruby_text(_("What would you like to do?"), session, classes="title")
            yield ruby_text(_("Press the number, or touch the button."), session, classes="body")
        yield pinned(self._options(self.kiosk.session.register), id="home-choices")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Choices).focus_first()
        self.watch(self.app, "session", self._on_session, init=False)
        restyle(self, self.kiosk.session)  # a setting changed between compose and now

    def _on_session(self, session: Session) -> None:
        self.query_one(Choices).relabel([label for _key, label in self._options(session.register)])
        restyle(self, session)

    def can_show(self, catalogue: Catalogue, language: str) -> bool:
        """Whether this screen, kept from an earlier session, shows ``catalogue`` in ``language``."""
        return self.catalogue is catalogue and self.composed_language == language

    def show_again(self) -> None:
        """Ready for the next resident, as a new screen would be: the words in the session's
        register, the focus on the first topic, the page at its top."""
        if not self.is_mounted:
            return  # on_mount does it
        self._on_session(self.kiosk.session)
        self.query_one(Choices).focus_first()
        self.query_one(TextPane).scroll_home(animate=False)

    async def show_offline(self, offline: bool) -> None:
        """Say, or stop saying, that the guidance shown is the saved one, in place."""
        if offline == self.offline:
            return
        self.offline = offline
        if not self.is_mounted:
            return  # compose shows it
        if offline:
            await self.query_one(TextPane).mount(self._offline_note(), before=0)
        else:
            await self.query("#offline-note").remove()

    def on_screen_resume(self) -> None:
        self.kiosk.auto_read()

    def refresh_texts(self) -> None:
        for choices in self.query(Choices):
            choices.focus_first()

    def on_choices_chosen(self, event: Choices.Chosen) -> None:
        self.post_message(HelpRequested() if event.key == VOLUNTEER else TopicChosen(event.key))
