"""Provides StepScreen: any node of any flow (question, information, checklist, outcome, hand-off)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Button, Static

from kiosk.messages import BookingRequested, HelpRequested, HomeRequested, SessionEndRequested, StepAnswered
from kiosk.presenter import HANDOFF, HOME, SLIP, StepView, step_view
from kiosk.screens.layout import PinnedOptions, TextPane, pinned, ruby_style
from kiosk.screens.notice import slip_screen
from kiosk.state import Session
from kiosk.widgets.choices import Choices
from kiosk.widgets.key_bar import KeyBar
from kiosk.widgets.ruby_text import RubyText
from kiosk.widgets.sample_banner import SampleBanner

if TYPE_CHECKING:
    from guidance.document import Flow, Municipality, Node


class StepScreen(PinnedOptions[None]):
    """One step of a guided flow. It knows node kinds, never a particular flow; what it says comes
    from kiosk.presenter, shared with the read-aloud and the golden path artefacts."""

    def __init__(self, flow: Flow, node: Node, municipality: Municipality, *, step: int, remaining: int,
                 day: dt.date, answer: str | None = None) -> None:
        super().__init__(classes=f"-{node.kind}")
        self.flow, self.node, self.municipality = flow, node, municipality
        self.step, self.remaining, self.day = step, remaining, day
        self.answer = answer
        self.composed_language: str | None = None
        """The session language when the screen was composed (its key bar is in that language)."""
        self._shown: tuple[str, str, bool] | None = None
        """(register, language, furigana) the words on screen were rendered for."""

    def view(self, session: Session) -> StepView:
        return step_view(self.flow, self.node, session.register, self.day, step=self.step,
                         remaining=self.remaining, language=session.language)

    def compose(self) -> ComposeResult:
        self.composed_language, self._shown = self.kiosk.session.language, None
        if self.municipality.sample:
            yield SampleBanner()
        with TextPane(classes="page"):
            yield Static(id="step-place", classes="place")
            yield Static(id="step-note", classes="notice")
            yield RubyText(id="step-title", classes="title")
            yield RubyText(id="step-body", classes="body")
            yield RubyText(id="step-steps", classes="steps")
            yield Static(id="step-items", classes="items")
            yield RubyText(id="step-sources", classes="sources")
        yield pinned(self.view(self.kiosk.session).options, selected=self.answer, id="step-choices")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show(self.kiosk.session)
        self.query_one(Choices).focus_first()
        self.watch(self.app, "session", self._session_changed, init=False)

    def can_show(self, municipality: Municipality, language: str) -> bool:
        """Whether this screen, composed for an earlier step, can show another step of a session in
        ``language`` at ``municipality`` (its key bar and sample banner were made for its own)."""
        return self.composed_language == language and self.municipality.sample == municipality.sample

    async def show_step(self, flow: Flow, node: Node, municipality: Municipality, *, step: int, remaining: int,
                        day: dt.date, answer: str | None = None) -> None:
        """Show another step on this screen, in place: the same widgets take the new words and
        options, so nothing is composed, mounted or styled from scratch (issue 5: a key press
        shows the next step within 50 ms). Everything is in place when this returns."""
        if node.kind != self.node.kind:  # one restyle of the screen, not two
            self.remove_class(f"-{self.node.kind}", update=False)
            self.add_class(f"-{node.kind}")
        self.flow, self.node, self.municipality = flow, node, municipality
        self.step, self.remaining, self.day = step, remaining, day
        self.answer = answer
        if not self.is_mounted:
            return  # on_mount shows it
        self.highlight(None)
        session: Session = self.kiosk.session
        choices = self.query_one(Choices)
        await choices.set_options(self.view(session).options)
        self._show(session)
        choices.select(answer)
        self.query_one(TextPane).scroll_home(animate=False)
        self.fit_options()

    def _session_changed(self, session: Session) -> None:
        """Settings apply at once; moving through the flow changes nothing on a step already shown.
        A step screen kept for reuse forgets the answer when the session ends."""
        if self in self.app.screen_stack:
            if self._shown != (session.register, session.language, session.furigana):
                self._show(session)
        elif not session.trail and self.is_mounted:
            self.answer = None
            self.query_one(Choices).mark(None)

    def on_screen_resume(self) -> None:
        """Coming back to this step: show the answer given before, pre-selected."""
        if self.node.kind == "question":
            self.query_one(Choices).select(self.kiosk.session.answers.get(self.node.id))
        self.kiosk.auto_read()

    def highlight(self, part: str | None) -> None:
        """Mark the part being read aloud (see kiosk.presenter.speech_parts); None clears it."""
        widgets = {"place": "#step-place", "note": "#step-note", "title": "#step-title", "body": "#step-body",
                   "steps": "#step-steps", "items": "#step-items", "help": "KeyBar", "more": "#choice-more"}
        for widget in self.query(".-speaking"):
            widget.remove_class("-speaking")
        if part is None:
            return
        if part.startswith("option:"):
            buttons = self.query_one(Choices).buttons
            index = int(part.split(":")[1]) - 1
            if 0 <= index < len(buttons):
                buttons[index].add_class("-speaking")
        elif part in widgets:
            for widget in self.query(widgets[part]):
                widget.add_class("-speaking")

    def refresh_texts(self) -> None:
        """After a language change rebuilt the screen."""
        self._show(self.kiosk.session)
        self.query_one(Choices).focus_first()

    def _show(self, session: Session) -> None:
        view = self.view(session)
        self._shown = (session.register, session.language, session.furigana)
        self.query_one("#step-place", Static).update(view.place)
        note = self.query_one("#step-note", Static)
        note.update(view.note)
        note.display = bool(view.note)
        style = ruby_style(session)
        # A step shown in plain Japanese for want of a translation (the note says so) has furigana too.
        furigana = style["furigana"] or bool(view.note and session.furigana)
        words = style["words"]
        self.query_one("#step-title", RubyText).show(view.title, furigana=furigana, words=words)
        body = self.query_one("#step-body", RubyText)
        body.show(view.body, furigana=furigana, words=words)
        body.display = bool(view.body)
        steps = self.query_one("#step-steps", RubyText)
        steps.show_numbered(view.steps, furigana=furigana, words=words)
        steps.display = bool(view.steps)
        items = self.query_one("#step-items", Static)
        items.update("\n".join(f"☐ {item}" for item in view.items))
        items.display = bool(view.items)
        self.query_one(Choices).relabel([label for _key, label in view.options])
        sources = self.query_one("#step-sources", RubyText)
        sources.show("\n".join(view.sources))
        sources.display = bool(view.sources)

    def on_choices_chosen(self, event: Choices.Chosen) -> None:
        if self.node.kind == "question":
            self.post_message(StepAnswered(event.key))
        elif self.node.kind in ("information", "checklist"):
            self.post_message(StepAnswered())
        elif event.key == HANDOFF:
            self.post_message(HelpRequested() if self.node.handoff == "volunteer"
                              else BookingRequested(self.node.service))
        elif event.key == HOME:
            self.post_message(HomeRequested())
        elif event.key == SLIP:
            self.app.push_screen(slip_screen(self.flow, self.node, self.kiosk.session, self.municipality, self.day))
        else:
            self.post_message(SessionEndRequested())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
