"""Provides the staff endpoints: schedules, closing slots and days, a service's day, marks, the calendar.

Staff sign in with their Django account (HTTP Basic over TLS in a deployment, or the admin's
session); every query is scoped to the municipality their StaffMember record names, so another
town's slot, service or reference is 404, as if it did not exist.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router, Status
from pydantic import Field

from backend.booking import attendance, schedules, selectors, staff_selectors
from backend.booking.calendar import weekday_ja
from backend.booking.presenters import appointment_staff_document, service_document
from backend.booking.schemas import (
    Day,
    Reference,
    ScheduleIn,
    ScheduleOut,
    ServiceCode,
    ServiceOut,
    StaffAppointmentOut,
    StatusIn,
)
from backend.booking.staff_presenters import (
    appointment_row_document,
    closure_document,
    month_document,
    service_day_document,
)
from backend.booking.staff_schemas import (
    AppointmentRowOut,
    ClosureOut,
    MarkIn,
    MonthOut,
    ReferencesIn,
    ServiceDayOut,
)
from backend.core.schemas import ErrorOut
from backend.municipalities.auth import StaffBasic, StaffSession

router = Router(tags=["staff"], auth=[StaffBasic(), StaffSession()])
"""Basic first: the session check enforces CSRF and would refuse a Basic request before it is tried."""
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
Year = Annotated[int, Field(ge=1869, le=2200)]
"""From 1869: 明治 began on 1868-10-23, and a month's grid of 1868 shows days before any 和暦."""
Month = Annotated[int, Field(ge=1, le=12)]


@router.get("/services", response={200: list[ServiceOut], **ERRORS}, summary="The municipality's services")
def staff_services(request: HttpRequest) -> Any:
    municipality = request.auth.municipality
    return [service_document(s, viewer=municipality) for s in selectors.services_list(municipality=municipality)]


@router.post("/schedules", response={200: ScheduleOut, 201: ScheduleOut, **ERRORS},
             summary="Create a schedule and its slots (weekdays × start times, 祝日 left out); "
                     "201 when something was made, 200 when nothing was new (a repeat)")
def create_schedule(request: HttpRequest, payload: ScheduleIn) -> Any:
    result = schedules.schedule_create(
        municipality=request.auth.municipality, service_code=payload.service, starts_on=payload.starts_on,
        ends_on=payload.ends_on, weekdays=payload.weekdays, times=payload.times, capacity=payload.capacity,
        comment=payload.comment, skip_holidays=payload.skip_holidays, place=payload.place)
    body = {"schedule_id": result.schedule.pk if result.schedule else None, "created": result.created,
            "skipped": result.existing, "repeated": result.repeated,
            "holidays_skipped": [{"date": day, "weekday": weekday_ja(day), "name": name}
                                 for day, name in sorted(result.holidays.items())]}
    return Status(201 if result.created else 200, body)


@router.post("/slots/{slot_id}/block", response={200: ClosureOut, **ERRORS},
             summary="Close one slot to booking; its bookings stay and are listed, to call them")
def block_slot(request: HttpRequest, slot_id: Path[int]) -> Any:
    return closure_document(schedules.slot_block(municipality=request.auth.municipality, slot_id=slot_id))


@router.post("/slots/{slot_id}/unblock", response={200: ClosureOut, **ERRORS}, summary="Open a closed slot again")
def unblock_slot(request: HttpRequest, slot_id: Path[int]) -> Any:
    return closure_document(schedules.slot_block(municipality=request.auth.municipality, slot_id=slot_id,
                                                 blocked=False))


@router.post("/services/{code}/days/{day}/close", response={200: ClosureOut, **ERRORS},
             summary="Close a service's whole day; its bookings stay and are listed, to call them")
def close_day(request: HttpRequest, code: Path[ServiceCode], day: Path[Day]) -> Any:
    return closure_document(schedules.day_close(municipality=request.auth.municipality, service_code=code, day=day))


@router.post("/services/{code}/days/{day}/open", response={200: ClosureOut, **ERRORS},
             summary="Open a closed day again")
def open_day(request: HttpRequest, code: Path[ServiceCode], day: Path[Day]) -> Any:
    return closure_document(schedules.day_close(municipality=request.auth.municipality, service_code=code, day=day,
                                                blocked=False))


@router.get("/services/{code}/days/{day}", response={200: ServiceDayOut, **ERRORS},
            summary="A service's day: its slots, every booking with name and phone, counts by status")
def service_day(request: HttpRequest, code: Path[ServiceCode], day: Path[Day]) -> Any:
    return service_day_document(staff_selectors.service_day(municipality=request.auth.municipality, code=code,
                                                            day=day))


@router.get("/services/{code}/upcoming", response={200: list[AppointmentRowOut], **ERRORS},
            summary="A service's bookings still to happen, from now to the end of `days` days (1–366)")
def upcoming(request: HttpRequest, code: Path[ServiceCode], days: Query[int] = 14) -> Any:
    return [appointment_row_document(a) for a in
            staff_selectors.upcoming_appointments(municipality=request.auth.municipality, code=code, days=days)]


@router.post("/appointments/mark", response={200: list[AppointmentRowOut], **ERRORS},
             summary="Mark bookings 来所 (arrived), fulfilled or 無断キャンセル (no-show): all of them or none (409)")
def mark(request: HttpRequest, payload: MarkIn) -> Any:
    return [appointment_row_document(a) for a in
            attendance.appointments_mark(municipality=request.auth.municipality, references=payload.references,
                                         status=payload.status)]


@router.post("/appointments/undo", response={200: list[AppointmentRowOut], **ERRORS},
             summary="Put bookings back to their status before the last mark: all of them or none (409)")
def undo(request: HttpRequest, payload: ReferencesIn) -> Any:
    return [appointment_row_document(a) for a in
            attendance.appointments_undo(municipality=request.auth.municipality, references=payload.references)]


@router.get("/appointments", response={200: list[StaffAppointmentOut], **ERRORS},
            summary="Bookings between two dates (inclusive)")
def staff_appointments(request: HttpRequest, start: Query[Day | None] = None, end: Query[Day | None] = None,
                       status: Query[str | None] = None) -> Any:
    first = start or timezone.localdate()
    last = end or first + timedelta(days=13)
    return [appointment_staff_document(a) for a in
            selectors.appointments_list(municipality=request.auth.municipality, start=first, end=last, status=status)]


@router.post("/appointments/{reference}/status", response={200: StaffAppointmentOut, **ERRORS},
             summary="Mark a booking arrived, fulfilled, no-show or cancelled")
def set_status(request: HttpRequest, reference: Path[Reference], payload: StatusIn) -> Any:
    appointment = attendance.appointment_set_status(municipality=request.auth.municipality, reference=reference,
                                                    status=payload.status)
    return appointment_staff_document(appointment)


@router.get("/calendar/{year}/{month}", response={200: MonthOut, **ERRORS},
            summary="A month as weeks × days (Monday first), with 和暦, weekdays and 祝日")
def month(request: HttpRequest, year: Path[Year], month: Path[Month]) -> Any:
    return month_document(year, month)
