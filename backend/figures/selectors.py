"""Provides the reads behind the figures: counts of one municipality's records over a period.

Every query filters by the municipality first, so one municipality's figures never include
another's. These are raw counts; nothing leaves this module for a reader before
backend.figures.report has passed it through the suppression rule.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from backend.assistance.models import HelpRequest, KioskSession, RequestStatus
from backend.booking.models import Appointment, AppointmentStatus
from backend.figures.period import Period
from backend.guidance.models import ContentRelease
from backend.municipalities.models import Municipality

MODE_FIELDS = {"plain": "used_plain", "furigana": "used_furigana", "read_aloud": "used_read_aloud",
               "high_contrast": "used_high_contrast"}
BOOKING_STATE = {AppointmentStatus.PENDING: "booked", AppointmentStatus.BOOKED: "booked",
                 AppointmentStatus.ARRIVED: "came", AppointmentStatus.FULFILLED: "came",
                 AppointmentStatus.NOSHOW: "noshow", AppointmentStatus.CANCELLED: "cancelled"}


@dataclass(frozen=True)
class SessionFacts:
    total: int
    assisted: int
    per_day: dict[date, int]
    detailed: int
    """Sessions recorded with their language, modes and steps (a blank language: an older kiosk)."""
    started: Counter[str]
    completed: Counter[str]
    stops: Counter[tuple[str, str]]
    """(flow, node): sessions that left the flow unfinished on that step, the last one on screen."""
    moved_on: Counter[str]
    """Sessions that left the flow unfinished for another flow (its last step is not recorded)."""
    languages: Counter[str]
    modes: dict[str, int]


@dataclass(frozen=True)
class HelpFacts:
    total: int
    states: Counter[str]
    """An outcome of a resolved request, or "cancelled", or "waiting" (open or accepted)."""
    answered: int
    waits_minutes: tuple[float, ...]
    """From asking to a volunteer accepting, for each answered request."""


@dataclass(frozen=True)
class BookingFacts:
    made: Counter[str]
    """Bookings made in the period, by what became of them (labels.BOOKING_STATES)."""
    held: Counter[str]
    """Bookings for a time in the period, by what became of them."""


@dataclass(frozen=True)
class ContentNames:
    flows: dict[str, str]
    """Flow id → title, in the order of the municipality's current guidance."""
    nodes: dict[tuple[str, str], str]


def _moments(period: Period) -> tuple[datetime, datetime]:
    """The period as local midnights, the second one exclusive."""
    zone = timezone.get_current_timezone()
    return (datetime.combine(period.first, time.min, tzinfo=zone),
            datetime.combine(period.last + timedelta(days=1), time.min, tzinfo=zone))


def session_facts(*, municipality: Municipality, period: Period) -> SessionFacts:
    sessions = KioskSession.objects.filter(municipality=municipality, ended_on__range=(period.first, period.last))
    per_day = {row["ended_on"]: row["n"] for row in sessions.values("ended_on").annotate(n=Count("id"))}
    detailed = sessions.exclude(language="")
    started: Counter[str] = Counter()
    completed: Counter[str] = Counter()
    stops: Counter[tuple[str, str]] = Counter()
    moved_on: Counter[str] = Counter()
    for flows, done, last_flow, last_node in detailed.values_list("flows", "completed", "last_flow", "last_node"):
        started.update(set(flows))
        completed.update(set(done))
        for unfinished in set(flows) - set(done):
            if unfinished == last_flow:
                stops[(unfinished, last_node)] += 1
            else:
                moved_on[unfinished] += 1
    modes = detailed.aggregate(**{key: Count("id", filter=Q(**{field: True})) for key, field in MODE_FIELDS.items()})
    languages = Counter({row["language"]: row["n"] for row in detailed.values("language").annotate(n=Count("id"))})
    return SessionFacts(total=sum(per_day.values()), assisted=sessions.filter(assisted=True).count(),
                        per_day=per_day, detailed=sum(languages.values()), started=started, completed=completed,
                        stops=stops, moved_on=moved_on, languages=languages,
                        modes={k: int(v) for k, v in modes.items()})


def help_facts(*, municipality: Municipality, period: Period) -> HelpFacts:
    start, end = _moments(period)
    requests = HelpRequest.objects.filter(municipality=municipality, created_at__gte=start, created_at__lt=end)
    states: Counter[str] = Counter()
    for row in requests.values("status", "outcome").annotate(n=Count("id")):
        if row["status"] == RequestStatus.RESOLVED:
            states[row["outcome"] or "other"] += row["n"]
        elif row["status"] == RequestStatus.CANCELLED:
            states["cancelled"] += row["n"]
        else:
            states["waiting"] += row["n"]
    waits = tuple((accepted - asked).total_seconds() / 60 for asked, accepted in
                  requests.filter(accepted_at__isnull=False).values_list("created_at", "accepted_at"))
    return HelpFacts(total=sum(states.values()), states=states, answered=len(waits), waits_minutes=waits)


def _by_state(rows: Any) -> Counter[str]:
    counted: Counter[str] = Counter()
    for row in rows.values("status").annotate(n=Count("id")):
        counted[BOOKING_STATE.get(row["status"], "booked")] += row["n"]
    return counted


def booking_facts(*, municipality: Municipality, period: Period) -> BookingFacts:
    start, end = _moments(period)
    appointments = Appointment.objects.filter(municipality=municipality)
    return BookingFacts(made=_by_state(appointments.filter(created_at__gte=start, created_at__lt=end)),
                        held=_by_state(appointments.filter(slot__start__gte=start, slot__start__lt=end)))


def content_names(*, municipality: Municipality) -> ContentNames:
    """Flow and step titles from the current guidance; none before any is published."""
    release = ContentRelease.objects.filter(municipality=municipality, is_current=True).first()
    flows = release.document.get("flows", {}) if release else {}
    return ContentNames(
        flows={flow_id: str(flow.get("title", {}).get("standard", flow_id)) for flow_id, flow in flows.items()},
        nodes={(flow_id, node_id): str(node.get("text", {}).get("standard", {}).get("title", node_id))
               for flow_id, flow in flows.items() for node_id, node in flow.get("nodes", {}).items()})
