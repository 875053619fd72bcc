"""The guidance API through Django's test client, on a real database."""

from __future__ import annotations

import pytest
from django.test import Client

from backend.guidance.models import ContentRelease
from backend.guidance.services import release_publish
from backend.municipalities.models import Municipality
from backend.municipalities.services import device_register

pytestmark = pytest.mark.django_db


def assert_envelope(response, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["code"] == code and body["message"]
    return body


def test_catalogue_lists_topics_of_the_callers_municipality(kiosk_client: Client) -> None:
    body = kiosk_client.get("/api/guidance/catalogue").json()
    assert body["municipality"] == {"code": "demo", "name": "みほん市", "sample": True,
                                    "values": body["municipality"]["values"]}
    assert [t["id"] for t in body["topics"]] == ["mynumber_card", "online_consultation", "telemedicine"]
    assert "lost_card" in [flow["id"] for flow in body["topics"][0]["flows"]]
    assert body["release"]["version"] == 1 and len(body["release"]["checksum"]) == 64


def test_flow_has_both_registers_sources_and_filled_in_values(kiosk_client: Client) -> None:
    response = kiosk_client.get("/api/guidance/flows/lost_card")
    assert response.status_code == 200
    flow = response.json()
    assert flow["start"] == "suspend_card"
    node = flow["nodes"]["suspend_card"]
    assert "0120-95-0178" in node["text"]["standard"]["body"]
    assert "0120-95-0178" in node["text"]["plain"]["body"]
    assert node["sources"][0]["url"].startswith("https://") and node["sources"][0]["checked_on"] == "2026-11-28"
    outcome = flow["nodes"]["outcome_outside"]["text"]["standard"]["steps"]
    assert any("みほん市役所（サンプル）" in step for step in outcome)
    assert not any("{office_name}" in step for step in outcome)


def test_missing_key_is_401_in_the_error_envelope(imported: object) -> None:
    assert_envelope(Client().get("/api/guidance/catalogue"), 401, "unauthorized")


def test_wrong_key_is_401(imported: object) -> None:
    client = Client(headers={"X-Kiosk-Key": "mdg_000000000000_not-a-real-key"})
    assert_envelope(client.get("/api/guidance/flows/lost_card"), 401, "unauthorized")


def test_deactivated_device_is_refused(kiosk_client: Client) -> None:
    from backend.municipalities.models import KioskDevice

    KioskDevice.objects.update(is_active=False)
    assert_envelope(kiosk_client.get("/api/guidance/catalogue"), 401, "unauthorized")


def test_unknown_flow_is_404(kiosk_client: Client) -> None:
    body = assert_envelope(kiosk_client.get("/api/guidance/flows/no_such_flow"), 404, "not_found")
    assert body["details"] == {"flow_id": "no_such_flow"}


@pytest.mark.parametrize("flow_id", ["Lost-Card", "lost%20card", "x" * 80, "1abc", "lost_card%00"])
def test_malformed_flow_id_is_422_with_details(kiosk_client: Client, flow_id: str) -> None:
    body = assert_envelope(kiosk_client.get(f"/api/guidance/flows/{flow_id}"), 422, "invalid_request")
    assert body["details"]["errors"][0]["location"][-1] == "flow_id"


def test_unknown_api_path_is_404_envelope(kiosk_client: Client) -> None:
    response = kiosk_client.get("/api/guidance/nothing/here")
    assert response.status_code == 404


def test_no_release_yet_is_503(db: None) -> None:
    Municipality.objects.create(code="empty", name="からっぽ町")
    _, key = device_register(municipality_code="empty", name="k")
    assert_envelope(Client(headers={"X-Kiosk-Key": key}).get("/api/guidance/catalogue"), 503, "no_content")


def test_each_kiosk_sees_only_its_own_municipality(kiosk_client: Client, content: object) -> None:
    other = Municipality.objects.create(code="other", name="ほかの町", is_sample=True)
    release_publish(municipality=other, document={"municipality": {"code": "other", "name": "ほかの町", "sample": True,
                                                                   "values": {}}, "topics": [], "flows": {}})
    _, other_key = device_register(municipality_code="other", name="k")
    other_body = Client(headers={"X-Kiosk-Key": other_key}).get("/api/guidance/catalogue").json()
    assert other_body["municipality"]["code"] == "other" and other_body["topics"] == []
    assert_envelope(Client(headers={"X-Kiosk-Key": other_key}).get("/api/guidance/flows/lost_card"), 404, "not_found")
    assert kiosk_client.get("/api/guidance/catalogue").json()["municipality"]["code"] == "demo"


def test_device_me(kiosk_client: Client) -> None:
    body = kiosk_client.get("/api/kiosk/me").json()
    assert body["name"] == "pytest kiosk" and body["municipality"]["code"] == "demo"


def test_health_needs_no_key(db: None) -> None:
    assert Client().get("/api/health").json() == {"status": "ok"}


def test_openapi_document_and_docs_page(db: None) -> None:
    client = Client()
    schema = client.get("/api/openapi.json").json()
    assert "/api/guidance/flows/{flow_id}" in schema["paths"]
    assert "ErrorOut" in schema["components"]["schemas"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()
    asset = client.get("/static/ninja/swagger-ui-bundle.js")
    assert asset.status_code == 200


def test_releases_are_immutable_and_versioned(imported: object) -> None:
    demo = Municipality.objects.get(code="demo")
    release = ContentRelease.objects.get(municipality=demo, is_current=True)
    same = release_publish(municipality=demo, document=release.document)
    assert same.pk == release.pk  # equal content is not published twice
    changed = {**release.document, "topics": []}
    newer = release_publish(municipality=demo, document=changed)
    assert newer.version == release.version + 1 and newer.is_current
    release.refresh_from_db()
    assert not release.is_current
    release.checksum = "tampered"
    with pytest.raises(ValueError, match="immutable"):
        release.save()
