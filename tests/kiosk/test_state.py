"""The pure moves through a flow."""

from __future__ import annotations

import datetime as dt

from guidance.document import Flow, Node, NodeText, Option, Text
from kiosk.state import Session, go_back, proceed, remaining_steps, start_flow, toggle_register
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
