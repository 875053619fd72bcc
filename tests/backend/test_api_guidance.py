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


def test_release_lists_topics_of_the_callers_municipality(kiosk_client: Client) -> None:
    body = kiosk_client.get("/api/guidance/release").json()
    document = body["document"]
    assert document["municipality"] == {"code": "demo", "name": "みほん市", "sample": True,
                                        "values": document["municipality"]["values"]}
    assert [t["id"] for t in document["topics"]] == ["mynumber_card", "online_consultation", "telemedicine"]
    assert "lost_card" in [flow["id"] for flow in document["topics"][0]["flows"]]
    assert body["version"] == 1 and len(body["checksum"]) == 64


def test_flow_has_both_registers_sources_and_filled_in_values(kiosk_client: Client) -> None:
    response = kiosk_client.get("/api/guidance/release")
    assert response.status_code == 200
    flow = response.json()["document"]["flows"]["lost_card"]
    assert flow["start"] == "suspend_card"
    node = flow["nodes"]["suspend_card"]
    assert "0120-95-0178" in node["text"]["standard"]["body"]
    assert "0120-95-0178" in node["text"]["plain"]["body"]
    assert node["sources"][0]["url"].startswith("https://") and node["sources"][0]["checked_on"] == "2026-11-28"
    outcome = flow["nodes"]["outcome_outside"]["text"]["standard"]["steps"]
    assert any("みほん市役所（サンプル）" in step for step in outcome)
    assert not any("{office_name}" in step for step in outcome)


def test_the_served_document_is_the_stored_one(kiosk_client: Client) -> None:
    """The typed response (the OpenAPI's DocumentOut) neither drops nor adds a key of what was rendered:
    the checksum the kiosk verifies is over the stored document."""
    from guidance.release import checksum

    body = kiosk_client.get("/api/guidance/release").json()
    stored = ContentRelease.objects.get(municipality__code="demo", is_current=True)
    assert body["document"] == stored.document and checksum(body["document"]) == body["checksum"]


def test_missing_key_is_401_in_the_error_envelope(imported: object) -> None:
    assert_envelope(Client().get("/api/guidance/release"), 401, "unauthorized")


def test_wrong_key_is_401(imported: object) -> None:
    client = Client(headers={"X-Kiosk-Key": "mdg_000000000000_not-a-real-key"})
    assert_envelope(client.get("/api/guidance/release"), 401, "unauthorized")


def test_deactivated_device_is_refused(kiosk_client: Client) -> None:
    from backend.municipalities.models import KioskDevice

    KioskDevice.objects.update(is_active=False)
    assert_envelope(kiosk_client.get("/api/guidance/release"), 401, "unauthorized")


def test_unknown_api_path_is_404_envelope(kiosk_client: Client) -> None:
    response = kiosk_client.get("/api/guidance/nothing/here")
    assert response.status_code == 404


def test_no_release_yet_is_503(db: None) -> None:
    Municipality.objects.create(code="empty", name="からっぽ町")
    _, key = device_register(municipality_code="empty", name="k")
    assert_envelope(Client(headers={"X-Kiosk-Key": key}).get("/api/guidance/release"), 503, "no_content")


def test_each_kiosk_sees_only_its_own_municipality(kiosk_client: Client, content: object) -> None:
    other = Municipality.objects.create(code="other", name="ほかの町", is_sample=True)
    release_publish(municipality=other, document={"municipality": {"code": "other", "name": "ほかの町", "sample": True,
                                                                   "values": {}},
                                                  "readings": {}, "topics": [], "flows": {}})
    _, other_key = device_register(municipality_code="other", name="k")
    other_body = Client(headers={"X-Kiosk-Key": other_key}).get("/api/guidance/release").json()["document"]
    assert other_body["municipality"]["code"] == "other" and other_body["topics"] == [] and other_body["flows"] == {}
    assert kiosk_client.get("/api/guidance/release").json()["document"]["municipality"]["code"] == "demo"


def test_device_me(kiosk_client: Client) -> None:
    body = kiosk_client.get("/api/kiosk/me").json()
    assert body["name"] == "pytest kiosk" and body["municipality"]["code"] == "demo"


def test_health_needs_no_key(db: None) -> None:
    assert Client().get("/api/health").json() == {"status": "ok"}


def test_openapi_document_and_docs_page(db: None) -> None:
    client = Client()
    schema = client.get("/api/openapi.json").json()
    assert set(schema["paths"]) >= {"/api/guidance/release"}
    assert not {"/api/guidance/catalogue", "/api/guidance/flows/{flow_id}"} & set(schema["paths"])
    document = schema["components"]["schemas"]["ReleaseDocumentOut"]["properties"]["document"]
    assert document == {"$ref": "#/components/schemas/DocumentOut"}  # typed, not an untyped object
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
