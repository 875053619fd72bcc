"""Provides the workspace's first page: the municipality, the current release, what to do next."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from backend.guidance.content_files import current_content
from backend.guidance.models import ContentRelease
from backend.guidance.selectors import overrides_to_review
from backend.municipalities.models import AuditEntry, Municipality, MunicipalityValues, StaffMember
from guidance.model import ContentError
from workspace.access import staff_page
from workspace.words import FIELD_NAMES


def to_review(municipality: Municipality) -> list[dict[str, str]]:
    """The own words whose template changed; none when the files do not check (the pages say so)."""
    try:
        content, _translations = current_content(municipality.code)
    except ContentError:
        return []
    return [{"flow_id": r.flow_id, "node_id": r.node_id, "register": r.register,
             "fields": "、".join(FIELD_NAMES.get(c.field, c.field) for c in r.changes)}
            for r in overrides_to_review(municipality=municipality, content=content)]


@staff_page
def home(request: HttpRequest, staff: StaffMember) -> HttpResponse:
    municipality = staff.municipality
    current = ContentRelease.objects.filter(municipality=municipality, is_current=True).first()
    own = MunicipalityValues.objects.filter(municipality=municipality).first()
    return render(request, "workspace/home.html", {
        "staff": staff, "current": current, "has_draft": bool(own and own.draft),
        "to_review": to_review(municipality),
        "recent": AuditEntry.objects.filter(municipality=municipality).select_related("user")[:5]})
