"""Provides the bare project's URLs: POST /bare/insert, one raw INSERT, 201 with the new id (the
booking benchmark); GET /bare/release, the release bytes from files, 304 on a matching
If-None-Match (the release benchmark, benchmarks/release.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path

TABLE = "benchmark_bare_insert"
"""Created by benchmarks/booking.py before this project starts (id, key, name_kana, phone, created_at)."""


def insert(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponse(status=405)
    body = json.loads(request.body)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (key, name_kana, phone) VALUES (%s, %s, %s) RETURNING id",
                       [request.headers.get("Idempotency-Key", ""), body.get("name_kana", ""), body.get("phone", "")])
        (row_id,) = cursor.fetchone()
    return JsonResponse({"id": row_id}, status=201)


_RELEASE = Path(os.environ.get("BARE_RELEASE_DIR", "/nonexistent"))
"""body, body.gz and etag, written by benchmarks/release.py from the product's own answer."""
_BODIES = {name: (_RELEASE / name).read_bytes() for name in ("body", "body.gz", "etag") if (_RELEASE / name).is_file()}


def release(request: HttpRequest) -> HttpResponse:
    """The same bytes the product serves, from memory: no authentication, no database."""
    etag = _BODIES["etag"].decode()
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        gzip = "gzip" in request.headers.get("Accept-Encoding", "")
        response = HttpResponse(_BODIES["body.gz" if gzip else "body"], content_type="application/json")
        if gzip:
            response["Content-Encoding"] = "gzip"
    response["ETag"] = etag
    return response


urlpatterns = [path("bare/insert", insert), path("bare/release", release)]
