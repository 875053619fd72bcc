"""Provides the sharing page (横展開): download this municipality's own words as a package, and take
another municipality's package in as drafts, each step checked, with who first published it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from backend.guidance.content_files import current_content
from backend.guidance.models import NodeOverride
from backend.guidance.own_values import values_draft
from backend.guidance.packages import package_export, package_import
from backend.municipalities.models import StaffMember
from guidance.model import ContentSet
from guidance.packages import MAX_BYTES, PackageError, read_package
from workspace.access import staff_page

OUTCOMES = {"imported": "下書きに 入れました",
            "template_changed": "下書きに 入れました（テンプレートが 変わっています：要確認）",
            "refused": "取り込めません", "unknown": "取り込めません"}


@staff_page
def share(request: HttpRequest, staff: StaffMember) -> HttpResponse:
    content, _translations = current_content(staff.municipality.code)
    report, error = None, ""
    if request.method == "POST":
        upload = request.FILES.get("package")
        if upload is None:
            error = "ファイルを 選んで ください。"
        elif upload.size is not None and upload.size > MAX_BYTES:
            error = f"ファイルが 大きすぎます（{MAX_BYTES // 1000} KB まで）。"
        else:
            try:
                package = read_package(upload.read(MAX_BYTES + 1))
            except PackageError as problem:
                error = str(problem)
            else:
                rows = package_import(staff=staff, content=content, package=package,
                                      values=values_draft(staff.municipality, content))
                report = {"from": package.exported_by, "on": package.exported_on,
                          "rows": [{"step": r.step, "name": _name(content, r.step.flow_id, r.step.node_id),
                                    "outcome": r.outcome, "said": OUTCOMES[r.outcome], "problems": r.problems}
                                   for r in rows]}
    shared = NodeOverride.objects.filter(municipality=staff.municipality, published__isnull=False).count()
    imported = [{"o": o, "name": _name(content, o.flow_id, o.node_id)} for o in NodeOverride.objects.filter(
        municipality=staff.municipality).exclude(origin="").order_by("flow_id", "node_id", "register")]
    return render(request, "workspace/share.html", {
        "staff": staff, "report": report, "error": error, "shared": shared, "imported": imported},
        status=400 if error else 200)


def _name(content: ContentSet, flow_id: str, node_id: str) -> str:
    """「flow title」 ／ step title, as the clerk knows them; the ids when this municipality has no such step."""
    flow = content.flows.get(flow_id)
    if flow is None or node_id not in flow.nodes:
        return f"{flow_id} / {node_id}"
    return f"{flow.title['standard']} ／ {flow.nodes[node_id].copy['standard'].title}"


@staff_page
def export(request: HttpRequest, staff: StaffMember) -> HttpResponse:
    body = package_export(municipality=staff.municipality)
    name = f"madoguchi-words-{staff.municipality.code}-{timezone.localdate():%Y%m%d}.json"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
