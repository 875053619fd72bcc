"""Provides StepScreen: any node of any flow (question, information or outcome)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from kiosk.i18n import _
import datetime as dt

from kiosk.messages import BookingRequested, HelpRequested, HomeRequested, SessionEndRequested, StepAnswered
from kiosk.models import Flow, Municipality, Node
from kiosk.state import Session
from kiosk.widgets.choices import Choices
from kiosk.widgets.key_bar import KeyBar
from kiosk.widgets.sample_banner import SampleBanner

HOME, FINISH, HANDOFF = "home", "finish", "handoff"


class StepScreen(Screen[None]):
    """One step of a guided flow. It knows node kinds, never a particular flow."""

    def __init__(self, flow: Flow, node: Node, municipality: Municipality, *, step: int, remaining: int,
                 day: dt.date, answer: str | None = None) -> None:
        super().__init__(classes=f"-{node.kind}")
        self.flow, self.node, self.municipality = flow, node, municipality
        self.step, self.remaining, self.day = step, remaining, day
        self.answer = answer

    def _options(self, register: str) -> list[tuple[str, str]]:
        words = self.node.words(register)
        if self.node.kind == "question":
            return [(o.key, words.options[o.key]) for o in self.node.options_on(self.day)]
        if self.node.kind in ("information", "checklist"):
            return [("next", _("Next"))]
        finish = [(HOME, _("Back to the start")), (FINISH, _("Finish"))]
        if self.node.kind == "handoff":
            label = _("Call a volunteer") if self.node.handoff == "volunteer" else _("Book a consultation")
            return [(HANDOFF, label), *finish]
        return finish

    def compose(self) -> ComposeResult:
        if self.municipality.sample:
            yield SampleBanner()
        with VerticalScroll(classes="page"):
            yield Static(id="step-place", classes="place")
            yield Static(id="step-title", classes="title")
            yield Static(id="step-body", classes="body")
            yield Vertical(id="step-steps", classes="steps")
            yield Static(id="step-items", classes="items")
            yield Choices(self._options(self.app.session.register), selected=self.answer, id="step-choices")
            yield Static(id="step-sources", classes="sources")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show(self.app.session)
        self.query_one(Choices).focus_first()
        self.watch(self.app, "session", self._show, init=False)

    def on_screen_resume(self) -> None:
        """Coming back to this step: show the answer given before, pre-selected."""
        if self.node.kind == "question":
            self.query_one(Choices).select(self.app.session.answers.get(self.node.id))

    def _show(self, session: Session) -> None:
        register = session.register
        words = self.node.words(register)
        place = _("{flow} — step {number}").format(flow=self.flow.title.get(register), number=self.step)
        if self.remaining:
            place += " · " + _("up to {count} more screens").format(count=self.remaining)
        self.query_one("#step-place", Static).update(place)
        self.query_one("#step-title", Static).update(words.title)
        body = self.query_one("#step-body", Static)
        body.update(words.body)
        body.display = bool(words.body)
        steps = self.query_one("#step-steps", Vertical)
        steps.remove_children()
        steps.mount_all(Horizontal(Static(f"{n}.", classes="step-number"), Static(text, classes="step-text"),
                                   classes="step")
                        for n, text in enumerate(words.steps, start=1))
        steps.display = bool(words.steps)
        items = self.query_one("#step-items", Static)
        items.update("\n".join(f"☐ {item}" for item in words.items))
        items.display = bool(words.items)
        self.query_one(Choices).relabel([label for _key, label in self._options(register)])
        sources = self.query_one("#step-sources", Static)
        sources.update("\n".join(_("Source: {title} (checked on {date})").format(title=s.title, date=s.checked_on)
                                 for s in self.node.sources))
        sources.display = bool(self.node.sources)

    def on_choices_chosen(self, event: Choices.Chosen) -> None:
        if self.node.kind == "question":
            self.post_message(StepAnswered(event.key))
        elif self.node.kind in ("information", "checklist"):
            self.post_message(StepAnswered())
        elif event.key == HANDOFF:
            self.post_message(HelpRequested() if self.node.handoff == "volunteer" else BookingRequested(self.node.service))
        elif event.key == HOME:
            self.post_message(HomeRequested())
        else:
            self.post_message(SessionEndRequested())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
