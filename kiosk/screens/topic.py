"""Provides TopicScreen: the guided flows of one topic."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from kiosk.i18n import _
from kiosk.messages import FlowChosen
from kiosk.models import Municipality, Topic
from kiosk.state import Session
from kiosk.widgets.choices import Choices
from kiosk.widgets.key_bar import KeyBar
from kiosk.widgets.sample_banner import SampleBanner


class TopicScreen(Screen[None]):
    def __init__(self, topic: Topic, municipality: Municipality) -> None:
        super().__init__()
        self.topic = topic
        self.municipality = municipality

    def compose(self) -> ComposeResult:
        register, language = self.app.session.register, self.app.session.language
        if self.municipality.sample:
            yield SampleBanner()
        with VerticalScroll(classes="page"):
            yield Static(self.topic.title.get(register, language), classes="title", id="topic-title")
            if self.topic.flows:
                yield Static(_("Choose what you need help with."), classes="body")
                yield Choices([(f.id, f.title.get(register, language)) for f in self.topic.flows], id="topic-choices")
            else:
                values = self.municipality.values
                yield Static(_("This guidance is still being prepared."), classes="body", id="topic-empty")
                yield Static(_("Please ask at {office} ({phone}).").format(
                    office=values.get("office_name", ""), phone=values.get("office_phone", "")), classes="body")
        yield KeyBar()

    def on_mount(self) -> None:
        for choices in self.query(Choices):
            choices.focus_first()
        self.watch(self.app, "session", self._on_session, init=False)

    def _on_session(self, session: Session) -> None:
        self.query_one("#topic-title", Static).update(self.topic.title.get(session.register, session.language))
        for choices in self.query(Choices):
            choices.relabel([f.title.get(session.register, session.language) for f in self.topic.flows])

    def on_screen_resume(self) -> None:
        self.app.auto_read()  # type: ignore[attr-defined]

    def refresh_texts(self) -> None:
        for choices in self.query(Choices):
            choices.focus_first()

    def on_choices_chosen(self, event: Choices.Chosen) -> None:
        self.post_message(FlowChosen(event.key))
