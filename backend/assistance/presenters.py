"""Provides the JSON and CSV views of help requests for kiosks, volunteers and staff.

These only shape what the selectors read (no queries here), so every figure's query is in one place.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.utils import timezone

from backend.assistance.models import HelpRequest, Suggestion, VolunteerToken


def _local(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def kiosk_document(request: HelpRequest, *, position: int, on_duty: int, pending: list[Suggestion]) -> dict[str, Any]:
    return {"id": request.pk, "status": request.status, "position": position,
            "volunteers_on_duty": on_duty,
            "volunteer_name": request.accepted_by.display_name if request.accepted_by else None,
            "suggestions": [{"id": s.pk, "action": s.action} for s in pending]}


def node_words(request: HelpRequest, release: dict[str, Any] | None) -> dict[str, Any]:
    """The step's title and volunteer hint from a release document (blank without one)."""
    flow = release.get("flows", {}).get(request.flow_id, {}) if release else {}
    node = flow.get("nodes", {}).get(request.node_id, {})
    register = "plain" if request.modes.get("plain") else "standard"
    text = node.get("text", {}).get(register, {})
    return {"flow_title": flow.get("title", {}).get("standard", "") if isinstance(flow.get("title"), dict)
            else str(flow.get("title", "")),
            "step_title": text.get("title", ""), "hint": text.get("hint", ""), "kind": node.get("kind", "")}


def volunteer_document(request: HelpRequest, *, position: int, words: dict[str, Any] | None = None,
                       suggestions: list[Suggestion] | None = None) -> dict[str, Any]:
    """The list view; with ``words`` (and ``suggestions``) the detail view."""
    document: dict[str, Any] = {
        "id": request.pk, "status": request.status, "reason": request.reason, "site": request.site,
        "kiosk": request.device.name, "flow_id": request.flow_id, "node_id": request.node_id, "step": request.step,
        "language": request.language, "modes": request.modes, "created_at": _local(request.created_at),
        "accepted_by": request.accepted_by.display_name if request.accepted_by else None,
        "position": position}
    if words is not None:
        document.update(answers=request.answers, **words,
                        suggestions=[{"id": s.pk, "action": s.action, "status": s.status}
                                     for s in suggestions or []])
    return document


def login_document(key: str, token: VolunteerToken) -> dict[str, Any]:
    """The key is shown this once; only its hash is kept."""
    volunteer = token.volunteer
    return {"token": key, "expires_at": _local(token.expires_at),
            "volunteer": {"name": volunteer.display_name, "site": volunteer.site,
                          "municipality": volunteer.municipality.name}}


def _cell(text: str) -> str:
    """A note as a spreadsheet cell: one starting with = + - @ would run as a formula in Excel."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def activity_csv(rows: Iterable[HelpRequest]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["accepted_at", "resolved_at", "site", "kiosk", "flow", "node", "reason", "outcome",
                     "minutes_waited", "minutes_helped", "note"])
    for r in rows:
        waited = (r.accepted_at - r.created_at).total_seconds() / 60 if r.accepted_at else ""
        helped = (r.resolved_at - r.accepted_at).total_seconds() / 60 if r.resolved_at and r.accepted_at else ""
        writer.writerow([_local(r.accepted_at), _local(r.resolved_at), r.site, r.device.name, r.flow_id, r.node_id,
                         r.reason, r.outcome, f"{waited:.1f}" if waited != "" else "",
                         f"{helped:.1f}" if helped != "" else "", _cell(r.note)])
    return out.getvalue()


def assistance_summary(*, sessions: int, assisted: int, requests: int, places: list[tuple[str, str]],
                       outcomes: list[str], reasons: list[str]) -> dict[str, Any]:
    stuck = Counter(places)
    return {"sessions": sessions, "assisted_sessions": assisted,
            "assisted_rate": round(assisted / sessions, 4) if sessions else None,
            "help_requests": requests,
            "outcomes": dict(Counter(outcomes)),
            "reasons": dict(Counter(reasons)),
            "stuck_points": [{"flow_id": f, "node_id": n, "requests": c} for (f, n), c in stuck.most_common(20)]}
