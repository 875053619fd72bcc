"""Provides SecurityHeadersMiddleware: a Content-Security-Policy on every response, in every profile.

Django's own middleware already sets X-Content-Type-Options (SECURE_CONTENT_TYPE_NOSNIFF),
Referrer-Policy (SECURE_REFERRER_POLICY) and X-Frame-Options (XFrameOptionsMiddleware); this adds
the policy they do not. The staff pages load their style and script from files
(workspace/static/workspace), so they need nothing inline. Swagger UI (/api/docs) and the Django
admin set style attributes from their scripts: for those two only, inline styles are allowed
(never inline scripts).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

STRICT = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
WITH_INLINE_STYLES = STRICT.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
INLINE_STYLE_PATHS = ("/api/docs", "/admin/")


def policy_for(path: str) -> str:
    return WITH_INLINE_STYLES if path.startswith(INLINE_STYLE_PATHS) else STRICT


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", policy_for(request.path))
        return response
