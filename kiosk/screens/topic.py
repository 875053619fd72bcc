"""Provides TopicScreen: the guided flows of one topic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from kiosk.messages import FlowChosen
from kiosk.screens.layout import PinnedOptions, TextPane, pinned, restyle, ruby_style, ruby_text
from kiosk.state import Session
from kiosk.widgets.choices import Choices
from kiosk.widgets.key_bar import KeyBar
from kiosk.widgets.ruby_text import RubyText
from kiosk.widgets.sample_banner import SampleBanner

if TYPE_CHECKING:
    from guidance.document import Municipality, Topic


class TopicScreen(PinnedOptions[None]):
    PAGE = 7
    """Flows per page: digits 1–7 choose, 8 is the previous page and 9 the next, so a keypad
    reaches every flow however many a topic has."""

    def __init__(self, topic: Topic, municipality: Municipality) -> None:
        super().__init__()
        self.topic = topic
        self.municipality = municipality
        self.page = 0
        self.composed_language: str | None = None
        """The session language when the screen was composed (its words are in that language)."""

    def _options(self, register: str, language: str) -> list[tuple[str, str]]:
        flows = self.topic.flows
        if len(flows) <= 9:
            return [(f.id, f.title.get(register, language)) for f in flows]
        shown = flows[self.page * self.PAGE:(self.page + 1) * self.PAGE]
        options = [(f.id, f.title.get(register, language)) for f in shown]
        options += [("page-previous", _("Previous page"))] if self.page else []
        options += [("page-next", _("Next page"))] if (self.page + 1) * self.PAGE < len(flows) else []
        return options

    def compose(self) -> ComposeResult:
        register, language = self.kiosk.session.register, self.kiosk.session.language
        self.composed_language = language
        if self.municipality.sample:
            yield SampleBanner()
        with TextPane(classes="page"):
            session = self.kiosk.session
            yield ruby_text(self.topic.title.get(register, language), session, classes="title", id="topic-title")
            if self.topic.flows:
                yield ruby_text(_("Choose what you need help with."), session, classes="body")
            else:
                counter = self.municipality.counter
                yield Static(_("This guidance is still being prepared."), classes="body", id="topic-empty")
                yield Static(_("Please ask at {office} ({phone}).").format(office=counter.name, phone=counter.phone),
                             classes="body")
        if self.topic.flows:
            yield pinned(self._options(register, language), id="topic-choices")
        yield KeyBar()

    def on_mount(self) -> None:
        for choices in self.query(Choices):
            choices.focus_first()
        self.watch(self.app, "session", self._on_session, init=False)
        restyle(self, self.kiosk.session)  # a setting changed between compose and now

    def _on_session(self, session: Session) -> None:
        if self not in self.app.screen_stack:
            return  # a screen kept for a later session: show_again brings its words up to date
        self._relabel(session)

    def _relabel(self, session: Session) -> None:
        title = self.query_one("#topic-title", RubyText)
        text = self.topic.title.get(session.register, session.language)
        if title.plain != text:  # an update lays the page out again, one more frame before it shows
            title.show(text, **ruby_style(session))
        restyle(self, session)
        for choices in self.query(Choices):
            choices.relabel([label for _key, label in self._options(session.register, session.language)])

    def can_show(self, topic: Topic, municipality: Municipality, language: str) -> bool:
        """Whether this screen, kept from an earlier session, shows ``topic`` in ``language``."""
        return self.topic is topic and self.municipality is municipality and self.composed_language == language

    async def show_again(self) -> None:
        """Ready for the next resident, as a new screen would be: the first page, the words in the
        session's register, the focus on the first flow, the page at its top."""
        if not self.is_mounted:
            return  # on_mount does it
        if self.page:
            self.page = 0
            await self.recompose()
        else:
            self._relabel(self.kiosk.session)
            self.query_one(TextPane).scroll_home(animate=False)
        self.refresh_texts()

    def on_screen_resume(self) -> None:
        self.kiosk.auto_read()

    def refresh_texts(self) -> None:
        for choices in self.query(Choices):
            choices.focus_first()

    async def on_choices_chosen(self, event: Choices.Chosen) -> None:
        if event.key in ("page-previous", "page-next"):
            self.page += 1 if event.key == "page-next" else -1
            await self.recompose()
            self.refresh_texts()
            return
        self.post_message(FlowChosen(event.key))
