"""Provides the writes on municipalities and kiosk devices."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from backend.core.errors import ApplicationError, Conflict, NotFound
from backend.municipalities.models import KioskDevice, Municipality, StaffMember
from guidance.model import Municipality as MunicipalityContent

KEY_PREFIX = "mdg"
LAST_SEEN_EVERY = timedelta(minutes=1)


class WeakPassword(ApplicationError):
    """A password AUTH_PASSWORD_VALIDATORS refuse; the message lists every reason."""

    code = "weak_password"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def municipality_sync(*, municipalities: Iterable[MunicipalityContent]) -> list[Municipality]:
    """Create or update the municipalities named in the content files."""
    synced = []
    for item in municipalities:
        record, _ = Municipality.objects.update_or_create(
            code=item.code, defaults={"name": item.name, "is_sample": item.sample})
        synced.append(record)
    return synced


@transaction.atomic
def device_register(*, municipality_code: str, name: str, site: str = "",
                    replace: bool = False) -> tuple[KioskDevice, str]:
    """Register a kiosk and return it with its API key, which is shown once and never stored.

    With ``replace``, an existing device of that name gets a new key (the old one stops working).
    """
    try:
        municipality = Municipality.objects.get(code=municipality_code)
    except Municipality.DoesNotExist:
        raise NotFound(f"no municipality with code '{municipality_code}'") from None
    prefix = secrets.token_hex(6)
    key = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    device = KioskDevice.objects.filter(municipality=municipality, name=name).first()
    if device and not replace:
        raise NotFound(f"a device named '{name}' already exists in '{municipality_code}'")
    device = device or KioskDevice(municipality=municipality, name=name)
    device.site, device.key_prefix, device.key_hash, device.is_active = site, prefix, _hash(key), True
    device.save()
    return device, key


def device_authenticate(*, key: str) -> KioskDevice | None:
    """The active device that owns ``key``, or None. Compares hashes in constant time."""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        return None
    device = (KioskDevice.objects.select_related("municipality")
              .filter(key_prefix=parts[1], is_active=True).first())
    if device is None or not hmac.compare_digest(device.key_hash, _hash(key)):
        return None
    now = timezone.now()
    if device.last_seen_at is None or now - device.last_seen_at > LAST_SEEN_EVERY:
        # At most one write a minute per kiosk: "last seen" needs no more, and a write on every
        # request was a quarter of a booking's time (benchmarks/booking.py).
        KioskDevice.objects.filter(pk=device.pk).update(last_seen_at=now)
    return device


@transaction.atomic
def staff_register(*, municipality_code: str, username: str, password: str, admin: bool = False,
                   role: str = "publisher") -> StaffMember:
    """A Django account bound to one municipality; with ``admin`` it may also use /admin/, where
    it is given the booking permissions (scoped to its municipality by the admin itself).

    The password must pass AUTH_PASSWORD_VALIDATORS: the account sees residents' phone numbers."""
    from django.contrib.auth.models import Permission, User
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    municipality = Municipality.objects.filter(code=municipality_code).first()
    if municipality is None:
        raise NotFound(f"no municipality with code '{municipality_code}'")
    if User.objects.filter(username=username).exists():
        raise Conflict(f"a user named '{username}' already exists")
    try:
        validate_password(password, User(username=username))
    except ValidationError as error:
        raise WeakPassword("the password is too weak: " + " ".join(error.messages),
                           details={"problems": error.messages}) from None
    user = User.objects.create_user(username=username, password=password, is_staff=admin)
    if admin:
        user.user_permissions.add(*Permission.objects.filter(content_type__app_label="booking"))
    return StaffMember.objects.create(user=user, municipality=municipality, role=role)
