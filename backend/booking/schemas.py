"""Provides the request and response schemas of the booking and staff endpoints."""

from __future__ import annotations

from datetime import date, time
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, model_validator

from backend.booking import fields

Reference = Annotated[str, BeforeValidator(fields.ascii_form),
                      StringConstraints(min_length=6, max_length=12, pattern=r"^[A-Za-z0-9\-]+$")]
"""A booking's code as residents type it: full-width ＡＢＣ－３４６ is read as ABC-346."""
ServiceCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,63}$")]
Phone = Annotated[str, StringConstraints(min_length=1, max_length=20), AfterValidator(fields.phone_number)]
"""Checked and normalised to digits (booking/fields.py); oversized input stops at 20 characters."""
Day = Annotated[date, Field(ge=fields.FIRST_DAY, le=fields.LAST_DAY)]
"""Any day a booking, a schedule or a staff list can be about (see booking/fields.py)."""
KanaName = Annotated[str, StringConstraints(max_length=60), AfterValidator(fields.name_kana)]


class ProviderOut(Schema):
    kind: str
    name: str


class ServiceOut(Schema):
    code: str
    offered_by: str = ""
    """The municipality that runs this service when a partner shares it (地域間連携); empty: your own."""
    kind: str
    name: str
    provider: ProviderOut
    mode: str
    duration_minutes: int
    nurse_attends: bool
    facility_fee: str
    place: str
    how_it_works: str
    prepare: list[str]
    can_do: list[str] = []
    """What this service can complete (a remote counter's procedures)."""
    cannot_do: list[str] = []
    """What it cannot, and where to go instead."""


class SlotOut(Schema):
    id: int
    start: str
    end: str
    capacity: int
    place: str = ""
    """Where this slot happens when not the service's place (a mobile clinic's stop that day)."""
    remaining: int | None = None
    status: str | None = None


class SlotListOut(Schema):
    service: ServiceOut
    slots: list[SlotOut]
    horizon_days: int
    last_day: date
    """The last day residents may book this service: the kiosk offers days up to it."""


class HoldIn(Schema):
    slot_id: int = Field(gt=0)


class HoldOut(Schema):
    token: str
    slot: SlotOut
    release_at: str
    seconds_left: int


class BookIn(Schema):
    """Either ``hold`` (the usual kiosk path) or ``slot_id`` (book at once if a place is free)."""

    hold: Annotated[str, StringConstraints(min_length=8, max_length=64)] | None = None
    slot_id: int | None = Field(default=None, gt=0)
    name_kana: KanaName
    phone: Phone

    @model_validator(mode="after")
    def _one_target(self) -> BookIn:
        if (self.hold is None) == (self.slot_id is None):
            raise ValueError("give either 'hold' or 'slot_id'")
        return self


class ParticipantOut(Schema):
    role: str
    name: str | None = None


class AppointmentOut(Schema):
    reference: str
    status: str
    service: ServiceOut
    slot: SlotOut
    participants: list[ParticipantOut]


class PhoneIn(Schema):
    phone: Phone


class RescheduleIn(PhoneIn):
    slot_id: int = Field(gt=0)


class ScheduleIn(Schema):
    service: ServiceCode
    starts_on: Day
    ends_on: Day
    weekdays: list[Annotated[int, Field(ge=0, le=6)]] = Field(min_length=1, max_length=7)
    times: list[time] = Field(min_length=1, max_length=48)
    capacity: int = Field(default=1, ge=1, le=100, description="Places per slot: at least 1")
    comment: Annotated[str, StringConstraints(max_length=200)] = ""
    place: Annotated[str, StringConstraints(max_length=200)] = Field(
        default="", description="Where these slots happen when not the service's place (a mobile clinic's stop)")
    skip_holidays: bool = Field(default=True, description="Make no slots on 祝日 (元日 and 振替休日 included)")


class HolidayOut(Schema):
    date: date
    weekday: str
    name: str


class ScheduleOut(Schema):
    schedule_id: int | None
    """None when nothing was new and no earlier identical request made a schedule."""
    created: int
    skipped: int
    """Slots that already existed at those times, left as they were."""
    repeated: bool
    holidays_skipped: list[HolidayOut]


class StaffAppointmentOut(AppointmentOut):
    name_kana: str
    phone: str
    personal_data_erased: bool
    booked_at: str
    booked_in: str = ""
    """The municipality whose kiosk made the booking: a shared service's provider sees its partners' too."""


class StatusIn(Schema):
    status: Literal["arrived", "fulfilled", "noshow", "cancelled"]

