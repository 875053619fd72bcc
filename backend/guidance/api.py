"""Provides the guidance endpoint: the whole current release of the caller's municipality.

Every response carries the release checksum as its ETag; a request whose If-None-Match names the
current checksum gets 304 Not Modified and no body, so a kiosk re-checks its cached release cheaply.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from backend.core.schemas import ErrorOut
from backend.guidance import selectors
from backend.guidance.models import ContentRelease
from backend.guidance.schemas import ReleaseDocumentOut

router = Router(tags=["guidance"])

ERRORS: dict[int, Any] = {401: ErrorOut, 503: ErrorOut}


def _etag(release: ContentRelease) -> str:
    return f'"{release.checksum}"'


def _not_modified(request: HttpRequest, release: ContentRelease, response: HttpResponse) -> HttpResponse | None:
    """304 when the caller already has this release; otherwise tag the response with its ETag."""
    etag = _etag(release)
    sent = {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}
    if etag in sent or "*" in sent:
        not_modified = HttpResponse(status=304)
        not_modified["ETag"] = etag
        return not_modified
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return None


@router.get("/release", response={200: ReleaseDocumentOut, 304: None, **ERRORS},
            summary="The whole current release (cache it; send If-None-Match)")
def release(request: HttpRequest, response: HttpResponse) -> Any:
    current = selectors.release_current(municipality=request.auth.municipality)
    return _not_modified(request, current, response) or {
        "version": current.version, "checksum": current.checksum, "document": current.document}
