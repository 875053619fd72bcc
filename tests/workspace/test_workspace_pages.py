"""The staff workspace through Django's test client on a real database: values drafted and checked,
published as a release the kiosks fetch, rolled back; roles; nothing of another municipality."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from backend.guidance.models import ContentRelease
from backend.municipalities.models import AuditEntry, Municipality, MunicipalityValues
from tests.workspace.conftest import signed_in, staff

pytestmark = pytest.mark.django_db

GOOD_PHONE = "000-0000-0009（サンプルの番号です）"


def current_values(code: str = "demo") -> dict[str, str]:
    release = ContentRelease.objects.get(municipality__code=code, is_current=True)
    return release.document["municipality"]["values"]


def form(client: Client) -> dict[str, str]:
    """The values form as the browser would send it back unchanged."""
    page = client.get("/staff/values/")
    assert page.status_code == 200
    return {f"value-{row['key']}": row["value"] for row in page.context["fields"]}


def test_signed_out_goes_to_sign_in(imported: object) -> None:
    response = Client().get("/staff/values/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")
    page = Client().get("/staff/login/")
    assert page.status_code == 200 and "ログイン".encode() in page.content and b'lang="ja"' in page.content


def test_a_user_without_a_municipality_is_told_so(imported: object) -> None:
    from django.contrib.auth.models import User

    User.objects.create_user("stranger", password="a-Long-password-2026")
    client = Client()
    client.login(username="stranger", password="a-Long-password-2026")
    response = client.get("/staff/")
    assert response.status_code == 403 and "登録されていない".encode() in response.content


def test_a_bad_phone_is_kept_as_draft_refused_at_publish_and_fixed(publisher: Client) -> None:
    before = current_values()
    sent = {**form(publisher), "value-office_phone": "電話してね"}
    page = publisher.post("/staff/values/", sent)
    assert page.status_code == 200 and "電話番号の形ではありません".encode() in page.content
    assert MunicipalityValues.objects.get(municipality__code="demo").draft["office_phone"] == "電話してね"
    assert current_values() == before  # a draft never touches the live release
    refused = publisher.post("/staff/publish/")
    assert refused.status_code == 409 and "電話番号の形ではありません".encode() in refused.content

    # Full-width digits typed on a Japanese keyboard are normalised, not refused.
    publisher.post("/staff/values/", {**sent, "value-office_phone": "０００ー００００ー０００９（サンプルの番号です）"})
    review = publisher.get("/staff/publish/")
    assert review.status_code == 200 and not review.context["problems"]
    assert [c.key for c in review.context["changes"]] == ["office_phone"]
    assert review.context["paths"], "the phone is on screens and slips: some resident path must change"
    assert any("000-0000-0009" in line for p in review.context["paths"] for line in p.lines)

    done = publisher.post("/staff/publish/")
    assert done.status_code == 302
    assert current_values()["office_phone"] == "000-0000-0009（サンプルの番号です）"
    release = ContentRelease.objects.get(municipality__code="demo", is_current=True)
    assert "000-0000-0009" in str(release.document["flows"])  # the kiosks' words, not just the values
    entry = AuditEntry.objects.filter(action="publish").get()
    assert entry.user.username == "clerk" and entry.release_version == release.version


def test_rollback_from_the_release_list(publisher: Client) -> None:
    first = ContentRelease.objects.get(municipality__code="demo", is_current=True).version
    publisher.post("/staff/values/", {**form(publisher), "value-office_phone": GOOD_PHONE})
    publisher.post("/staff/publish/")
    assert ContentRelease.objects.get(municipality__code="demo", is_current=True).version == first + 1
    listing = publisher.get("/staff/releases/")
    assert f'id="rollback-{first}"'.encode() in listing.content
    assert publisher.post(f"/staff/releases/{first}/rollback/").status_code == 302
    assert ContentRelease.objects.get(municipality__code="demo", is_current=True).version == first
    assert AuditEntry.objects.filter(action="rollback", release_version=first).exists()
    assert publisher.get(f"/staff/releases/{first}/rollback/").status_code == 405  # only by the form


def test_content_import_keeps_what_staff_published(publisher: Client, content: object) -> None:
    """`madoguchi content publish` after a workspace publish must not bring the file's values back."""
    from backend.guidance.services import content_import

    publisher.post("/staff/values/", {**form(publisher), "value-office_phone": GOOD_PHONE})
    publisher.post("/staff/publish/")
    content_import(content=content)  # type: ignore[arg-type]
    assert current_values()["office_phone"] == "000-0000-0009（サンプルの番号です）"


