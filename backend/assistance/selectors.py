"""Provides the reads on assistance: one request as its kiosk or volunteer sees it, the queue, figures.

Lookups are scoped here once, so a request of another kiosk, site or municipality is "not found"
for every endpoint and for the services that change it (which pass ``lock``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from backend.assistance import presenters
from backend.assistance.models import HelpRequest, KioskSession, RequestStatus, SuggestionStatus, Volunteer
from backend.core.errors import NotFound
from backend.guidance.models import ContentRelease
from backend.municipalities.models import KioskDevice, Municipality


def help_request_of_device(*, device: KioskDevice, request_id: int, lock: bool = False) -> HelpRequest:
    query = HelpRequest.objects.select_for_update() if lock else HelpRequest.objects
    found = query.filter(pk=request_id, device=device).first()
    if found is None:
        raise NotFound("There is no such help request.")
    return found


def help_request_of_volunteer(*, volunteer: Volunteer, request_id: int, lock: bool = False) -> HelpRequest:
    """A request of the volunteer's own municipality and site; any other is "not found"."""
    query = HelpRequest.objects.select_for_update() if lock else HelpRequest.objects.select_related("device")
    found = query.filter(pk=request_id, municipality=volunteer.municipality, site=volunteer.site).first()
    if found is None:
        raise NotFound("There is no such help request.")
    return found


def volunteers_on_duty(*, municipality: Municipality, site: str) -> int:
    return Volunteer.objects.filter(municipality=municipality, site=site, on_duty_until__gt=timezone.now(),
                                    user__is_active=True).count()


def queue_position(request: HelpRequest) -> int:
    """1 for the next to be helped; 0 once a volunteer has accepted (or it ended)."""
    if request.status != RequestStatus.OPEN:
        return 0
    return HelpRequest.objects.filter(municipality=request.municipality_id, site=request.site,
                                      status=RequestStatus.OPEN, created_at__lte=request.created_at).count()


def kiosk_status(request: HelpRequest) -> dict[str, Any]:
    """What the kiosk shows while the resident waits: place in the queue, volunteers, suggestions."""
    pending = request.suggestions.filter(status=SuggestionStatus.PENDING).order_by("created_at")
    return presenters.kiosk_document(request, position=queue_position(request), pending=list(pending),
                                     on_duty=volunteers_on_duty(municipality=request.municipality,
                                                                site=request.site))


def node_words(request: HelpRequest) -> dict[str, Any]:
    """The step's title and the content's volunteer hint, from the municipality's current release."""
    release = ContentRelease.objects.filter(municipality=request.municipality_id, is_current=True).first()
    return presenters.node_words(request, release.document if release else None)


def volunteer_view(request: HelpRequest, *, detail: bool = False) -> dict[str, Any]:
    """A request as the console lists it; ``detail`` adds the answers, the step's words and suggestions."""
    if not detail:
        return presenters.volunteer_document(request, position=queue_position(request))
    return presenters.volunteer_document(request, position=queue_position(request), words=node_words(request),
                                         suggestions=list(request.suggestions.order_by("created_at")))


def volunteer_queue(*, volunteer: Volunteer) -> list[dict[str, Any]]:
    """Open requests of the volunteer's site and the ones they have accepted, oldest first."""
    mine = HelpRequest.objects.select_related("device", "accepted_by").filter(
        municipality=volunteer.municipality, site=volunteer.site)
    shown = mine.filter(status=RequestStatus.OPEN) | mine.filter(status=RequestStatus.ACCEPTED, accepted_by=volunteer)
    return [volunteer_view(r) for r in shown.order_by("created_at")]


def activity_csv(*, volunteer: Volunteer) -> str:
    """The volunteer's own finished requests, for their activity report."""
    rows: QuerySet[HelpRequest] = (HelpRequest.objects.select_related("device")
                                   .filter(accepted_by=volunteer, status=RequestStatus.RESOLVED)
                                   .order_by("resolved_at"))
    return presenters.activity_csv(rows)


def assistance_summary(*, municipality: Municipality) -> dict[str, Any]:
    """Anonymous figures: sessions, assisted rate, where residents get stuck, outcomes."""
    sessions = KioskSession.objects.filter(municipality=municipality)
    requests = HelpRequest.objects.filter(municipality=municipality)
    return presenters.assistance_summary(
        sessions=sessions.count(), assisted=sessions.filter(assisted=True).count(),
        requests=requests.count(), places=list(requests.values_list("flow_id", "node_id")),
        outcomes=list(requests.filter(status=RequestStatus.RESOLVED).values_list("outcome", flat=True)),
        reasons=list(requests.values_list("reason", flat=True)))
