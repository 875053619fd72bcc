"""Provides the staff's JSON documents: slots with their bookings counted, list rows, days, months.

Rows carry the resident's name and phone: they are built only for staff who may see the booking
(its kiosk's municipality, or the service's provider: backend.booking.sharing), never for a kiosk.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from backend.booking import calendar
from backend.booking.attendance import UNDOABLE
from backend.booking.models import LIVE_STATUSES, Appointment, Slot
from backend.booking.schedules import Closure
from backend.booking.selectors import fhir_status
from backend.booking.staff_selectors import ServiceDay, SlotRow


def _local(slot: Slot) -> tuple[str, str]:
    return timezone.localtime(slot.start).isoformat(), timezone.localtime(slot.end).isoformat()


def slot_row_document(row: SlotRow) -> dict[str, Any]:
    start, end = _local(row.slot)
    return {"id": row.slot.pk, "start": start, "end": end, "capacity": row.slot.capacity, "booked": row.booked,
            "blocked": row.slot.blocked, "status": row.status}


def appointment_row_document(appointment: Appointment) -> dict[str, Any]:
    start, end = _local(appointment.slot)
    return {"reference": appointment.reference, "service": appointment.service.code, "slot_id": appointment.slot_id,
            "start": start, "end": end, "status": appointment.status,
            "can_undo": appointment.status in UNDOABLE and bool(appointment.previous_status),
            "name_kana": appointment.name_kana, "phone": appointment.phone,
            "personal_data_erased": appointment.personal_data_erased_at is not None,
            "booked_in": appointment.municipality.name}


def closure_document(closure: Closure) -> dict[str, Any]:
    booked: dict[int, int] = {}
    for appointment in closure.appointments:
        if appointment.status in LIVE_STATUSES:
            booked[appointment.slot_id] = booked.get(appointment.slot_id, 0) + 1
    rows = [SlotRow(slot=slot, booked=booked.get(slot.pk, 0),
                    status=fhir_status(capacity=slot.capacity, booked=booked.get(slot.pk, 0), held=0,
                                       blocked=slot.blocked)) for slot in closure.slots]
    return {"slots": [slot_row_document(row) for row in rows],
            "appointments": [appointment_row_document(a) for a in closure.appointments]}


def day_document(day: date) -> dict[str, Any]:
    return {"date": day, "weekday": calendar.weekday_ja(day), "wareki": calendar.wareki(day),
            "holiday": calendar.holiday_name(day)}


def service_day_document(day: ServiceDay) -> dict[str, Any]:
    return {"service": day.service.code, "day": day_document(day.day),
            "slots": [slot_row_document(row) for row in day.slots],
            "appointments": [appointment_row_document(a) for a in day.appointments], "counts": day.counts}


def month_document(year: int, month: int) -> dict[str, Any]:
    return {"year": year, "month": month, "wareki_year": calendar.wareki_year(date(year, month, 1)),
            "weeks": [[{"date": d.date, "weekday": d.weekday, "in_month": d.in_month, "holiday": d.holiday,
                        "closed": d.closed} for d in week] for week in calendar.month_grid(year, month)]}