def test_roles(imported: object) -> None:
    viewer = signed_in(staff("demo", "looker", role="viewer"))
    assert viewer.get("/staff/values/").status_code == 200
    assert viewer.post("/staff/values/", {"value-office_phone": GOOD_PHONE}).status_code == 403
    editor = signed_in(staff("demo", "writer", role="editor"))
    assert editor.post("/staff/values/", {**form(editor), "value-office_phone": GOOD_PHONE}).status_code == 200
    page = editor.get("/staff/publish/")
    assert b'id="publish"' not in page.content
    assert editor.post("/staff/publish/").status_code == 403
    assert editor.post("/staff/releases/1/rollback/").status_code == 403


def test_nothing_of_another_municipality(publisher: Client) -> None:
    other = Municipality.objects.get(code="other")
    other_version = ContentRelease.objects.get(municipality=other).version
    outsider = signed_in(staff("other", "neighbour"))
    for path in ("/staff/", "/staff/values/", "/staff/publish/", "/staff/releases/", "/staff/audit/"):
        page = outsider.get(path)
        assert page.status_code == 200, path
        assert "みほん市".encode() not in page.content, path
    # The demo clerk cannot roll the other town back, nor see its values.
    assert publisher.post(f"/staff/releases/{other_version}/rollback/").status_code in (302, 404)
    assert ContentRelease.objects.get(municipality=other).is_current
    assert "秘密の番号".encode() not in publisher.get("/staff/values/").content
    publisher.post("/staff/values/", {**form(publisher), "value-office_phone": GOOD_PHONE})
    assert b"000-0000-0009" not in outsider.get("/staff/audit/").content


def test_preview_shows_the_step_as_the_kiosk_does(publisher: Client) -> None:
    publisher.post("/staff/values/", {**form(publisher), "value-office_phone": GOOD_PHONE})
    page = publisher.get("/staff/preview/lost_card/outcome_outside/")
    assert page.status_code == 200
    registers = page.context["registers"]
    assert [r["name"] for r in registers] == ["ふつうの日本語", "やさしい日本語"]
    assert all(r["speech"] for r in registers) and "<ruby>" in str(registers[1]["ruby"])
    assert publisher.get("/staff/preview/lost_card/no_such_node/").status_code == 404


def test_megabytes_and_nul_bytes_are_not_stored(publisher: Client) -> None:
    sent = {**form(publisher), "value-office_phone": "0" * 3_000_000, "value-office_name": "みほん\x00市役所"}
    page = publisher.post("/staff/values/", sent)
    assert page.status_code in (200, 400, 413)
    draft = MunicipalityValues.objects.get(municipality__code="demo").draft if page.status_code == 200 else {}
    assert len(draft.get("office_phone", "")) <= 1000


def test_every_step_of_every_flow_previews(publisher: Client, content: object) -> None:
    page = publisher.get("/staff/guidance/")
    assert page.status_code == 200
    for flow in page.context["flows"]:
        for node in flow["nodes"]:
            preview = publisher.get(f"/staff/preview/{flow['id']}/{node['id']}/")
            assert preview.status_code == 200, (flow["id"], node["id"])


def edit_form(client: Client, path: str) -> dict[str, str]:
    page = client.get(path)
    assert page.status_code == 200
    form = {}
    for row in page.context["editors"]:
        register, words = row["register"], row["words"]
        form.update({f"{register}-title": words["title"], f"{register}-body": words["body"],
                     f"{register}-steps": "\n".join(words["steps"]), f"{register}-items": "\n".join(words["items"]),
                     f"{register}-hint": words["hint"]})
    return form


