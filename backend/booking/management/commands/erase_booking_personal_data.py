"""Erase names and phone numbers of past appointments (run daily by the deployment's scheduler)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from backend.booking.services import personal_data_erase


class Command(BaseCommand):
    help = ("Blank the name and phone number of appointments that ended more than --days days ago "
            "(default MADOGUCHI_RETENTION_DAYS, 30). Counts and times are kept for anonymous figures.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=settings.BOOKING_RETENTION_DAYS)

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        if days < 0:
            self.stderr.write("--days must be 0 or more")
            raise SystemExit(2)
        erased = personal_data_erase(older_than_days=days)
        self.stdout.write(f"erased personal data of {erased} appointment(s) older than {days} day(s)")
