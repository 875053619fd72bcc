"""A municipality's own flows and the national flows it does not offer (issue #16): its residents
meet its own flows and none of another's; the same checks as for national flows, with the file named."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidance.loader import load_content
from guidance.model import ContentError
from guidance.release import render_release

LOCAL = Path("content/municipalities/demo/flows/remote_counter.toml")


def test_a_local_flow_is_its_owners_alone_and_hands_off_to_its_remote_counter() -> None:
    content = load_content(Path("content"))
    flow = content.flows["remote_counter"]
    assert flow.owner == "demo"
    assert {n.service for n in flow.nodes.values() if n.kind == "handoff"} == {"remote_counter"}
    city, town = render_release(content, "demo"), render_release(content, "sample_kita")
    assert "remote_counter" in city["flows"] and "remote_counter" not in town["flows"]
    listed = {f["id"] for topic in town["topics"] for f in topic["flows"]}
    assert "remote_counter" not in listed and "lost_card" in listed
    assert set(city["flows"]) - {"remote_counter"} == set(town["flows"])  # the national ones, for both


def _break(content_copy: Path, relative: str, text: str) -> ContentError:
    path = content_copy / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    return caught.value


def test_a_local_flow_cannot_take_a_national_flows_id(content_copy: Path) -> None:
    national = (content_copy / "flows" / "lost_card.toml").read_text(encoding="utf-8")
    error = _break(content_copy, "municipalities/sample_kita/flows/lost_card.toml", national)
    found = [p for p in error.problems if "already used by the national flow" in p.message]
    assert found and found[0].path.name == "lost_card.toml" and "sample_kita" in str(found[0].path)


def test_a_local_flow_needs_its_municipality(content_copy: Path) -> None:
    error = _break(content_copy, "municipalities/nowhere/flows/remote_counter2.toml",
                   LOCAL.read_text(encoding="utf-8").replace('id = "remote_counter"', 'id = "remote_counter2"'))
    assert any("has no municipalities/nowhere.toml" in p.message for p in error.problems), error.problems


def test_a_local_flow_is_checked_like_a_national_one(content_copy: Path) -> None:
    broken = LOCAL.read_text(encoding="utf-8").replace('sources = ["dazaifu_reset", "jpki_faq"]', "")
    error = _break(content_copy, "municipalities/demo/flows/remote_counter.toml", broken)
    found = [p for p in error.problems if "states facts: list its 'sources'" in p.message]
    assert found and found[0].path.parts[-3:] == ("demo", "flows", "remote_counter.toml") and found[0].line > 0


def test_a_placeholder_of_a_local_flow_is_asked_of_its_owner_only(content_copy: Path) -> None:
    local = content_copy / "municipalities" / "demo" / "flows" / "remote_counter.toml"
    local.write_text(local.read_text(encoding="utf-8").replace("予約が必要です。", "予約が必要です。{booth_name}"),
                     encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    assert [p.message for p in caught.value.problems] == ["'{booth_name}' has no value for municipality: demo"]
    city = content_copy / "municipalities" / "demo.toml"
    city.write_text(city.read_text(encoding="utf-8") + 'booth_name = "図書館の ブース（サンプル）"\n', encoding="utf-8")
    assert "booth_name" not in load_content(content_copy).municipalities["sample_kita"].values  # nothing asked of it


def test_a_municipality_leaves_out_a_national_flow_it_does_not_run(content_copy: Path) -> None:
    town = content_copy / "municipalities" / "sample_kita.toml"
    text = town.read_text(encoding="utf-8")
    town.write_text(text.replace("[values]", 'not_offered = ["bank_account"]\n\n[values]'), encoding="utf-8")
    content = load_content(content_copy)
    assert "bank_account" not in render_release(content, "sample_kita")["flows"]
    assert "bank_account" in render_release(content, "demo")["flows"]

    town.write_text(text.replace("[values]", 'not_offered = ["remote_counter", "no_such_flow"]\n\n[values]'),
                    encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    messages = sorted(p.message for p in caught.value.problems)
    assert messages == ["'not_offered' names 'no_such_flow', which is no national flow",
                        "'not_offered' names 'remote_counter', which is no national flow"]


EXTENSION = Path("content/municipalities/sample_kita/extensions/receive_card.toml")


def test_a_municipalitys_own_step_at_an_extension_point_is_met_by_its_residents_alone() -> None:
    import datetime as dt

    from madoguchi.paths import render_all

    content = load_content(Path("content"))
    town = render_release(content, "sample_kita")["flows"]["receive_card"]["nodes"]
    city = render_release(content, "demo")["flows"]["receive_card"]["nodes"]
    national = content.flows["receive_card"].nodes["bring_self"]
    assert [r["to"] for r in town["bring_self"]["next"]] == ["local_documents"]
    assert [r["to"] for r in town["local_documents"]["next"]] == [r.to for r in national.routes]  # then on
    assert "{office_phone}" not in town["local_documents"]["text"]["plain"]["body"]  # the town's values in it
    # The city has no step of its own there: it takes its prefecture's; the town keeps its own.
    assert "みほん県から" in city["local_documents"]["text"]["plain"]["title"]
    assert "きたみほん町から" in town["local_documents"]["text"]["plain"]["title"]
    assert "000-0000-0000" in city["local_documents"]["text"]["plain"]["body"]  # the city's own number
    paths = render_all(content, "sample_kita", dt.date(2026, 11, 28))
    receive = [text for path, text in paths.items() if path.parts[0] == "receive_card"]
    assert any("きたみほん町から（サンプル）" in text for text in receive)


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda t: t.replace("[nodes.local_documents]", "[nodes.local_papers]")
     .replace("nodes.local_documents.", "nodes.local_papers."), "'local_papers' is no extension point of receive_card"),
    (lambda t: t.replace('kind = "checklist"', 'kind = "checklist"\nnext = "outcome_visit"'), "leave out 'next'"),
    (lambda t: t.replace('sources = ["what_to_bring"]', 'sources = ["our_page"]'), "cites unknown source 'our_page'"),
    (lambda t: t.replace("{office_phone}", "{town_line}"), "'{town_line}' has no value for municipality: sample_kita"),
    (lambda t: t.replace('kind = "checklist"', 'kind = "outcome"'), "an extension node is one of"),
])
def test_a_bad_extension_is_named_with_its_file(content_copy: Path, edit: object, expected: str) -> None:
    path = content_copy / "municipalities" / "sample_kita" / "extensions" / "receive_card.toml"
    path.write_text(edit(EXTENSION.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    found = [p for p in caught.value.problems if expected in p.message]
    assert found and found[0].path == path, caught.value.problems
