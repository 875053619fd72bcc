"""Provides docs_access: the API docs and the OpenAPI document, behind sign-in in production.

In the embedded demo (settings.API_DOCS_PUBLIC) they are public, so a developer can read them on
the kiosk machine; in production (backend/config/production.py) only a signed-in staff account
sees them: the document lists every endpoint and field, which helps nobody outside the office.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse


def _signed_in_staff(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_staff or getattr(user, "staff_member", None) is not None)


def docs_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a docs view (ninja's ``docs_decorator``): a sign-in redirect unless it may be shown."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not getattr(settings, "API_DOCS_PUBLIC", True) and not _signed_in_staff(request):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return view(request, *args, **kwargs)

    return guarded
