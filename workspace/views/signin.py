"""Provides the workspace's sign-in page: Django's LoginView under the sign-in limits (ADR 0010).

The same counts as the API's HTTP Basic and the volunteer console (per username, per address), so
trying passwords on the form instead of the API gains nothing. Past the limit the page says so in
Japanese, with 429 and Retry-After, and does not check the password at all.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from backend.core.errors import TooManyRequests
from backend.limits.rules import signin_check, signin_failed


def _too_many(request: HttpRequest, error: TooManyRequests) -> HttpResponse:
    minutes = max(1, -(-error.retry_after // 60))
    response = render(request, "workspace/message.html", {
        "title": "しばらく ログインできません",
        "message": f"パスワードの まちがいが 多すぎます。{minutes}分ほど たってから もう一度 ためして ください。"
                   "急ぐときは 管理者に 連絡して ください。"}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


class StaffLoginView(LoginView):
    template_name = "workspace/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            signin_check(request, request.POST.get("username", ""))
        except TooManyRequests as error:
            return _too_many(request, error)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        signin_failed(self.request, self.request.POST.get("username", ""))
        return super().form_invalid(form)
