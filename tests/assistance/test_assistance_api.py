"""Help requests and the volunteer endpoints through Django's test client, on a real database:
the whole co-pilot cycle, the personal-data check on notes, and no leak across sites or
municipalities on any endpoint."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from backend.assistance.models import HelpRequest, VolunteerToken
from backend.assistance.services import volunteer_register
from backend.municipalities.models import Municipality
from backend.municipalities.services import device_register
from privacy.numbers import check_digit

pytestmark = pytest.mark.django_db

SITE = "中央図書館"
MY_NUMBER = "12345678901" + str(check_digit("12345678901"))
CONTEXT = {"flow_id": "lost_card", "node_id": "suspend_card", "step": 1, "language": "ja",
           "modes": {"plain": True}, "answers": {"where_lost": "outside"}}


def post(client: Client, path: str, body: dict | None = None):  # type: ignore[no-untyped-def]
    return client.post(path, body or {}, content_type="application/json")


def make_town(code: str) -> Municipality:
    return Municipality.objects.create(code=code, name=code, is_sample=True)


def kiosk(code: str, site: str = SITE, name: str = "kiosk") -> Client:
    _, key = device_register(municipality_code=code, name=name, site=site)
    return Client(headers={"X-Kiosk-Key": key})


def volunteer(code: str, username: str, site: str = SITE) -> Client:
    volunteer_register(municipality_code=code, site=site, username=username, password="pw-long-enough",
                       display_name=username)
    token = post(Client(), "/api/volunteer/login", {"username": username, "password": "pw-long-enough"}).json()["token"]
    return Client(headers={"Authorization": f"Bearer {token}"})


@pytest.fixture(scope="module")
def content():  # type: ignore[no-untyped-def]
    from backend.config.env import PROJECT_ROOT
    from guidance.loader import load_content

    return load_content(PROJECT_ROOT / "content")


@pytest.fixture
def town(content) -> Municipality:  # type: ignore[no-untyped-def]
    """みほん市 with its published guidance (the volunteer sees each step's hint from it)."""
    from backend.guidance.services import content_import

    content_import(content=content)
    return Municipality.objects.get(code="demo")


def test_the_whole_cycle(town: Municipality) -> None:
    resident = kiosk("demo")
    tanaka = volunteer("demo", "tanaka")
    post(tanaka, "/api/volunteer/duty", {"on_duty": True})
    created = post(resident, "/api/help/requests", {**CONTEXT, "reason": "dont_understand"})
    assert created.status_code == 201, created.content
    assert created.json() | {"id": 0} == {"id": 0, "status": "open", "position": 1, "volunteers_on_duty": 1,
                                          "volunteer_name": None, "suggestions": []}
    request_id = created.json()["id"]
    assert [r["id"] for r in tanaka.get("/api/volunteer/requests").json()] == [request_id]
    accepted = post(tanaka, f"/api/volunteer/requests/{request_id}/accept")
    assert accepted.status_code == 200 and accepted.json()["answers"] == {"where_lost": "outside"}
    assert accepted.json()["hint"]  # the content's volunteer hint for this step
    assert resident.get(f"/api/help/requests/{request_id}").json()["volunteer_name"] == "tanaka"
    suggestion = post(tanaka, f"/api/volunteer/requests/{request_id}/suggest", {"action": "plain_on"})
    assert suggestion.status_code == 201
    pending = resident.get(f"/api/help/requests/{request_id}").json()["suggestions"]
    assert pending == [{"id": suggestion.json()["id"], "action": "plain_on"}]
    assert suggestion.json() == {"id": pending[0]["id"], "action": "plain_on", "status": "pending"}
    assert post(resident, f"/api/help/suggestions/{pending[0]['id']}/answer", {"accepted": True}).status_code == 204
    detail = tanaka.get(f"/api/volunteer/requests/{request_id}").json()
    assert detail["suggestions"][0]["status"] == "accepted"
    moved = post(resident, f"/api/help/requests/{request_id}/context", {**CONTEXT, "node_id": "police", "step": 2})
    assert moved.status_code == 200
    assert tanaka.get(f"/api/volunteer/requests/{request_id}").json()["node_id"] == "police"
    resolved = post(tanaka, f"/api/volunteer/requests/{request_id}/resolve",
                    {"outcome": "solved", "note": "一時停止の電話を案内"})
    assert resolved.status_code == 200 and resolved.json()["status"] == "resolved"
    rows = list(csv.DictReader(io.StringIO(tanaka.get("/api/volunteer/activity.csv").content.decode())))
    assert [(r["flow"], r["outcome"], r["note"]) for r in rows] == [("lost_card", "solved", "一時停止の電話を案内")]


@pytest.mark.parametrize(("note", "reason"), [
    (f"番号は {MY_NUMBER} でした", "my_number"), ("折り返し 090-1234-5678 へ", "phone"),
    ("暗証番号 1234 を忘れた", "pin"), ("署名用 ABC12345", "pin"), ("名前：ヤマダ タロウ 来所", "name"),
    ("担当の山田さんへ引き継ぎ", "name")])
def test_notes_with_personal_data_are_refused_and_nothing_changes(town: Municipality, note: str, reason: str) -> None:
    resident, tanaka = kiosk("demo"), volunteer("demo", "tanaka")
    request_id = post(resident, "/api/help/requests", {**CONTEXT, "reason": "other"}).json()["id"]
    post(tanaka, f"/api/volunteer/requests/{request_id}/accept")
    refused = post(tanaka, f"/api/volunteer/requests/{request_id}/resolve", {"outcome": "solved", "note": note})
    assert refused.status_code == 422 and refused.json()["code"] == "personal_data_in_note"
    assert refused.json()["details"]["reason"] == reason and refused.json()["message"]
    stored = HelpRequest.objects.get(pk=request_id)
    assert stored.status == "accepted" and stored.note == ""


def test_a_public_toll_free_number_may_be_noted(town: Municipality) -> None:
    resident, tanaka = kiosk("demo"), volunteer("demo", "tanaka")
    request_id = post(resident, "/api/help/requests", {**CONTEXT, "reason": "other"}).json()["id"]
    post(tanaka, f"/api/volunteer/requests/{request_id}/accept")
    ok = post(tanaka, f"/api/volunteer/requests/{request_id}/resolve",
              {"outcome": "solved", "note": "コールセンター 0120-95-0178 を案内"})
    assert ok.status_code == 200


def test_free_text_cannot_enter_a_help_request(town: Municipality) -> None:
    resident = kiosk("demo")
    for bad in ({**CONTEXT, "answers": {"name": "ヤマダ ハナコ"}}, {**CONTEXT, "flow_id": "090-1234-5678"},
                {**CONTEXT, "answers": {"phone": "09012345678"}}):
        assert post(resident, "/api/help/requests", {**bad, "reason": "other"}).status_code == 422


def test_accepting_twice_is_409_and_only_the_acceptor_may_act(town: Municipality) -> None:
    resident, tanaka, sato = kiosk("demo"), volunteer("demo", "tanaka"), volunteer("demo", "sato")
    request_id = post(resident, "/api/help/requests", {**CONTEXT, "reason": "other"}).json()["id"]
    assert post(tanaka, f"/api/volunteer/requests/{request_id}/accept").status_code == 200
    second = post(sato, f"/api/volunteer/requests/{request_id}/accept")
    assert second.status_code == 409 and second.json()["details"]["reason"] == "already_accepted"
    assert post(sato, f"/api/volunteer/requests/{request_id}/suggest", {"action": "plain_on"}).status_code == 409
    assert post(sato, f"/api/volunteer/requests/{request_id}/resolve", {"outcome": "other"}).status_code == 409


def test_queue_position_and_no_volunteer_on_duty(town: Municipality) -> None:
    resident = kiosk("demo")
    other = kiosk("demo", name="kiosk 2")
    first = post(resident, "/api/help/requests", {**CONTEXT, "reason": "other"}).json()
    second = post(other, "/api/help/requests", {**CONTEXT, "reason": "cant_read"}).json()
    assert (first["position"], second["position"]) == (1, 2)
    assert second["volunteers_on_duty"] == 0
    post(resident, f"/api/help/requests/{first['id']}/cancel")
    assert other.get(f"/api/help/requests/{second['id']}").json()["position"] == 1


def test_credentials_wrong_expired_or_revoked_are_401(town: Municipality) -> None:
    assert post(Client(), "/api/volunteer/login", {"username": "nobody", "password": "x"}).status_code == 401
    tanaka = volunteer("demo", "tanaka")
    VolunteerToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = tanaka.get("/api/volunteer/requests")
    assert expired.status_code == 401 and expired.json()["details"]["reason"] == "token_expired"
    assert Client().get("/api/volunteer/requests").status_code == 401
    assert Client(headers={"Authorization": "Bearer mdv_x_y"}).get("/api/volunteer/requests").status_code == 401
    # A kiosk key is not a volunteer token, nor the reverse.
    resident = kiosk("demo")
    assert resident.get("/api/volunteer/requests").status_code == 401


def test_no_endpoint_leaks_across_sites_or_municipalities(town: Municipality) -> None:
    make_town("other")
    mine = kiosk("demo")
    foreign_kiosk, other_site_kiosk = kiosk("other"), kiosk("demo", site="北公民館", name="kiosk north")
    tanaka = volunteer("demo", "tanaka")
    outsider = volunteer("other", "other-volunteer")
    foreign = post(foreign_kiosk, "/api/help/requests", {**CONTEXT, "reason": "other"}).json()["id"]
    other_site = post(other_site_kiosk, "/api/help/requests", {**CONTEXT, "reason": "other"}).json()["id"]
    own = post(mine, "/api/help/requests", {**CONTEXT, "reason": "other"}).json()["id"]
    assert [r["id"] for r in tanaka.get("/api/volunteer/requests").json()] == [own]
    for request_id in (foreign, other_site):
        assert tanaka.get(f"/api/volunteer/requests/{request_id}").status_code == 404
        for action, body in (("accept", {}), ("suggest", {"action": "plain_on"}), ("resolve", {"outcome": "other"})):
            assert post(tanaka, f"/api/volunteer/requests/{request_id}/{action}", body).status_code == 404
        # Kiosks cannot read, move, cancel or answer for another kiosk's request either.
        assert mine.get(f"/api/help/requests/{request_id}").status_code == 404
        assert post(mine, f"/api/help/requests/{request_id}/cancel").status_code == 404
        assert post(mine, f"/api/help/requests/{request_id}/context", CONTEXT).status_code == 404
    assert outsider.get(f"/api/volunteer/requests/{own}").status_code == 404
    assert post(outsider, f"/api/volunteer/requests/{own}/accept").status_code == 404
    post(tanaka, f"/api/volunteer/requests/{own}/accept")
    suggestion = post(tanaka, f"/api/volunteer/requests/{own}/suggest", {"action": "plain_on"}).json()["id"]
    assert post(foreign_kiosk, f"/api/help/suggestions/{suggestion}/answer", {"accepted": True}).status_code == 404
    assert outsider.get("/api/volunteer/activity.csv").content.decode().count("\n") == 1  # header only


def test_sessions_feed_the_assisted_rate_and_stuck_points(town: Municipality) -> None:
    from django.contrib.auth.models import User

    from backend.municipalities.models import StaffMember

    resident = kiosk("demo")
    for assisted in (True, False, False, False):
        assert post(resident, "/api/help/sessions", {"flows": ["lost_card"], "assisted": assisted}).status_code == 204
    post(resident, "/api/help/requests", {**CONTEXT, "reason": "dont_understand"})
    user = User.objects.create_user(username="clerk", password="pw-long-enough")
    StaffMember.objects.create(user=user, municipality=town)
    import base64

    staff = Client(headers={"Authorization": "Basic " + base64.b64encode(b"clerk:pw-long-enough").decode()})
    summary = staff.get("/api/staff/assistance").json()
    assert summary["sessions"] == 4 and summary["assisted_rate"] == 0.25
    assert summary["stuck_points"] == [{"flow_id": "lost_card", "node_id": "suspend_card", "requests": 1}]


def test_a_session_record_keeps_language_modes_completed_flows_and_the_last_step(town: Municipality) -> None:
    from backend.assistance.models import KioskSession

    resident = kiosk("demo")
    body = {"flows": ["lost_card", "renew_card"], "completed": ["lost_card"], "last_flow": "renew_card",
            "last_node": "where_to_go", "language": "pt_BR", "assisted": True,
            "modes": {"plain": True, "furigana": False, "high_contrast": True, "read_aloud": False}}
    assert post(resident, "/api/help/sessions", body).status_code == 204
    stored = KioskSession.objects.get()
    assert (stored.flows, stored.completed, stored.last_flow, stored.last_node, stored.language) == (
        ["lost_card", "renew_card"], ["lost_card"], "renew_card", "where_to_go", "pt_BR")
    assert (stored.used_plain, stored.used_furigana, stored.used_high_contrast, stored.used_read_aloud) == (
        True, False, True, False)
    assert stored.ended_on == timezone.localdate()  # the day, and nothing finer, is all the time kept


def test_the_old_session_body_is_still_counted_as_not_saying_its_language(town: Municipality) -> None:
    from backend.assistance.models import KioskSession

    assert post(kiosk("demo"), "/api/help/sessions", {"flows": ["lost_card"], "assisted": False}).status_code == 204
    stored = KioskSession.objects.get()
    assert stored.language == "" and stored.completed == [] and (stored.last_flow, stored.last_node) == ("", "")
    assert not (stored.used_plain or stored.used_furigana or stored.used_high_contrast or stored.used_read_aloud)


@pytest.mark.parametrize("nonsense", [
    {"flows": ["lost_card"], "completed": ["renew_card"]},  # completed a flow it never started
    {"flows": ["lost_card"], "last_flow": "renew_card", "last_node": "start"},
    {"flows": ["lost_card"], "last_flow": "lost_card"},  # a flow without its step
    {"flows": ["lost_card"], "last_node": "suspend_card"},
    {"flows": ["lost_card"], "last_flow": "lost_card", "last_node": "ヤマダ ハナコ"},  # typed text, not an id
    {"flows": ["lost_card"], "language": "日本語"},
    {"flows": ["lost_card"], "language": ""},
    {"flows": ["lost_card"], "modes": {"plain": "perhaps"}},
    {"flows": ["lost_card"], "modes": "plain"},
    {"flows": ["lost_card"], "completed": "lost_card"},
])
def test_a_session_record_that_cannot_have_happened_is_refused(town: Municipality, nonsense: dict) -> None:
    from backend.assistance.models import KioskSession

    response = post(kiosk("demo"), "/api/help/sessions", nonsense)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request" and response.json()["details"]["errors"]
    assert not KioskSession.objects.exists()
