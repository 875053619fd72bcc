"""Provides the staff endpoints: bulk schedules, the bookings list, and marking attendance.

Staff sign in with their Django account (HTTP Basic over TLS in a deployment, or the admin's
session); every query is scoped to the municipality their StaffMember record names.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router, Status

from backend.booking import selectors, services
from backend.booking.presenters import appointment_staff_document, service_document
from backend.booking.schemas import Reference, ScheduleIn, ScheduleOut, ServiceOut, StaffAppointmentOut, StatusIn
from backend.core.schemas import ErrorOut
from backend.municipalities.auth import StaffBasic, StaffSession

router = Router(tags=["staff"], auth=[StaffBasic(), StaffSession()])
"""Basic first: the session check enforces CSRF and would refuse a Basic request before it is tried."""
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get("/services", response={200: list[ServiceOut], **ERRORS}, summary="The municipality's services")
def staff_services(request: HttpRequest) -> Any:
    return [service_document(s) for s in selectors.services_list(municipality=request.auth.municipality)]


@router.post("/schedules", response={201: ScheduleOut, **ERRORS},
             summary="Create a schedule and its slots in bulk (weekdays × start times)")
def create_schedule(request: HttpRequest, payload: ScheduleIn) -> Any:
    schedule, created, skipped = services.schedule_create(
        municipality=request.auth.municipality, service_code=payload.service, starts_on=payload.starts_on,
        ends_on=payload.ends_on, weekdays=payload.weekdays, times=payload.times, capacity=payload.capacity,
        comment=payload.comment)
    return Status(201, {"schedule_id": schedule.pk, "created": created, "skipped": skipped})


@router.get("/appointments", response={200: list[StaffAppointmentOut], **ERRORS},
            summary="Bookings between two dates (inclusive)")
def staff_appointments(request: HttpRequest, start: Query[date | None] = None, end: Query[date | None] = None,
                       status: Query[str | None] = None) -> Any:
    first = start or timezone.localdate()
    last = end or first + timedelta(days=13)
    return [appointment_staff_document(a) for a in
            selectors.appointments_list(municipality=request.auth.municipality, start=first, end=last, status=status)]


@router.post("/appointments/{reference}/status", response={200: StaffAppointmentOut, **ERRORS},
             summary="Mark a booking arrived, fulfilled, no-show or cancelled")
def set_status(request: HttpRequest, reference: Path[Reference], payload: StatusIn) -> Any:
    appointment = services.appointment_set_status(municipality=request.auth.municipality, reference=reference,
                                                  status=payload.status)
    return appointment_staff_document(appointment)

