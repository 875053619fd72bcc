"""Provides the failure counters behind the rate limits: one atomic upsert per failure (ADR 0010).

``INSERT … ON CONFLICT DO UPDATE … RETURNING`` is the same SQL on SQLite (3.35+) and PostgreSQL and
is atomic on both, so two workers counting the same failure at once never lose one. Fixed windows:
the first failure opens a window of ``rule.window`` seconds; ``rule.limit`` failures within it
block the key until it ends (the Retry-After).
"""

from __future__ import annotations

import hashlib
import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from backend.core.errors import TooManyRequests
from backend.limits.models import Attempt

_TABLE = Attempt._meta.db_table
_UPSERT = f"""
INSERT INTO {_TABLE} (bucket, count, window_ends) VALUES (%s, 1, %s)
ON CONFLICT (bucket) DO UPDATE SET
  count = CASE WHEN {_TABLE}.window_ends <= %s THEN 1 ELSE {_TABLE}.count + 1 END,
  window_ends = CASE WHEN {_TABLE}.window_ends <= %s THEN excluded.window_ends ELSE {_TABLE}.window_ends END
RETURNING count, window_ends
"""
PURGE_CHANCE = 0.01
"""A failure now and then also deletes the counters whose window has ended, so the table stays small."""


@dataclass(frozen=True)
class Rule:
    """``limit`` failures per ``window`` seconds for one ``scope`` ("signin-user", …)."""

    scope: str
    limit: int
    window: int


def _bucket(rule: Rule, subject: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}\0{rule.scope}\0{subject}".encode()).hexdigest()
    return f"{rule.scope}:{digest[:64]}"


def retry_after(rule: Rule, subject: str) -> int | None:
    """Seconds until ``subject`` may try again, or None while it is under the limit."""
    now = int(time.time())
    row = Attempt.objects.filter(bucket=_bucket(rule, subject), window_ends__gt=now).values_list(
        "count", "window_ends").first()
    if row is None or row[0] < rule.limit:
        return None
    return max(1, row[1] - now)


def check(rule: Rule, subject: str) -> None:
    """Raise TooManyRequests (429 with Retry-After) when ``subject`` is over the limit."""
    wait = retry_after(rule, subject)
    if wait is not None:
        raise TooManyRequests(wait)


def fail(rule: Rule, subject: str) -> int | None:
    """Count one failure for ``subject`` (outside any transaction the request rolls back).

    Returns the seconds until it may try again once this failure is over the limit, else None."""
    now = int(time.time())
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [_bucket(rule, subject), now + rule.window, now, now])
        count, window_ends = cursor.fetchone()
    if random.random() < PURGE_CHANCE:  # not a secret: only when to tidy up
        Attempt.objects.filter(window_ends__lte=now).delete()
    return max(1, int(window_ends) - now) if int(count) > rule.limit else None
