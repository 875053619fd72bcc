"""The pure moves through a flow."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

from guidance.document import Flow, Node, NodeText, Option, Text
from kiosk.state import (
    Session,
    SessionFigures,
    ends_flow,
    figures_after,
    go_back,
    proceed,
    remaining_steps,
    start_flow,
    toggle_register,
)
from routing.routes import Route

WORDS = {"standard": NodeText("t", "", (), (), {"a": "A", "b": "B"}, ""),
         "plain": NodeText("t", "", (), (), {"a": "A", "b": "B"}, "")}
FLOW = Flow(id="f", title=Text("F", "F"), start="q", nodes={
    "q": Node("q", "question", (), (Option("a", (Route("x"),)), Option("b", (Route("y"),))), (), WORDS),
    "x": Node("x", "information", (Route("end"),), (), (), WORDS),
    "y": Node("y", "outcome", (), (), (), WORDS),
    "end": Node("end", "outcome", (), (), (), WORDS),
})


def test_answers_route_and_are_remembered() -> None:
    s = start_flow(Session(), FLOW)
    s = proceed(s, FLOW, "a")
    assert s.trail == ("q", "x") and s.answers == {"q": "a"}
    s = proceed(s, FLOW)
    assert s.node_id == "end"


def test_back_keeps_the_earlier_answer_and_leaves_the_flow_at_the_start() -> None:
    s = proceed(start_flow(Session(), FLOW), FLOW, "b")
    s = go_back(s)
    assert s.trail == ("q",) and s.answers == {"q": "b"}
    s = go_back(s)
    assert s.flow_id is None and s.trail == ()


def test_unknown_answer_does_not_move() -> None:
    s = start_flow(Session(), FLOW)
    assert proceed(s, FLOW, "zzz") == s


def test_register_switch_keeps_progress() -> None:
    s = proceed(start_flow(Session(), FLOW), FLOW, "a")
    t = toggle_register(s)
    assert t.register == "plain" and t.trail == s.trail and t.answers == s.answers


def test_remaining_steps_counts_the_longest_way_to_the_end() -> None:
    assert remaining_steps(FLOW, "q") == 2
    assert remaining_steps(FLOW, "x") == 1
    assert remaining_steps(FLOW, "y") == 0


def test_a_route_switches_on_its_date() -> None:
    flow = Flow(id="f", title=Text("F", "F"), start="s", nodes={
        "s": Node("s", "information", (Route("new", valid_from=dt.date(2026, 4, 1)), Route("old")), (), (), WORDS),
        "old": Node("old", "outcome", (), (), (), WORDS),
        "new": Node("new", "outcome", (), (), (), WORDS),
    })
    s = start_flow(Session(), flow)
    assert proceed(s, flow, day=dt.date(2026, 3, 31)).node_id == "old"
    assert proceed(s, flow, day=dt.date(2026, 4, 1)).node_id == "new"


def walk(figures: SessionFigures, *sessions: Session) -> SessionFigures:
    for session in sessions:
        figures = figures_after(figures, session, at_end=ends_flow(FLOW, session))
    return figures


def test_figures_count_flows_the_end_reached_the_last_step_and_modes_used_once() -> None:
    started = start_flow(Session(language="en", furigana=True), FLOW)
    at_x = proceed(started, FLOW, "a")
    at_end = proceed(at_x, FLOW)
    home = Session(language="en", furigana=False)  # furigana turned off again: it was still used
    figures = walk(SessionFigures(), started, at_x, at_end, home)
    assert figures.flows == {"f"} and figures.completed == {"f"}
    assert (figures.last_flow, figures.last_node) == ("f", "end")  # kept after going home
    assert figures.language == "en" and figures.furigana and not figures.plain and not figures.read_aloud


def test_figures_of_a_flow_left_half_way_keep_where_it_stopped_and_no_answer() -> None:
    at_x = proceed(start_flow(Session(register="plain"), FLOW), FLOW, "a")
    figures = walk(SessionFigures(), at_x, go_back(go_back(at_x)))
    assert figures.completed == frozenset() and (figures.last_flow, figures.last_node) == ("f", "x")
    assert figures.plain
    assert {f.name for f in fields(SessionFigures)} == {  # no answer, nothing typed, no time: ids and yes/no
        "flows", "completed", "last_flow", "last_node", "language", "plain", "furigana", "high_contrast",
        "read_aloud"}


def test_only_an_outcome_or_a_handoff_of_the_flow_on_screen_ends_it() -> None:
    at_end = proceed(proceed(start_flow(Session(), FLOW), FLOW, "a"), FLOW)
    assert ends_flow(FLOW, at_end) and not ends_flow(None, at_end)
    assert not ends_flow(FLOW, start_flow(Session(), FLOW))
    assert not ends_flow(FLOW, Session(flow_id="other", trail=("end",)))
