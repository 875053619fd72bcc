"""Provides the staff endpoint on a municipality's own words for shared steps (templates and overrides).

``stale`` is the same flag the workspace shows: the national template changed under the words the
municipality published, as a translation goes fuzzy; the kiosk keeps those words until staff review.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from backend.core.errors import ServiceUnavailable
from backend.core.schemas import ErrorOut
from backend.guidance.content_files import current_content
from backend.guidance.schemas import OverrideOut
from backend.guidance.selectors import overrides_list
from backend.municipalities.auth import StaffBasic, StaffSession
from guidance.model import ContentError

router = Router(tags=["staff"], auth=[StaffBasic(), StaffSession()])


@router.get("/overrides", response={200: list[OverrideOut], 401: ErrorOut, 503: ErrorOut},
            summary="The municipality's own words for shared steps, flagged when the template changed under them")
def list_overrides(request: HttpRequest) -> Any:
    try:
        content, _translations = current_content()
    except ContentError as error:
        raise ServiceUnavailable("The guidance files do not pass the content check; ask the maintainers.") from error
    return [{"flow_id": s.flow_id, "node_id": s.node_id, "register_name": s.register, "published": s.published,
             "pending": s.pending, "stale": s.stale,
             "template_changes": [{"field": c.field, "was": c.was, "now": c.now} for c in s.changes]}
            for s in overrides_list(municipality=request.auth.municipality, content=content)]
