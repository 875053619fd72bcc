"""Provides the guidance endpoints: the whole current release, its catalogue, and one flow.

Every response carries the release checksum as its ETag; a request whose If-None-Match names the
current checksum gets 304 Not Modified and no body, so a kiosk re-checks its cached release cheaply.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Path, Router
from pydantic import StringConstraints

from backend.core.schemas import ErrorOut
from backend.guidance import selectors
from backend.guidance.models import ContentRelease
from backend.guidance.schemas import CatalogueOut, FlowOut, ReleaseDocumentOut

router = Router(tags=["guidance"])

FlowId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 503: ErrorOut}


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


@router.get("/catalogue", response={200: CatalogueOut, 304: None, **ERRORS},
            summary="Topics and flows of the current release")
def catalogue(request: HttpRequest, response: HttpResponse) -> Any:
    release = selectors.release_current(municipality=request.auth.municipality)
    if (early := _not_modified(request, release, response)) is not None:
        return early
    document = release.document
    return {"release": {"version": release.version, "checksum": release.checksum},
            "municipality": document["municipality"], "topics": document["topics"]}


@router.get("/flows/{flow_id}", response={200: FlowOut, 304: None, **ERRORS},
            summary="One guided flow, both registers")
def flow(request: HttpRequest, flow_id: Path[FlowId], response: HttpResponse) -> Any:
    release = selectors.release_current(municipality=request.auth.municipality)
    if (early := _not_modified(request, release, response)) is not None:
        selectors.flow_get(release=release, flow_id=flow_id)  # 404 still wins for an unknown flow
        return early
    return {**selectors.flow_get(release=release, flow_id=flow_id),
            "release": {"version": release.version, "checksum": release.checksum}}
