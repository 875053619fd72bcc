"""Provides the workspace's first page: the municipality, the current release, what to do next."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from backend.guidance.models import ContentRelease
from backend.municipalities.models import AuditEntry, MunicipalityValues, StaffMember
from workspace.access import staff_page


@staff_page
def home(request: HttpRequest, staff: StaffMember) -> HttpResponse:
    municipality = staff.municipality
    current = ContentRelease.objects.filter(municipality=municipality, is_current=True).first()
    own = MunicipalityValues.objects.filter(municipality=municipality).first()
    return render(request, "workspace/home.html", {
        "staff": staff, "current": current, "has_draft": bool(own and own.draft),
        "recent": AuditEntry.objects.filter(municipality=municipality).select_related("user")[:5]})
