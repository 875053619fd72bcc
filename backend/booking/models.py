"""Provides the booking records, after HL7 FHIR Schedule, Slot and Appointment.

A Slot's FHIR status is not stored: it follows from its capacity, its live appointments and its
unexpired holds (``Slot.status``), so it can never disagree with them. Appointments hold the least
personal data possible (a name in kana and a phone number) and lose even that after the retention
period (``services.personal_data_erase``).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from backend.booking.calendar import japan_time
from backend.municipalities.models import KioskDevice, Municipality

HORIZON_MAX_DAYS = 366


class ServiceKind(models.TextChoices):
    CHILD_CONSULTATION = "child_consultation", "子育て相談（保健師）"
    HEALTH_CONSULTATION = "health_consultation", "健康相談"
    TELEMEDICINE = "telemedicine", "オンライン診療"
    REMOTE_COUNTER = "remote_counter", "リモート窓口（市町村の 職員と ビデオ）"


class ServiceMode(models.TextChoices):
    KIOSK_VIDEO = "kiosk_video", "ビデオ（このキオスクのブース）"
    FACILITY_VIDEO = "facility_video", "ビデオ（オンライン診療受診施設などの 決まった 場所）"
    HOME_VIDEO = "home_video", "ビデオ（自宅）"
    MOBILE_CLINIC = "mobile_clinic", "モバイルクリニック（車）の訪問"


class ProviderKind(models.TextChoices):
    MUNICIPAL_TEAM = "municipal_team", "市町村の担当（保健師など）"
    CLINIC = "clinic", "医療機関"


class Service(models.Model):
    """Something a resident can book: who provides it, how it happens, and what to prepare."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="services")
    code = models.SlugField(max_length=64)
    kind = models.CharField(max_length=32, choices=ServiceKind.choices)
    name = models.CharField(max_length=100)
    provider_kind = models.CharField(max_length=32, choices=ProviderKind.choices)
    provider_name = models.CharField(max_length=100)
    mode = models.CharField(max_length=32, choices=ServiceMode.choices)
    duration_minutes = models.PositiveSmallIntegerField()
    nurse_attends = models.BooleanField(default=False, help_text="D to P with N: a nurse is with the patient")
    facility_fee = models.CharField(max_length=200, blank=True,
                                    help_text="Shown in advance (医療法: fees of a 受診施設 must be shown before)")
    place = models.CharField(max_length=200, help_text="Where the resident goes, or how the call reaches them")
    how_it_works = models.TextField(blank=True)
    prepare = models.JSONField(default=list, blank=True, help_text="What to bring or prepare, one item each")
    can_do = models.JSONField(default=list, blank=True,
                              help_text="What can be completed this way, one item each (a remote counter's procedures)")
    cannot_do = models.JSONField(default=list, blank=True,
                                 help_text="What cannot, and where to go for it instead, one item each")
    is_active = models.BooleanField(default=True)
    horizon_days = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(1), MaxValueValidator(HORIZON_MAX_DAYS)],
        help_text="How many days ahead residents may book (today counts as the first)")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "code"], name="service_code_per_municipality")]
        ordering = ["municipality", "kind", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality.code})"


class Partnership(models.Model):
    """One municipality's service offered to another's residents (地域間連携: a clinic's mobile car
    or a city's telemedicine booth serving the towns around it).

    The partner's kiosks list and book the service against its one schedule, so capacity holds
    across both; each booking belongs to the municipality whose kiosk made it. The partner's staff
    see their own residents' bookings of it; only the provider runs its schedule and attendance.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="partnerships")
    partner = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="shared_services")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "partner"], name="one_partnership_per_service")]
        ordering = ["service", "partner"]

    def __str__(self) -> str:
        return f"{self.service.name} → {self.partner.name}"


class Schedule(models.Model):
    """A service's availability over a planning horizon (FHIR Schedule); its slots hang from it."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="schedules")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    starts_on = models.DateField()
    ends_on = models.DateField()
    comment = models.CharField(max_length=200, blank=True)
    place = models.CharField(max_length=200, blank=True,
                             help_text="Where this schedule's slots happen, when not the service's place "
                                       "(a mobile clinic's route: the 公民館 or parking lot of that day)")
    fingerprint = models.CharField(max_length=64, blank=True,
                                   help_text="A hash of the request that made it, so a repeat makes nothing new")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["service", "fingerprint"])]

    def __str__(self) -> str:
        return f"{self.service.name}: {self.starts_on} – {self.ends_on}"


class Slot(models.Model):
    """A bookable time with a capacity (1 for a consultation booth; more for a group session)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="slots")
    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="slots")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="slots")
    start = models.DateTimeField()
    end = models.DateTimeField()
    capacity = models.PositiveSmallIntegerField(default=1)
    blocked = models.BooleanField(default=False, help_text="FHIR busy-unavailable: closed by staff")
    place = models.CharField(max_length=200, blank=True, help_text="Its schedule's place; empty: the service's")
    """Copied from the schedule when the slot is made, so the kiosk's slot list needs no join."""

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "start"], name="one_slot_per_service_and_start")]
        indexes = [models.Index(fields=["municipality", "service", "start"])]
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.service.name} {japan_time(self.start)}"


class Hold(models.Model):
    """A short claim on one place in a slot while a resident fills in the form (Cal.com's
    SelectedSlots with ``releaseAt``). Expired holds count for nothing and are swept lazily."""

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="holds")
    device = models.ForeignKey(KioskDevice, on_delete=models.CASCADE, related_name="holds")
    token = models.CharField(max_length=64, unique=True)
    release_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)


class AppointmentStatus(models.TextChoices):
    PENDING = "pending"
    BOOKED = "booked"
    CANCELLED = "cancelled"
    ARRIVED = "arrived"
    FULFILLED = "fulfilled"
    NOSHOW = "noshow"


LIVE_STATUSES = (AppointmentStatus.PENDING, AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED,
                 AppointmentStatus.FULFILLED, AppointmentStatus.NOSHOW)
"""Statuses that occupy a place in their slot (everything but cancelled)."""


class Appointment(models.Model):
    """A booked place. Participants are the resident, the service's provider and, for D to P with
    N, a nurse; only the resident's kana name and phone number are personal data."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="appointments")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="appointments")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="appointments")
    reference = models.CharField(max_length=16)
    status = models.CharField(max_length=16, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED)
    previous_status = models.CharField(max_length=16, choices=AppointmentStatus.choices, blank=True,
                                       help_text="Before the last attendance mark, so staff can undo it")
    name_kana = models.CharField(max_length=40, blank=True)
    phone = models.CharField(max_length=16, blank=True)
    booked_by = models.ForeignKey(KioskDevice, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="appointments")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    personal_data_erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "reference"], name="reference_per_municipality")]
        indexes = [models.Index(fields=["slot", "status"])]
        ordering = ["slot__start"]

    def __str__(self) -> str:
        return f"{self.reference} ({self.status})"


class IdempotencyRecord(models.Model):
    """The first response to a booking request, replayed for any retry with the same key.

    The stored response carries no personal data (booking responses never echo name or phone);
    the request fingerprint is a hash.
    """

    device = models.ForeignKey(KioskDevice, on_delete=models.CASCADE, related_name="idempotency_records")
    key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["device", "key"], name="idempotency_key_per_device")]
