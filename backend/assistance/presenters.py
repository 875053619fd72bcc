"""Provides the JSON and CSV views of help requests for kiosks, volunteers and staff."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from backend.assistance.models import HelpRequest, KioskSession, RequestStatus, SuggestionStatus, Volunteer
from backend.guidance.models import ContentRelease


def _local(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def queue_position(request: HelpRequest) -> int:
    """1 for the next to be helped; 0 once a volunteer has accepted (or it ended)."""
    if request.status != RequestStatus.OPEN:
        return 0
    return HelpRequest.objects.filter(municipality=request.municipality_id, site=request.site,
                                      status=RequestStatus.OPEN, created_at__lte=request.created_at).count()


def kiosk_document(request: HelpRequest, *, on_duty: int) -> dict[str, Any]:
    pending = request.suggestions.filter(status=SuggestionStatus.PENDING).order_by("created_at")
    return {"id": request.pk, "status": request.status, "position": queue_position(request),
            "volunteers_on_duty": on_duty,
            "volunteer_name": request.accepted_by.display_name if request.accepted_by else None,
            "suggestions": [{"id": s.pk, "action": s.action} for s in pending]}


def _node_words(request: HelpRequest) -> dict[str, Any]:
    """The step's title and the content's volunteer hint, from the municipality's current release."""
    release = ContentRelease.objects.filter(municipality=request.municipality_id, is_current=True).first()
    node = ((release.document.get("flows", {}).get(request.flow_id, {}) if release else {})
            .get("nodes", {}).get(request.node_id, {}))
    register = "plain" if request.modes.get("plain") else "standard"
    text = node.get("text", {}).get(register, {})
    flow = release.document.get("flows", {}).get(request.flow_id, {}) if release else {}
    return {"flow_title": flow.get("title", {}).get("standard", "") if isinstance(flow.get("title"), dict)
            else str(flow.get("title", "")),
            "step_title": text.get("title", ""), "hint": text.get("hint", ""), "kind": node.get("kind", "")}


def volunteer_document(request: HelpRequest, *, detail: bool = False) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": request.pk, "status": request.status, "reason": request.reason, "site": request.site,
        "kiosk": request.device.name, "flow_id": request.flow_id, "node_id": request.node_id, "step": request.step,
        "language": request.language, "modes": request.modes, "created_at": _local(request.created_at),
        "accepted_by": request.accepted_by.display_name if request.accepted_by else None,
        "position": queue_position(request)}
    if detail:
        document.update(answers=request.answers, **_node_words(request),
                        suggestions=[{"id": s.pk, "action": s.action, "status": s.status}
                                     for s in request.suggestions.order_by("created_at")])
    return document


def _cell(text: str) -> str:
    """A note as a spreadsheet cell: one starting with = + - @ would run as a formula in Excel."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def activity_csv(volunteer: Volunteer) -> str:
    """The volunteer's own finished requests, for their activity report."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["accepted_at", "resolved_at", "site", "kiosk", "flow", "node", "reason", "outcome",
                     "minutes_waited", "minutes_helped", "note"])
    rows = (HelpRequest.objects.select_related("device").filter(accepted_by=volunteer, status=RequestStatus.RESOLVED)
            .order_by("resolved_at"))
    for r in rows:
        waited = (r.accepted_at - r.created_at).total_seconds() / 60 if r.accepted_at else ""
        helped = (r.resolved_at - r.accepted_at).total_seconds() / 60 if r.resolved_at and r.accepted_at else ""
        writer.writerow([_local(r.accepted_at), _local(r.resolved_at), r.site, r.device.name, r.flow_id, r.node_id,
                         r.reason, r.outcome, f"{waited:.1f}" if waited != "" else "",
                         f"{helped:.1f}" if helped != "" else "", _cell(r.note)])
    return out.getvalue()


def assistance_summary(sessions: QuerySet[KioskSession], requests: QuerySet[HelpRequest]) -> dict[str, Any]:
    """Anonymous figures: sessions, assisted rate, where residents get stuck, outcomes."""
    total = sessions.count()
    assisted = sessions.filter(assisted=True).count()
    stuck = Counter((r.flow_id, r.node_id) for r in requests.only("flow_id", "node_id"))
    return {"sessions": total, "assisted_sessions": assisted,
            "assisted_rate": round(assisted / total, 4) if total else None,
            "help_requests": requests.count(),
            "outcomes": dict(Counter(r.outcome for r in requests.filter(status=RequestStatus.RESOLVED))),
            "reasons": dict(Counter(r.reason for r in requests)),
            "stuck_points": [{"flow_id": f, "node_id": n, "requests": c} for (f, n), c in stuck.most_common(20)]}
