"""Provides the content pages: the municipality's values (a draft, checked as typed), what
publishing would change and the publish itself, and a preview of a step as the kiosk shows it."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from backend.core.errors import ApplicationError
from backend.guidance.content_files import current_content
from backend.guidance.models import ContentRelease, NodeOverride
from backend.guidance.own_values import (
    content_draft,
    content_published,
    values_draft,
    values_inherited,
    values_published,
)
from backend.guidance.publishing import drafts_publish, values_draft_save
from backend.guidance.selectors import overrides_to_review
from backend.municipalities.models import StaffMember
from guidance.model import PLACEHOLDER, ContentSet
from guidance.values import check_values, is_phone_key, label, uses, with_missing_marked
from workspace import preview as previews
from workspace.access import staff_page
from workspace.changes import path_changes, step_changes, value_changes

MAX_FIELD = 1000
"""What the form accepts per field before the check says "too long" (a browser can send more)."""


def _fields(content: ContentSet, staff: StaffMember, draft: dict[str, str]) -> list[dict[str, Any]]:
    """One row per value: its label, the draft, the published value and one sentence of the kiosk
    with the draft filled in, so a clerk sees where the words will appear."""
    published = values_published(staff.municipality, content)
    inherited = values_inherited(staff.municipality, content)
    prefecture = content.prefectures.get(content.municipalities[staff.municipality.code].prefecture) \
        if staff.municipality.code in content.municipalities else None
    used = uses(content)
    rows = []
    for key in sorted(set(draft) | set(published) | set(used), key=lambda k: (k not in used, k)):
        example = next((u for u in used.get(key, []) if u.register == "standard"), None)
        shown = PLACEHOLDER.sub(lambda m: draft.get(m.group(1), "") or "（空）", example.text) if example else ""
        rows.append({"key": key, "label": label(key), "value": draft.get(key, ""),
                     "published": published.get(key, ""), "phone": is_phone_key(key),
                     "prefecture": prefecture.name if prefecture and key in inherited else "",
                     "follows_prefecture": key in inherited and draft.get(key) == inherited[key],
                     "prefecture_value": inherited.get(key, ""),
                     "example": shown, "example_flow": example.flow_id if example else "",
                     "example_node": example.node_id if example else "", "uses": len(used.get(key, []))})
    return rows


@staff_page
def values(request: HttpRequest, staff: StaffMember) -> HttpResponse:
    content, _translations = current_content(staff.municipality.code)
    saved = False
    if request.method == "POST":
        typed = {key[len("value-"):]: value[:MAX_FIELD] for key, value in request.POST.items()
                 if key.startswith("value-")}
        try:
            values_draft_save(staff=staff, content=content, values=typed)
        except ApplicationError as error:
            return render(request, "workspace/message.html", {"title": "保存できません", "message": error.message},
                          status=error.status)
        saved = True
    draft = values_draft(staff.municipality, content)
    problems = {p.key: p.message for p in check_values(content, staff.municipality.code, draft,
                                                        sample=staff.municipality.is_sample)}
    return render(request, "workspace/values.html", {
        "staff": staff, "fields": _fields(content, staff, draft), "problems": problems, "saved": saved},
        status=200)


@staff_page
def publish(request: HttpRequest, staff: StaffMember) -> HttpResponse:
    content, translations = current_content(staff.municipality.code)
    municipality = staff.municipality
    if request.method == "POST":
        try:
            release = drafts_publish(staff=staff, content=content, translations=translations)
        except ApplicationError as error:
            return render(request, "workspace/message.html", {"title": "公開できません", "message": error.message,
                                                              "problems": error.details.get("problems", [])},
                          status=error.status)
        return redirect(f"{request.path}?published={release.version}")
    before, after = values_published(municipality, content), values_draft(municipality, content)
    current = ContentRelease.objects.filter(municipality=municipality, is_current=True).first()
    return render(request, "workspace/publish.html", {
        "staff": staff, "current": current, "changes": value_changes(before, after),
        "paths": path_changes(with_missing_marked(content_published(content, municipality), municipality.code),
                              with_missing_marked(content_draft(content, municipality), municipality.code),
                              municipality.code, timezone.localdate()),
        "steps": step_changes(municipality),
        "to_review": overrides_to_review(municipality=municipality, content=content),
        "problems": check_values(content, municipality.code, after, sample=municipality.is_sample),
        "published": request.GET.get("published", "")})


@staff_page
def preview(request: HttpRequest, staff: StaffMember, flow_id: str, node_id: str) -> HttpResponse:
    content, translations = current_content(staff.municipality.code)
    if flow_id not in content.flows or node_id not in content.flows[flow_id].nodes:
        raise Http404("no such step")
    code = staff.municipality.code
    shown = with_missing_marked(content_draft(content, staff.municipality), code)
    return render(request, "workspace/preview.html", {
        "staff": staff, **previews.step_preview(shown, translations, code, flow_id, node_id, timezone.localdate())})


@staff_page
def guidance(request: HttpRequest, staff: StaffMember) -> HttpResponse:
    """The flows its residents meet (the national ones it offers, and its own), each step linked to
    its preview with this municipality's draft values."""
    content, _translations = current_content(staff.municipality.code)
    own = set(NodeOverride.objects.filter(municipality=staff.municipality).values_list("flow_id", "node_id"))
    stale = {(r.flow_id, r.node_id) for r in overrides_to_review(municipality=staff.municipality, content=content)}
    flows = [{"id": f.id, "title": f.title["standard"], "plain": f.title["plain"], "local": bool(f.owner),
              "nodes": [{"id": n.id, "title": n.copy["standard"].title, "kind": n.kind, "own": (f.id, n.id) in own,
                         "stale": (f.id, n.id) in stale}
                        for n in f.nodes.values()]}
             for f in sorted(content.flows.values(), key=lambda f: (f.order, f.id))]
    return render(request, "workspace/guidance.html", {"staff": staff, "flows": flows})
