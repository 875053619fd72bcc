"""Golden path artefacts: what every resident path shows and says, tracked in content/paths/."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from guidance.document import parse_flow
from guidance.loader import load_content
from guidance.release import render_release
from madoguchi import paths
from tests.conftest import MADOGUCHI, ROOT, madoguchi_env

FOLDER = ROOT / "content" / "paths"
DAY = dt.date.fromisoformat((FOLDER / "AS_OF").read_text().strip())


def test_artefacts_match_what_the_engine_produces() -> None:
    files = paths.render_all(load_content(ROOT / "content"), "demo", DAY)
    difference = paths.compare(FOLDER, files)
    assert not difference, (f"run `madoguchi content paths` and review: changed {difference.changed}, "
                            f"new {difference.added}, removed {difference.removed}")


def test_every_answer_of_lost_card_is_a_path_ending_in_an_outcome() -> None:
    document = render_release(load_content(ROOT / "content"), "demo")
    flow = parse_flow(document["flows"]["lost_card"])
    found = {p.name: p.trail for p in paths.resident_paths(flow, DAY)}
    assert set(found) == {"where_lost=outside", "where_lost=home", "where_lost=unknown"}
    assert found["where_lost=unknown"][-1] == "outcome_outside"  # "I don't know" takes the safe side
    assert found["where_lost=home"] == ("suspend_card", "where_lost", "lost_at_home", "reissue", "outcome_home")


def test_a_content_change_shows_as_a_changed_resident_path(content_copy: Path, tmp_path: Path) -> None:
    env = madoguchi_env(tmp_path, MADOGUCHI_CONTENT_DIR=str(content_copy))
    assert subprocess.run([*MADOGUCHI, "content", "paths", "--check"], env=env, capture_output=True).returncode == 0
    flow = content_copy / "flows" / "lost_card.toml"
    flow.write_text(flow.read_text(encoding="utf-8").replace("家の 中で なくした ときは、警察に 届けを",
                                                             "家の 中で なくした ときは、交番に 届けを"),
                    encoding="utf-8")
    check = subprocess.run([*MADOGUCHI, "content", "paths", "--check"], env=env, capture_output=True, text=True)
    assert check.returncode == 1
    assert "changed: lost_card/where_lost=home.plain.txt" in check.stdout
    assert "where_lost=outside" not in check.stdout  # only the path that shows the changed words
    write = subprocess.run([*MADOGUCHI, "content", "paths"], env=env, capture_output=True, text=True)
    assert write.returncode == 0 and "交番" in (content_copy / "paths/lost_card/where_lost=home.plain.txt").read_text()


def test_graph_draws_every_node_and_route(tmp_path: Path) -> None:
    svg = tmp_path / "lost_card.svg"
    result = subprocess.run([*MADOGUCHI, "content", "graph", "lost_card", "--svg", str(svg)],
                            env=madoguchi_env(tmp_path), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    dot = result.stdout
    for node in ("suspend_card", "where_lost", "police_report", "lost_at_home", "reissue", "outcome_outside",
                 "outcome_home"):
        assert f'"{node}" [shape=' in dot
    assert '"where_lost" -> "lost_at_home" [label="home"];' in dot
    assert '"reissue" -> "outcome_outside" [label="if lost_outside_home"];' in dot
    assert svg.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg")) and "<g id=" in svg.read_text()


def test_graph_of_an_unknown_flow(tmp_path: Path) -> None:
    result = subprocess.run([*MADOGUCHI, "content", "graph", "nope"], env=madoguchi_env(tmp_path),
                            capture_output=True, text=True)
    assert result.returncode == 2 and "no flow 'nope' (flows: " in result.stderr and "lost_card" in result.stderr
