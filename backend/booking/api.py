"""Provides the kiosk's booking endpoints: services, free slots, holds, bookings, cancel, move.

Every query is scoped to the calling device's municipality. Booking needs an ``Idempotency-Key``
header: a kiosk that lost the connection retries with the same key and learns honestly whether the
booking exists, and a replay never books twice (``Idempotent-Replayed: true`` marks a replay).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Header, Path, Query, Router, Status
from pydantic import StringConstraints

from backend.booking import selectors, services
from backend.booking.presenters import appointment_document, service_document
from backend.booking.schemas import (
    AppointmentOut,
    BookIn,
    Day,
    HoldIn,
    HoldOut,
    PhoneIn,
    Reference,
    RescheduleIn,
    ServiceCode,
    ServiceOut,
    SlotListOut,
)
from backend.core.errors import NotFound
from backend.core.schemas import ErrorOut
from backend.limits.counters import check, fail
from backend.limits.rules import LOOKUP_PER_DEVICE, LOOKUP_PER_REFERENCE

router = Router(tags=["booking"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
"""400: a date range backwards or longer than allowed (the slot list)."""
OWNED_ERRORS: dict[int, Any] = {**ERRORS, 429: ErrorOut}
"""429: too many wrong phone numbers for this reference, or failed look-ups from this kiosk (ADR 0010)."""
IdempotencyKey = Annotated[str, StringConstraints(min_length=8, max_length=100, pattern=r"^[A-Za-z0-9_\-:.]+$")]
Kind = Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,32}$")]


@router.get("/services", response={200: list[ServiceOut], **ERRORS}, summary="Bookable services")
def list_services(request: HttpRequest, kind: Kind | None = None) -> Any:
    municipality = request.auth.municipality
    return [service_document(s, viewer=municipality)
            for s in selectors.services_list(municipality=municipality, kind=kind)]


@router.get("/services/{code}/slots", response={200: SlotListOut, **ERRORS},
            summary="Free slots of a service between two dates (inclusive), never past its booking horizon; "
                    "without `end`, up to the horizon's last day")
def list_slots(request: HttpRequest, code: Path[ServiceCode], start: Query[Day | None] = None,
               end: Query[Day | None] = None) -> Any:
    service = selectors.service_get(municipality=request.auth.municipality, code=code)
    today = timezone.localdate()
    last_day = selectors.booking_last_day(service, today=today)
    first = start or today
    return {"service": service_document(service, viewer=request.auth.municipality),
            "slots": selectors.slots_in_range(service=service, start=first, end=end or max(first, last_day)),
            "horizon_days": service.horizon_days, "last_day": last_day}


@router.post("/holds", response={201: HoldOut, **ERRORS}, summary="Hold a place for a few minutes")
def create_hold(request: HttpRequest, payload: HoldIn) -> Any:
    return Status(201, services.hold_create(device=request.auth, slot_id=payload.slot_id))


@router.delete("/holds/{token}", response={204: None, **ERRORS}, summary="Give a held place back")
def release_hold(request: HttpRequest, token: Path[Annotated[str, StringConstraints(max_length=64)]]) -> Any:
    services.hold_release(device=request.auth, token=token)
    return Status(204, None)


@router.post("/appointments", response={200: AppointmentOut, 201: AppointmentOut, **ERRORS},
             summary="Book (idempotent: send an Idempotency-Key header)")
def book(request: HttpRequest, response: HttpResponse, payload: BookIn,
         idempotency_key: Header[IdempotencyKey] = ..., ) -> Any:  # type: ignore[assignment]
    result = services.appointment_book(device=request.auth, idempotency_key=idempotency_key,
                                       name_kana=payload.name_kana, phone=payload.phone,
                                       slot_id=payload.slot_id, hold_token=payload.hold)
    if result.replayed:
        response["Idempotent-Replayed"] = "true"
    return Status(result.status_code, result.body)


def _owned(request: HttpRequest, reference: str, act: Callable[[], Any]) -> Any:
    """Run ``act`` (which finds the booking by reference and phone) under the guessing limits:
    a wrong phone or an unknown reference counts against the reference and against the kiosk."""
    per_reference = f"{request.auth.municipality_id}:{selectors.normalise_reference(reference)}"
    check(LOOKUP_PER_REFERENCE, per_reference)
    check(LOOKUP_PER_DEVICE, str(request.auth.pk))
    try:
        return act()
    except NotFound:
        fail(LOOKUP_PER_REFERENCE, per_reference)
        fail(LOOKUP_PER_DEVICE, str(request.auth.pk))
        raise


@router.post("/appointments/{reference}/lookup", response={200: AppointmentOut, **OWNED_ERRORS},
             summary="A booking, by its reference code and phone number")
def lookup(request: HttpRequest, reference: Path[Reference], payload: PhoneIn) -> Any:
    return appointment_document(_owned(request, reference, lambda: selectors.appointment_owned(
        municipality=request.auth.municipality, reference=reference, phone=payload.phone)))


@router.post("/appointments/{reference}/cancel", response={200: AppointmentOut, **OWNED_ERRORS},
             summary="Cancel, by reference code and phone number")
def cancel(request: HttpRequest, reference: Path[Reference], payload: PhoneIn) -> Any:
    return appointment_document(_owned(request, reference, lambda: services.appointment_cancel(
        municipality=request.auth.municipality, reference=reference, phone=payload.phone)))


@router.post("/appointments/{reference}/reschedule", response={200: AppointmentOut, **OWNED_ERRORS},
             summary="Move to another slot of the same service, by reference code and phone number")
def reschedule(request: HttpRequest, reference: Path[Reference], payload: RescheduleIn) -> Any:
    return appointment_document(_owned(request, reference, lambda: services.appointment_reschedule(
        municipality=request.auth.municipality, reference=reference, phone=payload.phone,
        slot_id=payload.slot_id)))
