"""横展開 in the browser's pages: みほん市 publishes its own words for a step and downloads them as a
package; きたみほん町 uploads it, the words become drafts with their provenance, and once published
its residents' paths are みほん市's except for the town's own values. Bad files are refused with
a clear message and store nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from backend.guidance.models import NodeOverride
from backend.guidance.own_values import content_published
from backend.municipalities.models import AuditEntry, Municipality
from guidance.model import ContentSet
from madoguchi.paths import render_all
from tests.workspace.conftest import signed_in, staff
from tests.workspace.test_workspace_pages import edit_form

pytestmark = pytest.mark.django_db

STEP = "/staff/guidance/lost_card/outcome_outside/"
WORDS = "市役所の 1階、3番の 窓口で 受け付けます。{office_phone} に 電話しても 大丈夫です。"


def upload(client: Client, data: bytes, name: str = "words.json") -> str:
    response = client.post("/staff/share/", {"package": SimpleUploadedFile(name, data, "application/json")})
    assert response.status_code in (200, 400), response.status_code
    return response.content.decode()


def test_a_package_moves_words_to_another_municipality_with_their_provenance(publisher: Client,
                                                                             content: ContentSet) -> None:
    publisher.post(STEP, {**edit_form(publisher, STEP), "plain-body": WORDS, "action": "save"})
    assert publisher.post("/staff/publish/").status_code == 302
    download = publisher.get("/staff/share/words.json")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    package = download.content
    document = json.loads(package)
    assert [(s["node"], s["register"], s["origin"]) for s in document["steps"]] == [
        ("outcome_outside", "plain", "みほん市")]

    town = signed_in(staff("sample_kita", "town-clerk"))
    report = upload(town, package)
    assert 'id="report"' in report and "下書きに 入れました" in report and "みほん市" in report
    override = NodeOverride.objects.get(municipality__code="sample_kita")
    assert override.origin == "みほん市" and override.published is None and override.draft is not None
    assert "みほん市から 取り込み" in town.get(STEP).content.decode()
    assert AuditEntry.objects.filter(municipality__code="sample_kita", action="package_import").exists()
    assert town.post("/staff/publish/").status_code == 302

    # Identical resident paths, except each municipality's own values.
    day = dt.date(2026, 11, 28)
    city_m, town_m = (Municipality.objects.get(code=code) for code in ("demo", "sample_kita"))
    city = render_all(content_published(content, city_m), "demo", day)
    ours = render_all(content_published(content, town_m), "sample_kita", day)
    city_values = content.municipalities["demo"].values
    town_values = content.municipalities["sample_kita"].values
    lost = {p: t for p, t in city.items() if p.parts[0] == "lost_card"}
    assert any("3番の 窓口" in text for text in lost.values())
    for path, text in lost.items():
        for key in sorted(city_values, key=lambda k: -len(city_values[k])):
            if key in town_values:
                text = text.replace(city_values[key], town_values[key])
        assert text.replace("みほん市", "きたみほん町") == ours[path].replace("みほん市", "きたみほん町"), path

    # Re-exported by the town, the words still name the city as their first publisher.
    again = json.loads(town.get("/staff/share/words.json").content)
    assert again["exported_by"] == "きたみほん町" and again["steps"][0]["origin"] == "みほん市"


def test_steps_the_town_cannot_use_are_refused_with_the_reason(publisher: Client) -> None:
    publisher.post(STEP, {**edit_form(publisher, STEP), "plain-body": WORDS, "action": "save"})
    publisher.post("/staff/publish/")
    document = json.loads(publisher.get("/staff/share/words.json").content)
    good = document["steps"][0]
    document["steps"] = [
        {**good, "words": {**good["words"], "body": "{no_such_value} へ 来て ください。"}},  # no such value here
        {**good, "flow": "remote_counter", "node": "book"},  # the city's own flow: not the town's
        {**good, "words": {**good["words"], "title": ""}},
    ]
    report = upload(signed_in(staff("sample_kita", "town-clerk")), json.dumps(document).encode())
    assert report.count("取り込めません") == 3 and "{no_such_value}" in report and "題名が 空です" in report
    assert "この 市町村の 案内に、この 画面は ありません" in report
    assert not NodeOverride.objects.filter(municipality__code="sample_kita").exists()


TRAVERSAL = {"format": "madoguchi-words/1", "exported_by": "x", "exported_on": "9999-12-31",
             "steps": [{"flow": "../etc", "node": "x", "register": "plain"}]}


@pytest.mark.parametrize("data", [b"", b"\x00" * 100, b"not json", "ｊｓｏｎ".encode(), json.dumps([1]).encode(),
                                  json.dumps({"format": "other"}).encode(), json.dumps(TRAVERSAL).encode(),
                                  b"{" + b" " * 1_100_000 + b"}"])
def test_a_bad_file_is_refused_in_japanese_and_stores_nothing(imported: object, data: bytes) -> None:
    town = signed_in(staff("sample_kita", "town-clerk"))
    page = upload(town, data)
    assert 'id="share-error"' in page
    assert not NodeOverride.objects.exists()


def test_a_viewer_cannot_import(imported: object, publisher: Client) -> None:
    package = publisher.get("/staff/share/words.json").content
    viewer = signed_in(staff("demo", "viewer", role="viewer"))
    response = viewer.post("/staff/share/", {"package": SimpleUploadedFile("w.json", package, "application/json")})
    assert response.status_code == 403


def test_the_sample_towns_own_words_pass_the_step_editors_check(content: ContentSet) -> None:
    """Seeded sample words meet the same check as a clerk's (plain-Japanese rules included)."""
    from backend.guidance.demo import SAMPLE_WORDS, STEP, sample_words
    from backend.guidance.override_services import override_problems
    from guidance.model import offered
    from guidance.overrides import Override, template_words

    for code in SAMPLE_WORDS:
        own = offered(content, code)
        words = sample_words(own, code)
        assert words is not None
        override = Override(*STEP, words, template_words(own, *STEP))
        assert override_problems(own, override, own.municipalities[code].values) == [], code
