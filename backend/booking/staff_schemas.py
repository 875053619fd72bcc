"""Provides the schemas of the staff's day, closure, attendance and calendar endpoints."""

from __future__ import annotations

from datetime import date
from typing import Literal

from ninja import Schema
from pydantic import Field

from backend.booking.schemas import Reference

MAX_REFERENCES = 200


class DayOut(Schema):
    date: date
    weekday: str
    wareki: str
    holiday: str | None


class StaffSlotOut(Schema):
    id: int
    start: str
    end: str
    capacity: int
    booked: int
    blocked: bool
    status: str


class AppointmentRowOut(Schema):
    """One line of a clerk's list: the name and phone are there to call the resident."""

    reference: str
    service: str
    slot_id: int
    start: str
    end: str
    status: str
    can_undo: bool
    name_kana: str
    phone: str
    personal_data_erased: bool
    booked_in: str = ""
    """The municipality whose kiosk made the booking: a shared service's provider sees its partners' too."""


class ClosureOut(Schema):
    slots: list[StaffSlotOut]
    appointments: list[AppointmentRowOut]
    """Bookings on the closed slots: they are not cancelled; call these residents."""


class ServiceDayOut(Schema):
    service: str
    day: DayOut
    slots: list[StaffSlotOut]
    appointments: list[AppointmentRowOut]
    counts: dict[str, int]


class ReferencesIn(Schema):
    references: list[Reference] = Field(min_length=1, max_length=MAX_REFERENCES)


class MarkIn(ReferencesIn):
    status: Literal["arrived", "fulfilled", "noshow"]


class CalendarDayOut(Schema):
    date: date
    weekday: str
    in_month: bool
    holiday: str | None
    closed: bool


class MonthOut(Schema):
    year: int
    month: int
    wareki_year: str
    weeks: list[list[CalendarDayOut]]
