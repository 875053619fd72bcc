"""Provides the help endpoints (kiosks, X-Kiosk-Key) and the volunteer console's (Bearer token).

Volunteers see only their own municipality's and site's requests: every lookup filters by both, so
a request of another site or municipality is "not found" rather than "forbidden".
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.security import HttpBearer

from backend.assistance import presenters, selectors, services
from backend.assistance.schemas import (
    AnswerIn,
    Context,
    DutyIn,
    HelpIn,
    KioskHelpOut,
    LoginIn,
    LoginOut,
    ResolveIn,
    SessionIn,
    SuggestIn,
    SuggestionMadeOut,
    VolunteerRequestDetailOut,
    VolunteerRequestOut,
)
from backend.core.errors import Unauthorized
from backend.core.schemas import ErrorOut
from backend.limits.rules import signin_check, signin_failed
from backend.municipalities.auth import StaffBasic, StaffSession

ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class VolunteerToken(HttpBearer):
    """``Authorization: Bearer mdv_…`` from ``POST /api/volunteer/login``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return services.token_authenticate(key=token)


help_router = Router(tags=["help"])
volunteer_router = Router(tags=["volunteer"], auth=VolunteerToken())


def _context(payload: Context) -> dict[str, Any]:
    return {"flow_id": payload.flow_id, "node_id": payload.node_id, "step": payload.step,
            "language": payload.language, "modes": payload.modes.dict(), "answers": dict(payload.answers)}


@help_router.post("/requests", response={201: KioskHelpOut, **ERRORS}, summary="Ask for a volunteer")
def create_request(request: HttpRequest, payload: HelpIn) -> Any:
    created = services.help_request_create(device=request.auth, reason=payload.reason, context=_context(payload))
    return Status(201, selectors.kiosk_status(created))


@help_router.get("/requests/{request_id}", response={200: KioskHelpOut, **ERRORS},
                 summary="Where the request stands: queue position, volunteer, pending suggestions")
def get_request(request: HttpRequest, request_id: int) -> Any:
    return selectors.kiosk_status(selectors.help_request_of_device(device=request.auth, request_id=request_id))


@help_router.post("/requests/{request_id}/context", response={200: KioskHelpOut, **ERRORS},
                  summary="The resident moved on: the step and answers the volunteer sees")
def update_context(request: HttpRequest, request_id: int, payload: Context) -> Any:
    return selectors.kiosk_status(services.help_request_update_context(device=request.auth, request_id=request_id,
                                                           context=_context(payload)))


@help_router.post("/requests/{request_id}/cancel", response={200: KioskHelpOut, **ERRORS},
                  summary="The resident no longer needs help")
def cancel_request(request: HttpRequest, request_id: int) -> Any:
    return selectors.kiosk_status(services.help_request_cancel(device=request.auth, request_id=request_id))


@help_router.post("/suggestions/{suggestion_id}/answer", response={204: None, **ERRORS},
                  summary="The resident accepted or declined a volunteer's suggestion")
def answer_suggestion(request: HttpRequest, suggestion_id: int, payload: AnswerIn) -> Any:
    services.suggestion_answer(device=request.auth, suggestion_id=suggestion_id, accepted=payload.accepted)
    return Status(204, None)


@help_router.post("/sessions", response={204: None, **ERRORS}, summary="Count an ended session (anonymous)")
def record_session(request: HttpRequest, payload: SessionIn) -> Any:
    modes = payload.modes
    details = services.SessionDetails(
        completed=tuple(payload.completed), last_flow=payload.last_flow, last_node=payload.last_node,
        language=payload.language or "", plain=modes.plain, furigana=modes.furigana, read_aloud=modes.read_aloud,
        high_contrast=modes.high_contrast)
    services.session_record(device=request.auth, flows=list(payload.flows), assisted=payload.assisted,
                            details=details)
    return Status(204, None)


@volunteer_router.post("/login", auth=None, response={200: LoginOut, **ERRORS}, summary="Sign in; returns a token")
def login(request: HttpRequest, payload: LoginIn) -> Any:
    signin_check(request, payload.username)  # ADR 0010: one count per username for every sign-in
    try:
        key, token = services.token_issue(username=payload.username, password=payload.password)
    except Unauthorized:
        signin_failed(request, payload.username)
        raise
    return presenters.login_document(key, token)


@volunteer_router.post("/logout", response={204: None, **ERRORS}, summary="Sign out (the token stops working)")
def logout(request: HttpRequest) -> Any:
    services.duty_set(volunteer=request.auth, on_duty=False)
    services.token_revoke(key=request.headers.get("Authorization", "").removeprefix("Bearer ").strip())
    return Status(204, None)


@volunteer_router.post("/duty", response={204: None, **ERRORS}, summary="Go on or off duty")
def duty(request: HttpRequest, payload: DutyIn) -> Any:
    services.duty_set(volunteer=request.auth, on_duty=payload.on_duty)
    return Status(204, None)


@volunteer_router.get("/requests", response={200: list[VolunteerRequestOut], **ERRORS},
                      summary="Open requests of my site, and the ones I have accepted (polling keeps me on duty)")
def list_requests(request: HttpRequest) -> Any:
    services.duty_extend(volunteer=request.auth)
    return selectors.volunteer_queue(volunteer=request.auth)


@volunteer_router.get("/requests/{request_id}", response={200: VolunteerRequestDetailOut, **ERRORS},
                      summary="One request: the resident's step, answers so far and the step's volunteer hint")
def request_detail(request: HttpRequest, request_id: int) -> Any:
    found = selectors.help_request_of_volunteer(volunteer=request.auth, request_id=request_id)
    return selectors.volunteer_view(found, detail=True)


@volunteer_router.post("/requests/{request_id}/accept", response={200: VolunteerRequestDetailOut, **ERRORS})
def accept(request: HttpRequest, request_id: int) -> Any:
    accepted = services.help_request_accept(volunteer=request.auth, request_id=request_id)
    return selectors.volunteer_view(accepted, detail=True)


@volunteer_router.post("/requests/{request_id}/suggest", response={201: SuggestionMadeOut, **ERRORS},
                       summary="Suggest a step; the kiosk asks the resident before anything changes")
def suggest(request: HttpRequest, request_id: int, payload: SuggestIn) -> Any:
    return Status(201, services.suggestion_create(volunteer=request.auth, request_id=request_id,
                                                  action=payload.action))


@volunteer_router.post("/requests/{request_id}/resolve", response={200: VolunteerRequestDetailOut, **ERRORS},
                       summary="Close with an outcome and a short note (refused if it holds personal data)")
def resolve(request: HttpRequest, request_id: int, payload: ResolveIn) -> Any:
    done = services.help_request_resolve(volunteer=request.auth, request_id=request_id, outcome=payload.outcome,
                                         note=payload.note)
    return selectors.volunteer_view(done, detail=True)


CSV_OK = {"200": {"description": "My resolved requests as CSV (UTF-8)",
                  "content": {"text/csv": {"schema": {"type": "string"}}}}}


@volunteer_router.get("/activity.csv", response=ERRORS, openapi_extra={"responses": CSV_OK},
                      summary="My resolved requests, as CSV for my activity report")
def activity(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(selectors.activity_csv(volunteer=request.auth), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="madoguchi-activity.csv"'
    return response


staff_router = Router(tags=["staff"], auth=[StaffBasic(), StaffSession()])


@staff_router.get("", response={200: dict[str, Any], **ERRORS},
                  summary="Anonymous figures: sessions, assisted rate, stuck points, outcomes")
def staff_summary(request: HttpRequest) -> Any:
    return selectors.assistance_summary(municipality=request.auth.municipality)
