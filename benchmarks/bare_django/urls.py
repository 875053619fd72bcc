"""Provides the bare project's one URL: POST /bare/insert, one raw INSERT, 201 with the new id."""

from __future__ import annotations

import json

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


urlpatterns = [path("bare/insert", insert)]
