"""Content translations: complete ones are shown, stale or missing ones never are."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from babel.messages.pofile import read_po

from guidance import translations
from guidance.document import parse_flow
from guidance.loader import load_content
from guidance.release import render_release
from kiosk.i18n import use_language
from kiosk.presenter import screen_text, speech_script, step_view
from tests.conftest import MADOGUCHI, ROOT, madoguchi_env

DAY = dt.date(2026, 11, 28)


def view(document: dict, node_id: str, language: str):  # type: ignore[no-untyped-def]
    flow = parse_flow(document["flows"]["lost_card"])
    return step_view(flow, flow.nodes[node_id], "standard", DAY, step=1, remaining=0, language=language)


def test_english_is_complete_and_keeps_the_japanese_terms_residents_need() -> None:
    document = render_release(load_content(ROOT / "content"), "demo", translations.load(ROOT / "locales"))
    use_language("en")
    try:
        police = view(document, "police_report", "en")
    finally:
        use_language("ja")
    assert police.title.startswith("Report it to the police") and "遺失届" in police.title
    assert "受理番号" in police.body and not police.note
    assert police.options == (("next", "Next"),)
    # Every node of every flow is translated and current, except the prefecture's and the
    # municipality's own steps at extension points (their own words: shown in plain Japanese).
    national = load_content(ROOT / "content").flows
    for flow in document["flows"].values():
        template = national[flow["id"]].nodes
        assert all("en" in node["translations"] for node in flow["nodes"].values() if node["id"] in template), \
            flow["id"]


def test_a_changed_japanese_source_makes_the_translation_stale_and_plain_japanese_is_shown(
        content_copy: Path, tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales)
    flow = content_copy / "flows" / "lost_card.toml"
    flow.write_text(flow.read_text(encoding="utf-8").replace(
        "自宅の中で紛失した場合は、警察に遺失届を出す必要はありません。",
        "自宅の中で紛失した場合は、警察への届出は要りません。"), encoding="utf-8")
    env = madoguchi_env(tmp_path, MADOGUCHI_CONTENT_DIR=str(content_copy), MADOGUCHI_LOCALES_DIR=str(locales))
    assert subprocess.run([*MADOGUCHI, "content", "extract"], env=env, capture_output=True).returncode == 0
    with (locales / "en" / "LC_MESSAGES" / "content.po").open("rb") as handle:
        stale = [m for m in read_po(handle) if m.context == "lost_card:lost_at_home:body"]
    assert stale and stale[0].fuzzy  # babel marked it: the English no longer matches the Japanese

    document = render_release(load_content(content_copy), "demo", translations.load(locales))
    use_language("en")
    try:
        home = view(document, "lost_at_home", "en")
        assert home.note == "This part is not translated yet, so it is shown in plain Japanese."
        # plain Japanese, not stale English
        assert home.title == "家の 中で なくした ときは、警察に 行かなくて いいです"
        assert home.note in screen_text(home) and home.note in speech_script(home)
        assert view(document, "police_report", "en").title.startswith("Report it to the police")  # others unaffected
    finally:
        use_language("ja")

    check = subprocess.run([*MADOGUCHI, "content", "check", str(content_copy)], env=env, capture_output=True, text=True)
    assert check.returncode == 0  # a warning, not an error: residents still get plain Japanese
    assert "en: 1 text(s) of lost_card untranslated or stale" in check.stderr
