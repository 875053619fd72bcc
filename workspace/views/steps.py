"""Provides the step editor: a municipality's own words for one step of a shared flow, in both
registers, checked as the kiosk's content check does (structure, placeholders, the plain-Japanese
rules, jReadability), previewed as the kiosk shows and reads them, saved as a draft or reverted."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from backend.guidance.content_files import current_content
from backend.guidance.models import NodeOverride
from backend.guidance.override_services import override_draft_save, override_problems, override_revert
from backend.guidance.own_values import content_draft, values_draft
from backend.municipalities.models import StaffMember
from guidance.model import REGISTERS, ContentSet
from guidance.overrides import FIELDS, MAX_TEXT, Override, apply, clean, is_stale, template_words
from guidance.values import with_missing_marked
from workspace import preview as previews
from workspace.access import staff_page

NAMES = {"standard": "ふつうの日本語", "plain": "やさしい日本語"}


def _typed(request: HttpRequest, register: str) -> dict[str, Any]:
    return clean({name: request.POST.get(f"{register}-{name}", "")[:MAX_TEXT * 20] for name in FIELDS})


def _registers(content: ContentSet, staff: StaffMember, flow_id: str, node_id: str,
               typed: dict[str, dict[str, Any]] | None) -> list[dict[str, Any]]:
    kept = {o.register: o for o in NodeOverride.objects.filter(municipality=staff.municipality, flow_id=flow_id,
                                                               node_id=node_id)}
    rows = []
    for register in REGISTERS:
        template = template_words(content, flow_id, node_id, register)
        own = kept.get(register)
        kept_words = own.draft or own.published if own is not None and not own.draft_remove else None
        words = (typed or {}).get(register) or kept_words or template
        stale = own is not None and own.published is not None and is_stale(
            content, Override(flow_id, node_id, register, own.published, own.published_base))
        rows.append({"register": register, "name": NAMES[register], "template": template, "words": words,
                     "steps_text": "\n".join(words["steps"]), "items_text": "\n".join(words["items"]),
                     "own": own is not None and not own.draft_remove, "pending": own is not None and (
                         own.draft is not None or own.draft_remove), "stale": stale,
                     "base": own.published_base if stale and own else None,
                     "origin": own.origin if own is not None else ""})
    return rows


@staff_page
def edit(request: HttpRequest, staff: StaffMember, flow_id: str, node_id: str) -> HttpResponse:
    content, translations = current_content(staff.municipality.code)
    if flow_id not in content.flows or node_id not in content.flows[flow_id].nodes:
        raise Http404("no such step")
    values = values_draft(staff.municipality, content)
    typed: dict[str, dict[str, Any]] | None = None
    problems: list[str] = []
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action.startswith("revert-") and action[7:] in REGISTERS:
        override_revert(staff=staff, content=content, flow_id=flow_id, node_id=node_id, register=action[7:])
        return redirect(f"{request.path}?reverted={action[7:]}")
    if action in ("check", "save"):
        typed = {register: _typed(request, register) for register in REGISTERS}
        for register in REGISTERS:
            if action == "save":
                found = override_draft_save(staff=staff, content=content, values=values, flow_id=flow_id,
                                            node_id=node_id, register=register, words=typed[register])
            else:
                found = override_problems(content, Override(flow_id, node_id, register, typed[register], {}), values)
            problems += [f"{NAMES[register]}：{p.message}" for p in found]
    shown = content_draft(content, staff.municipality)
    if typed is not None and action == "check" and not problems:  # words with problems cannot be rendered
        shown = apply(shown, [Override(flow_id, node_id, r, typed[r], {}) for r in REGISTERS])
    return render(request, "workspace/step_edit.html", {
        "staff": staff, "flow": content.flows[flow_id], "node_id": node_id, "action": action,
        "editors": _registers(content, staff, flow_id, node_id, typed), "problems": problems,
        "reverted": NAMES.get(request.GET.get("reverted", ""), ""),
        **previews.step_preview(with_missing_marked(shown, staff.municipality.code), translations,
                                staff.municipality.code, flow_id, node_id, timezone.localdate())})
