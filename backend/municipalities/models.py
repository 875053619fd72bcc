"""Provides Municipality, the owner of every record, and the kiosk devices registered to it."""

from __future__ import annotations

from django.db import models


class Municipality(models.Model):
    """A city, town or village. ``is_sample`` marks fictional demo data that must never go live."""

    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=100)
    is_sample = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class KioskDevice(models.Model):
    """A registered kiosk. Only a SHA-256 hash of its API key is stored."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="devices")
    name = models.CharField(max_length=100)
    site = models.CharField(max_length=200, blank=True)
    key_prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="device_name_per_municipality")]

    def __str__(self) -> str:
        return f"{self.name} @ {self.municipality.code}"


class StaffMember(models.Model):
    """A Django account that works for one municipality: it sees and changes only that one's data."""

    user = models.OneToOneField("auth.User", on_delete=models.CASCADE, related_name="staff_member")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="staff")

    def __str__(self) -> str:
        return f"{self.user.get_username()} @ {self.municipality.code}"