def test_a_step_in_the_municipalitys_own_words(publisher: Client, content: object) -> None:
    from backend.guidance.models import NodeOverride
    from backend.guidance.services import content_import

    path = "/staff/guidance/lost_card/outcome_outside/"
    form = edit_form(publisher, path)
    # Checked without saving: an empty title and an unknown placeholder are refused, nothing stored.
    checked = publisher.post(path, {**form, "plain-title": "", "plain-body": "{no_such_value} へ 来て ください。",
                                    "action": "check"})
    assert checked.status_code == 200 and "題名が 空です" in checked.content.decode()
    assert "{no_such_value}" in checked.content.decode() and not NodeOverride.objects.exists()

    # The plain-Japanese rules' errors block it as they block a content file (keigo here).
    keigo = publisher.post(path, {**form, "plain-body": "市役所に いらっしゃって くださいませ。", "action": "check"})
    assert "やさしい日本語の 決まり" in keigo.content.decode() and not NodeOverride.objects.exists()

    words = "市役所の 1階、3番の 窓口で 受け付けます。{office_phone} に 電話しても 大丈夫です。"
    saved = publisher.post(path, {**form, "plain-body": words, "action": "save"})
    assert saved.status_code == 200 and 'id="step-saved"' in saved.content.decode()
    assert ContentRelease.objects.get(municipality__code="demo", is_current=True).version == 1  # a draft only
    review = publisher.get("/staff/publish/")
    assert [(s.node_id, s.register) for s in review.context["steps"]] == [("outcome_outside", "plain")]
    assert any("3番の 窓口" in line for p in review.context["paths"] for line in p.lines)
    assert publisher.post("/staff/publish/").status_code == 302
    release = ContentRelease.objects.get(municipality__code="demo", is_current=True)
    body = release.document["flows"]["lost_card"]["nodes"]["outcome_outside"]["text"]["plain"]["body"]
    assert "3番の 窓口" in body and "000-0000-0000" in body  # the value is filled in, as in shared words
    # Translations are of the standard register, which is still the shared one: they stay.
    assert release.document["flows"]["lost_card"]["nodes"]["outcome_outside"]["translations"]

    content_import(content=content)  # type: ignore[arg-type]
    again = ContentRelease.objects.get(municipality__code="demo", is_current=True).document
    assert "3番の 窓口" in again["flows"]["lost_card"]["nodes"]["outcome_outside"]["text"]["plain"]["body"]

    # Back to the template at the next publish.
    publisher.post(path, {"action": "revert-plain"})
    publisher.post("/staff/publish/")
    last = ContentRelease.objects.get(municipality__code="demo", is_current=True).document
    assert "3番の 窓口" not in last["flows"]["lost_card"]["nodes"]["outcome_outside"]["text"]["plain"]["body"]
    assert not NodeOverride.objects.exists()


