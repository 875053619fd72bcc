"""Provides SummaryScreen: the answers so far; choosing one goes back to change it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Static

from kiosk.i18n import _
from kiosk.screens.layout import PinnedOptions, TextPane, pinned
from kiosk.state import Session
from kiosk.widgets.choices import Choices
from kiosk.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from guidance.document import Flow


def answered(flow: Flow, session: Session) -> list[tuple[str, str]]:
    """(question node id, "question — answer") for each question on the current path."""
    rows = []
    for node_id in session.trail[:-1]:
        node = flow.nodes[node_id]
        if node.kind != "question" or node_id not in session.answers:
            continue
        words, _fallback = node.words_for(session.register, session.language)
        rows.append((node_id, f"{words.title} — {words.options.get(session.answers[node_id], '')}"))
    return rows


class SummaryScreen(PinnedOptions[str | None]):
    """Dismisses with the question to change, or None to carry on where the resident was."""

    @dataclass
    class Back(Message):
        pass

    def __init__(self, flow: Flow, session: Session) -> None:
        super().__init__(id="summary")
        self.rows = answered(flow, session)

    def compose(self) -> ComposeResult:
        with TextPane(classes="page"):
            yield Static(_("Your answers"), classes="title")
            if self.rows:
                yield Static(_("To change an answer, choose it."), classes="body")
            else:
                yield Static(_("You have not answered any questions yet."), classes="body")
        yield pinned([*self.rows, ("continue", _("Carry on"))], id="summary-choices")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Choices).focus_first()

    def on_choices_chosen(self, event: Choices.Chosen) -> None:
        event.stop()
        self.dismiss(None if event.key == "continue" else event.key)
