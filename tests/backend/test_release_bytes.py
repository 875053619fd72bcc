"""GET /api/guidance/release serves stored bytes: the 304 never reads the document, the 200 copies
the body made at publish (gzipped when accepted), byte for byte what the checksum is over."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import importlib
import json

import httpx
import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from backend.guidance.models import ContentRelease
from kiosk.client import GuidanceClient

pytestmark = pytest.mark.django_db


def stored(code: str = "demo") -> ContentRelease:
    return ContentRelease.objects.get(municipality__code=code, is_current=True)


def test_304_has_no_body_and_does_not_read_the_document(kiosk_client: Client) -> None:
    etag = kiosk_client.get("/api/guidance/release")["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = kiosk_client.get("/api/guidance/release", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    read = [q["sql"] for q in queries.captured_queries if "guidance_contentrelease" in q["sql"]]
    assert read and not [sql for sql in read if "document" in sql or "body" in sql], read


def test_the_200_is_the_canonical_bytes_and_its_gzip_decodes_to_them(kiosk_client: Client) -> None:
    release = stored()
    plain = kiosk_client.get("/api/guidance/release", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain and plain["Content-Type"] == "application/json"
    zipped = kiosk_client.get("/api/guidance/release", headers={"Accept-Encoding": "gzip, deflate"})
    assert zipped["Content-Encoding"] == "gzip" and zipped["Vary"] == "Accept-Encoding"
    assert gzip.decompress(zipped.content) == plain.content == bytes(release.body)
    assert zipped["ETag"] == plain["ETag"] == f'"{release.checksum}"'
    # The document's bytes in the body are the very bytes the checksum is over.
    prefix = json.dumps({"version": release.version, "checksum": release.checksum}, separators=(",", ":"))
    document = plain.content.removeprefix(prefix[:-1].encode() + b',"document":').removesuffix(b"}")
    assert hashlib.sha256(document).hexdigest() == release.checksum
    assert json.loads(plain.content)["document"] == release.document
    refused = kiosk_client.get("/api/guidance/release", headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused


def test_the_migration_fills_releases_published_before_it(kiosk_client: Client) -> None:
    release = stored()
    expected = bytes(release.body), bytes(release.body_gzip)
    ContentRelease.objects.filter(pk=release.pk).update(body=None, body_gzip=None)
    # Even without stored bytes the endpoint answers the same (made afresh).
    assert kiosk_client.get("/api/guidance/release", headers={"Accept-Encoding": "identity"}).content == expected[0]
    importlib.import_module("backend.guidance.migrations.0003_release_bytes").fill(apps, None)
    release.refresh_from_db()
    assert (bytes(release.body), bytes(release.body_gzip)) == expected


def test_the_kiosk_client_gets_gzip_and_still_verifies_the_checksum(kiosk_client: Client) -> None:
    """httpx asks for gzip by default; the kiosk's client decodes the stored gzip and checks the
    checksum. The backend's answers are taken first (the database is this thread's), then replayed."""
    answers: dict[str, object] = {}

    def handle(request: httpx.Request) -> httpx.Response:
        answer = answers[request.headers.get("If-None-Match", "")]
        assert "gzip" in request.headers["Accept-Encoding"]
        return httpx.Response(answer.status_code, headers=dict(answer.items()),  # type: ignore[attr-defined]
                              content=answer.content)  # type: ignore[attr-defined]

    first = kiosk_client.get("/api/guidance/release", headers={"Accept-Encoding": "gzip, deflate"})
    answers[""] = first
    answers[first["ETag"]] = kiosk_client.get("/api/guidance/release", headers={"If-None-Match": first["ETag"]})
    assert first["Content-Encoding"] == "gzip"
    client = GuidanceClient("http://localhost", "key", transport=httpx.MockTransport(handle))
    release = asyncio.run(client.release())
    assert release is not None and release.checksum == stored().checksum
    assert asyncio.run(client.release(release.checksum)) is None
