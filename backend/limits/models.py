"""Provides Attempt: the failed attempts counted for one key in its current window (ADR 0010).

In the database, not in a process's memory, so every worker of `madoguchi serve --workers N` (and
every machine on the same database) counts the same failures.
"""

from __future__ import annotations

from django.db import models


class Attempt(models.Model):
    """One counter: ``bucket`` is the rule's scope and a hash of what is counted (an address, a
    username, a reference code, a device), so no address or name is stored in the clear."""

    bucket = models.CharField(max_length=96, unique=True)
    count = models.PositiveIntegerField(default=0)
    window_ends = models.BigIntegerField(help_text="Unix time (seconds) when this count starts again from 0")

    def __str__(self) -> str:
        return f"{self.bucket} {self.count}"
