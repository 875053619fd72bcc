"""Provides the Django admin for services, schedules, slots and appointments.

The admin is no second way around the booking rules: appointments are read-only here (they are
made and changed only through the services: the kiosk, the staff API), schedules are made by the
same service as the staff API (祝日 left out, never a schedule without slots), and a slot's time
cannot be moved under its bookings. A staff account sees only its own municipality's records, in
its lists, filters and choices alike; superusers see all. Times read as in Japan, with the weekday.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from backend.booking.admin_forms import ScheduleAddForm, SlotForm
from backend.booking.calendar import japan_time
from backend.booking.models import Appointment, Partnership, Schedule, Service, Slot
from backend.booking.schedules import schedule_create
from backend.booking.sharing import partnership_problem, visible_to


def municipality_of(request: HttpRequest) -> Any:
    member = getattr(request.user, "staff_member", None)
    return member.municipality if member else None


class MunicipalityFilter(admin.RelatedFieldListFilter):
    """A related-record filter that lists only the signed-in staff member's municipality's records."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        if request.user.is_superuser:
            return super().field_choices(field, request, model_admin)
        related = field.related_model.objects.filter(municipality=municipality_of(request))
        return [(item.pk, str(item)) for item in related]


class MunicipalityScoped(admin.ModelAdmin):
    """Filters every list, filter and form to the signed-in staff member's municipality."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        municipality = municipality_of(request)
        return queryset.filter(municipality=municipality) if municipality else queryset.none()

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if request.user.is_superuser else ("municipality",)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not request.user.is_superuser:
            obj.municipality = municipality_of(request)
        super().save_model(request, obj, form, change)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        municipality = municipality_of(request)
        if not request.user.is_superuser and hasattr(db_field.related_model, "municipality"):
            kwargs["queryset"] = db_field.related_model.objects.filter(municipality=municipality)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PartnershipForm(forms.ModelForm):
    """Refuses what the kiosks could not serve (the service's own town, a code the partner uses)."""

    class Meta:
        model = Partnership
        fields = ("partner",)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        service, partner = getattr(self.instance, "service", None), data.get("partner")
        if service is not None and partner is not None:
            problem = partnership_problem(service=service, partner=partner)
            if problem:
                raise forms.ValidationError(problem)
        return data


class PartnershipInline(admin.TabularInline):
    """The partner municipalities whose kiosks also book this service (地域間連携)."""

    model = Partnership
    form = PartnershipForm
    extra = 0
    verbose_name = "partner municipality"
    verbose_name_plural = "offered to the residents of (partner municipalities)"


@admin.register(Service)
class ServiceAdmin(MunicipalityScoped):
    list_display = ("name", "kind", "mode", "provider_name", "duration_minutes", "horizon_days", "nurse_attends",
                    "is_active")
    list_filter = ("kind", "mode", "is_active")
    inlines = (PartnershipInline,)


@admin.register(Schedule)
class ScheduleAdmin(MunicipalityScoped):
    """Added through ``schedule_create`` (weekdays × times, 祝日 left out); afterwards only its note changes."""

    list_display = ("service", "starts_on", "ends_on", "place", "slot_count", "comment")
    list_filter = (("service", MunicipalityFilter),)

    @admin.display(description="slots")
    def slot_count(self, schedule: Schedule) -> int:
        return schedule.slots.count()

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = ScheduleAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["service", "starts_on", "ends_on", "weekdays", "times", "capacity", "skip_holidays", "place",
                    "comment"]
        return ["service", "starts_on", "ends_on", "place", "comment", "created_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("service", "starts_on", "ends_on", "place", "created_at") if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        result = schedule_create(municipality=data["service"].municipality, service_code=data["service"].code,
                                 starts_on=data["starts_on"], ends_on=data["ends_on"], weekdays=data["weekdays"],
                                 times=data["times"], capacity=data["capacity"], comment=data["comment"],
                                 skip_holidays=data["skip_holidays"], place=data.get("place", ""))
        assert result.schedule is not None  # the form refused a request that would make no slot
        obj.pk = result.schedule.pk
        obj.refresh_from_db()


@admin.register(Slot)
class SlotAdmin(MunicipalityScoped):
    """Slots come from schedules; here they are closed, opened, or given more places."""

    form = SlotForm
    list_display = ("service", "when", "capacity", "blocked")
    list_filter = (("service", MunicipalityFilter), "blocked")
    date_hierarchy = "start"
    readonly_fields = ("schedule", "service", "start", "end")

    @admin.display(description="start (Japan time)", ordering="start")
    def when(self, slot: Slot) -> str:
        return japan_time(slot.start)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Appointment)
class AppointmentAdmin(MunicipalityScoped):
    """Read-only: a booking is made, moved and marked only through the booking services."""

    list_display = ("reference", "service", "when", "status", "name_kana", "phone")
    list_filter = ("status", ("service", MunicipalityFilter))
    search_fields = ("reference",)
    actions = None

    @admin.display(description="time (Japan time)", ordering="slot__start")
    def when(self, appointment: Appointment) -> str:
        return japan_time(appointment.slot.start)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        """Its own kiosks' bookings and every booking of the services it provides (a partner's residents' too)."""
        queryset = admin.ModelAdmin.get_queryset(self, request).select_related("slot", "service")
        if request.user.is_superuser:
            return queryset
        municipality = municipality_of(request)
        return queryset.filter(visible_to(municipality)) if municipality else queryset.none()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

