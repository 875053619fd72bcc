"""Provides the reads on guidance."""

from __future__ import annotations

from typing import Any

from backend.core.errors import NotFound, ServiceUnavailable
from backend.guidance.models import ContentRelease
from backend.municipalities.models import Municipality


def release_current(*, municipality: Municipality) -> ContentRelease:
    release = ContentRelease.objects.filter(municipality=municipality, is_current=True).first()
    if release is None:
        raise ServiceUnavailable(f"no guidance has been published for '{municipality.code}' yet")
    return release


def flow_get(*, release: ContentRelease, flow_id: str) -> dict[str, Any]:
    flow = release.document["flows"].get(flow_id)
    if flow is None:
        raise NotFound(f"no flow '{flow_id}'", details={"flow_id": flow_id})
    return flow
