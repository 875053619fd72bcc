"""Provides the release list (with rollback, for publishers) and the audit trail."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from backend.core.errors import ApplicationError
from backend.guidance.models import ContentRelease
from backend.guidance.publishing import release_rollback_by
from backend.municipalities.models import AuditEntry, StaffMember
from workspace.access import staff_page


@staff_page
def releases(request: HttpRequest, staff: StaffMember) -> HttpResponse:
    listed = ContentRelease.objects.filter(municipality=staff.municipality).only(
        "version", "checksum", "is_current", "created_at").order_by("-version")[:50]
    return render(request, "workspace/releases.html", {"staff": staff, "releases": listed,
                                                       "rolled_back": request.GET.get("rolled_back", "")})


@require_POST
@staff_page
def rollback(request: HttpRequest, staff: StaffMember, version: int) -> HttpResponse:
    try:
        release_rollback_by(staff=staff, version=version)
    except ApplicationError as error:
        return render(request, "workspace/message.html", {"title": "元に戻せません", "message": error.message},
                      status=error.status)
    return redirect(f"/staff/releases/?rolled_back={version}")


@staff_page
def audit(request: HttpRequest, staff: StaffMember) -> HttpResponse:
    entries = AuditEntry.objects.filter(municipality=staff.municipality).select_related("user")[:200]
    return render(request, "workspace/audit.html", {"staff": staff, "entries": entries})
