"""Provides the Django admin's sign-in page under the sign-in limits (ADR 0010).

The same counts as the workspace's form, the API's HTTP Basic and the volunteer console (per
username, per address, in the database so every worker process shares them): trying passwords on
/admin/login/ instead gains nothing. Past the limit the page says so in Japanese, with 429 and
Retry-After, and the password is not checked at all.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html

from backend.core.errors import TooManyRequests
from backend.limits.rules import signin_check, signin_failed

_PAGE = ("<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{}</title></head>"
         "<body><h1>{}</h1><p>{}</p></body></html>")


def _too_many(error: TooManyRequests) -> HttpResponse:
    minutes = max(1, -(-error.retry_after // 60))
    title = "しばらく ログインできません"
    message = (f"パスワードの まちがいが 多すぎます。{minutes}分ほど たってから もう一度 ためして ください。"
               "急ぐときは 管理者に 連絡して ください。")
    response = HttpResponse(format_html(_PAGE, title, title, message), status=429,
                            content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(error.retry_after)
    return response


def admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    """``admin.site.login``, with each refused POST counted and a blocked one not tried."""
    if request.method != "POST":
        return admin.site.login(request, extra_context)
    username = request.POST.get("username", "")
    try:
        signin_check(request, username)
    except TooManyRequests as error:
        return _too_many(error)
    response = admin.site.login(request, extra_context)
    if response.status_code == 200:  # the form again, with its error: a success redirects
        signin_failed(request, username)
    return response
