"""Provides the middleware that keeps every answer under /api/ in the API's one error envelope.

django-ninja's exception handlers (config/api.py) only see what happens inside an operation. Some
refusals happen before or around one: a URL no route matches (Django's 404 page), a method the
route does not take (ninja's plain "Method not allowed"), a CSRF refusal, a body over
DATA_UPLOAD_MAX_MEMORY_SIZE (Django reads it before ninja can answer), a crash in a middleware.
An API client gets JSON it can read for all of them; the staff pages (/staff/, /admin/) keep
Django's HTML.

It also refuses NUL characters anywhere in an API request (path, query string, headers, Basic
credentials, cookies, JSON strings) before any view runs: no field of the API has a use for one,
PostgreSQL cannot store one in text, and a NUL that reached a query was a 500 there.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable
from http import HTTPStatus
from urllib.parse import unquote_to_bytes

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse

API_PREFIX = "/api/"
JSON_NUL = re.compile(rb"(?:^|[^\\])(?:\\\\)*\\u0000")
"""The JSON escape of NUL inside a string: ``\\u0000`` after an even number of backslashes."""
CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         413: "too_large", 500: "internal_error", 503: "unavailable"}


def envelope(status: int, code: str, message: str) -> HttpResponse:
    """The API's error envelope ({code, message, details}) as config/api.py writes it."""
    body = json.dumps({"code": code, "message": message, "details": {}}, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def _basic_credentials(header: str) -> bytes:
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return b""
    try:
        return base64.b64decode(encoded.strip(), validate=False)
    except (binascii.Error, ValueError):
        return b""


def nul_problem(request: HttpRequest) -> str | None:
    """Where the request carries a NUL character, or None."""
    if "\x00" in request.path or b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
        return "the URL"
    for key, value in request.META.items():
        if key.startswith("HTTP_") and isinstance(value, str) and "\x00" in value:
            return "a header"
    if b"\x00" in _basic_credentials(request.headers.get("Authorization", "")):
        return "the credentials"
    if any("\x00" in value for value in request.COOKIES.values()):
        return "a cookie"
    return None


def body_problem(body: bytes) -> str | None:
    if b"\x00" in body or JSON_NUL.search(body):
        return "the body"
    return None


class ApiEnvelopeMiddleware:
    """Refuses bad API requests early and turns any non-JSON error under /api/ into the envelope."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        refused = self._refusal(request)
        if refused is not None:
            return refused
        return self._as_envelope(self.get_response(request))

    @staticmethod
    def _refusal(request: HttpRequest) -> HttpResponse | None:
        where = nul_problem(request)
        if where is None:
            try:
                where = body_problem(request.body)
            except RequestDataTooBig:
                return envelope(413, "too_large", "The request body is too large.")
        if where is not None:
            return envelope(400, "bad_request", f"A NUL character in {where} is not allowed.")
        return None

    @staticmethod
    def _as_envelope(response: HttpResponse) -> HttpResponse:
        if response.status_code < 400 or response.get("Content-Type", "").startswith("application/json"):
            return response
        status = response.status_code
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Error"
        replaced = envelope(status, CODES.get(status, "error" if status >= 500 else "bad_request"), f"{phrase}.")
        for header in ("Allow", "Retry-After"):
            if header in response:
                replaced[header] = response[header]
        return replaced
