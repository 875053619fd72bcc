"""Node-oriented tests: this answer at this node leads there (smart-answers style), per flow."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from guidance.document import Flow, parse_flow
from guidance.loader import load_content
from guidance.release import render_release
from kiosk.state import next_node_id
from madoguchi.paths import resident_paths
from tests.conftest import ROOT

DAY = dt.date(2026, 11, 28)


@cache
def flows() -> dict[str, Flow]:
    document = render_release(load_content(ROOT / "content"), "demo")
    return {flow_id: parse_flow(data) for flow_id, data in document["flows"].items()}


def assert_next(flow_id: str, node_id: str, answers: dict[str, str], expected: str, day: dt.date = DAY) -> None:
    node = flows()[flow_id].nodes[node_id]
    assert next_node_id(node, answers, day) == expected, f"{flow_id}.{node_id} with {answers}"


@pytest.mark.parametrize("flow_id", sorted(flows()))
def test_every_question_offers_i_do_not_know_and_every_path_ends(flow_id: str) -> None:
    flow = flows()[flow_id]
    for node in flow.nodes.values():
        if node.kind == "question":
            assert "unknown" in [o.key for o in node.options_on(DAY)]
    ends = {path.trail[-1] for path in resident_paths(flow, DAY)}
    assert ends and all(flow.nodes[end].kind in ("outcome", "handoff") for end in ends)
    visited = {node for path in resident_paths(flow, DAY) for node in path.trail}
    assert visited == set(flow.nodes), f"never reached: {set(flow.nodes) - visited}"


class TestLostCard:
    def test_suspension_comes_first(self) -> None:
        assert flows()["lost_card"].start == "suspend_card"
        assert_next("lost_card", "suspend_card", {}, "where_lost")

    @pytest.mark.parametrize(("answer", "expected"), [
        ("outside", "police_report"), ("home", "lost_at_home"), ("unknown", "police_report")])
    def test_where_it_was_lost(self, answer: str, expected: str) -> None:
        assert_next("lost_card", "where_lost", {"where_lost": answer}, expected)

    @pytest.mark.parametrize(("answer", "expected"), [
        ("outside", "outcome_outside"), ("unknown", "outcome_outside"), ("home", "outcome_home")])
    def test_the_outcome_lists_the_police_step_only_when_needed(self, answer: str, expected: str) -> None:
        assert_next("lost_card", "reissue", {"where_lost": answer}, expected)
        steps = " ".join(flows()["lost_card"].nodes[expected].words("standard").steps)
        assert ("警察" in steps) is (expected == "outcome_outside")


@pytest.mark.parametrize("flow_id", sorted(flows()))
def test_every_node_has_a_volunteer_hint_in_both_registers(flow_id: str) -> None:
    content = load_content(ROOT / "content")
    for node in content.flows[flow_id].nodes.values():
        for register in ("standard", "plain"):
            assert node.copy[register].hint, f"{flow_id}.{node.id} has no {register} hint"


@pytest.mark.parametrize("flow_id", sorted(flows()))
def test_plain_prose_reads_at_beginner_level(flow_id: str) -> None:
    """Each flow's plain register, taken as one block, scores ≥ 4.5 on jReadability (初級後半 or
    easier). Placeholders are read as 〇〇, as the content check reads them."""
    from accessibility.readability import measure
    from accessibility.tokenizer import FugashiTokenizer
    from guidance.model import PLACEHOLDER

    flow = load_content(ROOT / "content").flows[flow_id]
    texts = []
    for node in flow.nodes.values():
        copy = node.copy["plain"]
        texts += [copy.body, *copy.steps, *copy.items]
    prose = PLACEHOLDER.sub("〇〇", "\n".join(t for t in texts if t))
    result = measure(prose, FugashiTokenizer())
    assert result is not None and result.score >= 4.5, f"{flow_id}: {result.score if result else None:.2f}"
