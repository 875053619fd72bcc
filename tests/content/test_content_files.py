"""The content loader: the real content is clean, and each kind of mistake names its file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backend.config.env import PROJECT_ROOT
from guidance.files import locate
from guidance.loader import load_content
from guidance.model import ContentError
from guidance.release import checksum, render_release


def problems_for(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return [str(p) for p in caught.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_real_content_is_clean_and_every_fact_node_is_sourced() -> None:
    content = load_content(PROJECT_ROOT / "content")
    assert "lost_card" in content.flows
    for flow in content.flows.values():
        for node in flow.nodes.values():
            if node.kind in ("information", "checklist", "outcome"):
                assert node.sources, f"{flow.id}.{node.id} states facts without a source"
        for source in flow.sources.values():
            assert source.url.startswith("https://") and source.checked_on.year >= 2026


def test_sample_municipality_is_marked() -> None:
    content = load_content(PROJECT_ROOT / "content")
    demo = content.municipalities["demo"]
    assert demo.sample
    assert all("サンプル" in value for value in demo.values.values())


def test_release_checksum_is_stable() -> None:
    content = load_content(PROJECT_ROOT / "content")
    assert checksum(render_release(content, "demo")) == checksum(render_release(content, "demo"))


def test_toml_syntax_error_names_file_and_line(content_copy: Path) -> None:
    flow = content_copy / "flows" / "lost_card.toml"
    edit(flow, 'kind = "question"', 'kind = "question')
    [problem] = problems_for(content_copy)
    line = line_of(flow, 'kind = "question')
    assert problem.startswith(f"{flow}:{line}: TOML syntax error")


def test_missing_target_points_at_the_next_line(content_copy: Path) -> None:
    flow = content_copy / "flows" / "lost_card.toml"
    edit(flow, 'next = "where_lost"', 'next = "where_lots"')
    problems = problems_for(content_copy)
    wanted = f"{flow}:{line_of(flow, 'where_lots')}: node 'suspend_card' leads to 'where_lots', which does not exist"
    assert wanted in problems


def test_unknown_key_suggests_the_right_one(content_copy: Path) -> None:
    flow = content_copy / "flows" / "lost_card.toml"
    edit(flow, 'title = "まず、電話でカードの一時停止を申し込んでください"', 'titel = "まず"')
    problems = problems_for(content_copy)
    assert any(p.startswith(f"{flow}:{line_of(flow, 'titel')}:") and "did you mean 'title'" in p for p in problems)


def test_unreachable_node_and_cycle(content_copy: Path) -> None:
    flow = content_copy / "flows" / "lost_card.toml"
    edit(flow, '{ key = "home", next = "lost_at_home" }', '{ key = "home", next = "police_report" }')
    edit(flow, 'next = "reissue"', 'next = "where_lost"')  # the first: police_report
    problems = problems_for(content_copy)
    assert any("unintended cycle: where_lost → police_report → where_lost" in p for p in problems)
    assert any("node 'lost_at_home' cannot be reached" in p for p in problems)


def test_source_without_checked_on_date(content_copy: Path) -> None:
    flow = content_copy / "flows" / "lost_card.toml"
    edit(flow, "checked_on = 2026-11-28\nnote = \"Checked against", "note = \"Checked against")
    problems = problems_for(content_copy)
    assert any("source 'jlis_hotline' needs 'checked_on' as a date" in p for p in problems)


def test_question_needs_an_i_do_not_know_option(content_copy: Path) -> None:
    flow = content_copy / "flows" / "lost_card.toml"
    edit(flow, '    { key = "unknown", next = "police_report" },\n', "")
    problems = problems_for(content_copy)
    assert any("needs an 'unknown' option" in p for p in problems)


def test_plain_register_is_required(content_copy: Path) -> None:
    flow = content_copy / "flows" / "lost_card.toml"
    edit(flow, "[nodes.lost_at_home.plain]", "[nodes.lost_at_home.plain_]")
    problems = problems_for(content_copy)
    assert any("'nodes.lost_at_home.plain' is missing" in p for p in problems)


def test_value_missing_for_a_municipality(content_copy: Path) -> None:
    muni = content_copy / "municipalities" / "demo.toml"
    edit(muni, 'office_hours = "平日 午前8時30分から午後5時15分まで（サンプル）"\n', "")
    problems = problems_for(content_copy)
    assert any(re.search(r"lost_card\.toml:\d+: '\{office_hours\}' has no value for municipality: demo", p)
               for p in problems)


def test_locate_finds_keys_inside_tables() -> None:
    text = '[a]\nx = 1\n[a.b]\ny = 2\n[c]\ny = 3\n'
    assert locate(text, ("a", "b", "y")) == 4
    assert locate(text, ("c", "y")) == 6
    assert locate(text, ("a", "z")) == 1


def test_unknown_condition_is_named(content_copy: Path) -> None:
    flow = content_copy / "flows" / "lost_card.toml"
    edit(flow, 'when = "lost_outside_home"', 'when = "no_such_rule"')
    problems = problems_for(content_copy)
    assert any("unknown condition 'no_such_rule'" in p and "lost_outside_home" in p for p in problems)


def test_routes_need_a_default_on_every_day(content_copy: Path) -> None:
    flow = content_copy / "flows" / "lost_card.toml"
    edit(flow, '{ to = "outcome_home" }]', '{ to = "outcome_home", valid_until = 2026-03-31 }]')
    problems = problems_for(content_copy)
    assert any("no route applies from 2026-04-01 when no condition holds" in p for p in problems)


def test_checklist_needs_items_and_handoff_needs_a_target(content_copy: Path) -> None:
    flow = content_copy / "flows" / "lost_card.toml"
    edit(flow, '[nodes.lost_at_home]\nkind = "information"', '[nodes.lost_at_home]\nkind = "checklist"')
    edit(flow, '[nodes.outcome_home]\nkind = "outcome"', '[nodes.outcome_home]\nkind = "handoff"')
    problems = problems_for(content_copy)
    assert any("a checklist needs 'items'" in p for p in problems)
    assert any("hand-off node 'outcome_home' needs 'handoff', one of: booking, volunteer" in p for p in problems)


def test_fact_nodes_need_sources(content_copy: Path) -> None:
    flow = content_copy / "flows" / "lost_card.toml"
    edit(flow, '[nodes.lost_at_home]\nkind = "information"\nnext = "reissue"\nsources = ["police_report"]',
         '[nodes.lost_at_home]\nkind = "information"\nnext = "reissue"')
    problems = problems_for(content_copy)
    assert any("information node 'lost_at_home' states facts: list its 'sources'" in p for p in problems)
