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


class StaffRole(models.TextChoices):
    """What a staff account may do in the workspace (/staff/): everyone sees their municipality's
    figures and releases; editors also change drafts; publishers also publish and roll back."""

    VIEWER = "viewer", "閲覧"
    EDITOR = "editor", "編集"
    PUBLISHER = "publisher", "公開"


class StaffMember(models.Model):
    """A Django account that works for one municipality: it sees and changes only that one's data."""

    user = models.OneToOneField("auth.User", on_delete=models.CASCADE, related_name="staff_member")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="staff")
    role = models.CharField(max_length=16, choices=StaffRole.choices, default=StaffRole.PUBLISHER)
    """Accounts made before roles existed could publish from the command line: they keep that."""

    def can_edit(self) -> bool:
        return self.role in (StaffRole.EDITOR, StaffRole.PUBLISHER)

    def can_publish(self) -> bool:
        return self.role == StaffRole.PUBLISHER

    def __str__(self) -> str:
        return f"{self.user.get_username()} @ {self.municipality.code}"


class MunicipalityValues(models.Model):
    """A municipality's own values (office names, hours, phones, fees) as its staff keep them in the
    workspace: a ``draft`` being edited, and the ``published`` values its current guidance was
    rendered with. Once published here, these win over the sample values in content/municipalities/
    (docs/decisions/0008-content-ownership.md)."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="own_values")
    draft = models.JSONField(default=dict)
    published = models.JSONField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")


class AuditEntry(models.Model):
    """Who changed what, when, and which release it made: the workspace's trail, never edited."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="audit")
    user = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=32)
    summary = models.CharField(max_length=300)
    detail = models.JSONField(default=dict)
    release_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
