"""Provides the guidance endpoint: the whole current release of the caller's municipality.

Every response carries the release checksum as its ETag; a request whose If-None-Match names the
current checksum gets 304 Not Modified and no body, so a kiosk re-checks its cached release cheaply.
That check reads only the checksum, never the document. A 200 copies the bytes made when the
release was published (backend/guidance/release_bytes.py), gzipped when the client accepts gzip
(httpx does by default): nothing is parsed or serialised per request.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from backend.core.errors import ServiceUnavailable
from backend.core.schemas import ErrorOut
from backend.guidance import release_fast
from backend.guidance.models import ContentRelease
from backend.guidance.release_bytes import gzipped, release_body
from backend.guidance.schemas import ReleaseDocumentOut

router = Router(tags=["guidance"])

ERRORS: dict[int, Any] = {401: ErrorOut, 503: ErrorOut}


def _current(request: HttpRequest, *fields: str) -> tuple[Any, ...]:
    row = ContentRelease.objects.filter(municipality_id=request.auth.municipality_id,
                                        is_current=True).values_list(*fields).first()
    if row is None:
        raise ServiceUnavailable(f"no guidance has been published for '{request.auth.municipality.code}' yet")
    return tuple(row)


def _body(pk: int, gzip: bool) -> bytes:
    """The stored bytes; made afresh only for a release stored without them (never, after migration 0003)."""
    stored = ContentRelease.objects.filter(pk=pk).values_list("body_gzip" if gzip else "body", flat=True).first()
    if stored is not None:
        return bytes(stored)
    version, checksum, document = ContentRelease.objects.filter(pk=pk).values_list(
        "version", "checksum", "document").get()
    body = release_body(version=version, checksum=checksum, document=document)
    return gzipped(body) if gzip else body


@router.get("/release", response={200: ReleaseDocumentOut, 304: None, **ERRORS},
            summary="The whole current release (cache it; send If-None-Match; gzip when accepted)")
def release(request: HttpRequest) -> Any:
    """The answer; what it looked up is kept for the re-checks that follow (release_fast)."""
    pk, checksum = _current(request, "pk", "checksum")
    release_fast.refresh()

    def body(gzip: bool) -> bytes:
        stored = _body(pk, gzip)
        release_fast.remember_bytes(pk, gzip, stored)
        return stored

    return release_fast.release_response(request, checksum, body)
