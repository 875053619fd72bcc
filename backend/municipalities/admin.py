"""Provides the Django admin for municipalities, kiosk devices and staff memberships."""

from __future__ import annotations

from django.contrib import admin

from backend.municipalities.models import KioskDevice, Municipality, StaffMember

admin.site.site_header = "Madoguchi"


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "is_sample")


@admin.register(KioskDevice)
class KioskDeviceAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality", "site", "is_active", "last_seen_at")
    exclude = ("key_hash",)
    readonly_fields = ("key_prefix",)


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ("user", "municipality")
