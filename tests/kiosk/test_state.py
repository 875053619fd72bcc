"""The pure moves through a flow."""

from __future__ import annotations

from kiosk.models import Flow, Node, NodeText, Option, Text
from kiosk.state import Session, go_back, proceed, start_flow, toggle_register

WORDS = {"standard": NodeText("t", "", (), {"a": "A", "b": "B"}, ""),
         "plain": NodeText("t", "", (), {"a": "A", "b": "B"}, "")}
FLOW = Flow(id="f", title=Text("F", "F"), start="q", nodes={
    "q": Node("q", "question", None, (Option("a", "x"), Option("b", "y")), (), WORDS),
    "x": Node("x", "information", "end", (), (), WORDS),
    "y": Node("y", "outcome", None, (), (), WORDS),
    "end": Node("end", "outcome", None, (), (), WORDS),
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
