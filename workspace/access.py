"""Provides staff_page: a view only a signed-in staff member reaches, scoped to their municipality."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from backend.core.errors import ApplicationError
from backend.municipalities.models import StaffMember
from workspace.words import in_japanese, refused_rows

View = Callable[..., HttpResponse]


def staff_of(request: HttpRequest) -> StaffMember | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return getattr(user, "staff_member", None)


def staff_page(view: Callable[..., HttpResponse]) -> View:
    """Signed out: to the sign-in page. Signed in without a municipality: a 403 page that says so.
    The view receives the StaffMember; every query it makes goes through staff.municipality. A
    service's refusal (not found, conflict, forbidden) becomes a page with its status, never a 500."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), "workspace:login")
        staff = staff_of(request)
        if staff is None:
            return render(request, "workspace/message.html", {
                "title": "この アカウントは 使えません",
                "message": "市町村の 職員として 登録されていない アカウントです。管理者に 連絡して ください。"},
                status=403)
        try:
            return view(request, staff, *args, **kwargs)
        except ApplicationError as error:  # the services' refusals, said on a page with their status
            return render(request, "workspace/message.html", {
                "title": "できませんでした", "message": in_japanese(error), "problems": refused_rows(error),
                "staff": staff}, status=error.status)

    return wrapper
