"""Provides the single NinjaAPI: every router, and every error turned into one envelope."""

from __future__ import annotations

import logging
from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from backend.assistance.api import help_router, volunteer_router
from backend.assistance.api import staff_router as staff_assistance_router
from backend.booking.api import router as booking_router
from backend.booking.staff_api import router as staff_router
from backend.config.docs_access import docs_access
from backend.config.envelope import CODES
from backend.config.openapi import EnvelopedAPI
from backend.core.errors import ApplicationError, TooManyRequests
from backend.figures.api import router as staff_figures_router
from backend.guidance.api import router as guidance_router
from backend.guidance.staff_api import router as staff_guidance_router
from backend.municipalities.api import router as devices_router
from backend.municipalities.auth import DeviceKey

logger = logging.getLogger("backend.api")

api = EnvelopedAPI(
    title="Madoguchi API",
    version="1",
    description="Guidance, bookings and help requests for Madoguchi kiosks. "
                "Kiosks authenticate with the X-Kiosk-Key header.",
    auth=DeviceKey(),
    urls_namespace="api",
    docs_decorator=docs_access,  # behind sign-in in production (issue #15)
)


def _error(request: HttpRequest, status: int, code: str, message: str, details: Any = None) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, "details": details or {}}, status=status)


@api.exception_handler(ApplicationError)
def on_application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    response = _error(request, exc.status, exc.code, exc.message, exc.details)
    if isinstance(exc, TooManyRequests):  # rate limits (ADR 0010): when to try again
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [{"location": [str(p) for p in e.get("loc", ())], "message": e.get("msg", "")} for e in exc.errors]
    return _error(request, 422, "invalid_request", "The request is not valid.", {"errors": errors})


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    if request.path.startswith("/api/staff/"):
        return _error(request, 401, "unauthorized", "Sign in with a staff account of this municipality.")
    if request.path.startswith("/api/volunteer/"):
        return _error(request, 401, "unauthorized", "Sign in with your volunteer account (a Bearer token).")
    return _error(request, 401, "unauthorized", "A valid kiosk device key (X-Kiosk-Key) is required.")


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", "Not found.")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's own refusals: an unreadable body (400), a failed CSRF check of a staff session (403)."""
    return _error(request, exc.status_code, CODES.get(exc.status_code, "http_error"), str(exc))


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def on_database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    """The database went away, is locked past the timeout, or its disk is full: nothing was done,
    and the same request may well work in a moment, so a 503 the kiosk shows as "try again"."""
    logger.error("database unavailable on %s %s: %s", request.method, request.path, type(exc).__name__)
    response = _error(request, 503, "database_unavailable",
                      "The service is unavailable for a moment. Please try again later.")
    response["Retry-After"] = "30"
    return response


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("unhandled error on %s %s", request.method, request.path)
    return _error(request, 500, "internal_error", "Something went wrong on the server.")


class HealthOut(Schema):
    status: str


@api.get("/health", auth=None, response=HealthOut, tags=["service"], summary="Liveness check")
def health(request: HttpRequest) -> dict[str, str]:
    return {"status": "ok"}


api.add_router("/guidance", guidance_router)
api.add_router("/kiosk", devices_router)
api.add_router("/booking", booking_router)
api.add_router("/staff", staff_router)
api.add_router("/help", help_router)
api.add_router("/volunteer", volunteer_router)
api.add_router("/staff/assistance", staff_assistance_router)
api.add_router("/staff", staff_figures_router)
api.add_router("/staff", staff_guidance_router)
