"""Provides the guidance endpoints: the catalogue of topics and one flow at a time."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Router
from pydantic import StringConstraints

from backend.core.schemas import ErrorOut
from backend.guidance import selectors
from backend.guidance.schemas import CatalogueOut, FlowOut

router = Router(tags=["guidance"])

FlowId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 503: ErrorOut}


@router.get("/catalogue", response={200: CatalogueOut, **ERRORS}, summary="Topics and flows of the current release")
def catalogue(request: HttpRequest) -> dict[str, Any]:
    release = selectors.release_current(municipality=request.auth.municipality)
    document = release.document
    return {"release": {"version": release.version, "checksum": release.checksum},
            "municipality": document["municipality"], "topics": document["topics"]}


@router.get("/flows/{flow_id}", response={200: FlowOut, **ERRORS}, summary="One guided flow, both registers")
def flow(request: HttpRequest, flow_id: Path[FlowId]) -> dict[str, Any]:
    release = selectors.release_current(municipality=request.auth.municipality)
    return {**selectors.flow_get(release=release, flow_id=flow_id),
            "release": {"version": release.version, "checksum": release.checksum}}
