"""Provides the rate-limited attempts (ADR 0010): which failures are counted, per what, how many.

Each guards a secret someone could guess by trying: a staff or volunteer password, which phone
number goes with a booking reference, a kiosk device key. Only failures are counted, so a kiosk or
a clerk that gets it right is never slowed down.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from backend.limits.counters import Rule, check, fail

SIGNIN_PER_USERNAME = Rule("signin-user", limit=10, window=15 * 60)
"""Staff (HTTP Basic, the workspace's form, the admin's) and volunteer sign-ins share one count per
username: the accounts are one table, so trying a password on any door counts on all."""
SIGNIN_PER_ADDRESS = Rule("signin-address", limit=50, window=15 * 60)
"""Per client address: one person trying many usernames; generous, as a town hall's clerks may
share one address behind NAT."""
LOOKUP_PER_REFERENCE = Rule("lookup-reference", limit=10, window=24 * 60 * 60)
"""Wrong phone numbers for one booking reference (look-up, cancel, reschedule): a reference must
not be confirmable by trying phones, from one kiosk or from many."""
LOOKUP_PER_DEVICE = Rule("lookup-device", limit=30, window=60 * 60)
"""Failed look-ups from one kiosk: someone trying references one after another."""
DEVICE_KEY_PER_ADDRESS = Rule("device-key", limit=20, window=10 * 60)
"""Wrong X-Kiosk-Key values from one client address."""


def client_address(request: HttpRequest) -> str:
    """The caller's address: REMOTE_ADDR, or behind a reverse proxy the last entry of the header
    it sets (settings.CLIENT_ADDRESS_HEADER, e.g. HTTP_X_FORWARDED_FOR; the proxy appends last)."""
    header = getattr(settings, "CLIENT_ADDRESS_HEADER", None)
    if header and request.META.get(header):
        return str(request.META[header]).split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def signin_check(request: HttpRequest, username: str) -> None:
    """429 before the password is even checked, while this username or address is blocked."""
    check(SIGNIN_PER_USERNAME, username.casefold())
    check(SIGNIN_PER_ADDRESS, client_address(request))


def signin_failed(request: HttpRequest, username: str) -> None:
    fail(SIGNIN_PER_USERNAME, username.casefold())
    fail(SIGNIN_PER_ADDRESS, client_address(request))