def test_a_template_change_under_an_override_is_flagged_and_the_kiosk_keeps_the_override(
        publisher: Client, content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from backend.guidance.models import NodeOverride
    from backend.guidance.services import content_import
    from guidance.loader import load_content

    monkeypatch.setenv("MADOGUCHI_CONTENT_DIR", str(content_copy))
    path = "/staff/guidance/lost_card/outcome_outside/"
    publisher.post(path, {**edit_form(publisher, path), "standard-title": "本庁舎で 再発行", "action": "save"})
    publisher.post("/staff/publish/")
    assert not publisher.get(path).context["editors"][0]["stale"]
    # The translations were of the shared standard words: none is shown for the municipality's own.
    published = ContentRelease.objects.get(municipality__code="demo", is_current=True).document
    assert published["flows"]["lost_card"]["nodes"]["outcome_outside"]["translations"] == {}

    # The national template's words change in the repository and are imported again.
    flow_file = content_copy / "flows" / "lost_card.toml"
    text = flow_file.read_text(encoding="utf-8")
    flow_file.write_text(text.replace('[nodes.outcome_outside.standard]\ntitle = "これからすること"',
                                      '[nodes.outcome_outside.standard]\ntitle = "これから すること（改訂）"'),
                         encoding="utf-8")
    content_import(content=load_content(content_copy))
    document = ContentRelease.objects.get(municipality__code="demo", is_current=True).document
    shown = document["flows"]["lost_card"]["nodes"]["outcome_outside"]["text"]["standard"]["title"]
    assert shown == "本庁舎で 再発行"  # the kiosk keeps the reviewed words until staff look again
    row = publisher.get(path).context["editors"][0]
    assert row["stale"] and row["template"]["title"] == "これから すること（改訂）"
    assert "テンプレートの 言葉が 変わりました" in publisher.get(path).content.decode()
    # ... and on the first page, the list of steps, the publish page and the staff API, with the diff
    home = publisher.get("/staff/").content.decode()
    assert 'id="to-review"' in home and "要確認 1件" in home and "題名 が 変わりました" in home
    assert 'id="stale-lost_card-outcome_outside"' in publisher.get("/staff/guidance/").content.decode()
    assert 'id="to-review"' in publisher.get("/staff/publish/").content.decode()
    flagged = publisher.get("/api/staff/overrides").json()
    assert flagged == [{"flow_id": "lost_card", "node_id": "outcome_outside", "register_name": "standard",
                        "published": True, "pending": False, "stale": True,
                        "template_changes": [{"field": "title", "was": "これからすること",
                                              "now": "これから すること（改訂）"}]}], flagged
    assert signed_in(staff("other", "neighbour")).get("/api/staff/overrides").json() == []  # demo's are demo's
    from madoguchi.commands.content import overrides_to_review_lines

    assert [line.split(": the")[0] for line in overrides_to_review_lines(load_content(content_copy))] == [
        "warning: demo: lost_card/outcome_outside (standard)"]  # what `madoguchi content publish` prints

    # Saved again (reviewed against the new template): no longer flagged once published.
    publisher.post(path, {**edit_form(publisher, path), "action": "save"})
    assert publisher.get("/api/staff/overrides").json()[0]["pending"]
    publisher.post("/staff/publish/")
    assert not publisher.get(path).context["editors"][0]["stale"]
    assert NodeOverride.objects.get().published is not None
    assert not publisher.get("/api/staff/overrides").json()[0]["stale"]
    assert 'id="to-review"' not in publisher.get("/staff/").content.decode()


def test_a_body_over_several_lines_as_a_browser_sends_it(publisher: Client) -> None:
    """A textarea sends CRLF; the shared bodies run over lines: both are fine, other controls are not."""
    path = "/staff/guidance/lost_card/suspend_card/"
    form = edit_form(publisher, path)
    ok = publisher.post(path, {**form, "plain-body": "1行目です。\r\n2行目です。", "action": "check"})
    assert 'id="step-checked"' in ok.content.decode()
    bad = publisher.post(path, {**form, "plain-body": "ベル\x07です。", "action": "check"})
    assert "制御文字" in bad.content.decode()


def test_a_value_left_as_the_prefectures_follows_it_and_an_own_one_stays(publisher: Client, content_copy: Path) -> None:
    """The prefecture layer in the workspace: the clerk sees which value is みほん県's; publishing keeps
    it as the prefecture's, so a later prefecture change reaches the kiosk; a value the clerk typed
    over it stays theirs through the same change."""
    from backend.guidance.services import content_import
    from guidance.loader import load_content

    key = "elderly_insurance_union"
    page = publisher.get("/staff/values/").content.decode()
    assert "みほん県の 値です。みほん県が 変えると、ここも 変わります。" in page
    publisher.post("/staff/values/", {**form(publisher), "value-office_phone": GOOD_PHONE})
    assert publisher.post("/staff/publish/").status_code in (200, 302)
    own = MunicipalityValues.objects.get(municipality__code="demo")
    assert own.published is not None and key not in own.published and own.published["office_phone"] == GOOD_PHONE
    assert "000-0000-0300" in current_values()[key]

    prefecture = content_copy / "prefectures" / "sample_pref.toml"
    prefecture.write_text(prefecture.read_text(encoding="utf-8").replace("000-0000-0300", "000-0000-0301"),
                          encoding="utf-8")
    content_import(content=load_content(content_copy))
    assert "000-0000-0301" in current_values()[key] and current_values()["office_phone"] == GOOD_PHONE

    ours = "みほん市役所で 聞けます（サンプル）"
    publisher.post("/staff/values/", {**form(publisher), f"value-{key}": ours})
    assert "の 代わりに、この 市町村の 値を 使います" in publisher.get("/staff/values/").content.decode()
    publisher.post("/staff/publish/")
    prefecture.write_text(prefecture.read_text(encoding="utf-8").replace("000-0000-0301", "000-0000-0302"),
                          encoding="utf-8")
    content_import(content=load_content(content_copy))
    assert current_values()[key] == ours


def test_a_municipalitys_own_flow_is_listed_for_it_alone(publisher: Client) -> None:
    page = publisher.get("/staff/guidance/").content.decode()
    assert 'id="local-remote_counter"' in page and "この 市町村だけの 案内" in page
    assert publisher.get("/staff/preview/remote_counter/book/").status_code == 200
    town = signed_in(staff("sample_kita", "town-clerk"))
    assert "remote_counter" not in town.get("/staff/guidance/").content.decode()
    assert town.get("/staff/preview/remote_counter/book/").status_code == 404
    assert town.get("/staff/guidance/remote_counter/book/").status_code == 404
