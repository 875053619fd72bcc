"""Erase names and phone numbers of past appointments (run daily by the deployment's scheduler)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from backend.booking.models import Appointment, IdempotencyRecord
from backend.booking.services import personal_data_erase
from backend.core.storage import scrub_after_erasure


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
        # Outside the erasure's transaction (VACUUM cannot run inside one); every run scrubs, so a
        # run whose scrub a reader blocked is completed by the next day's.
        scrub = scrub_after_erasure([Appointment._meta.db_table, IdempotencyRecord._meta.db_table])
        (self.stdout if scrub.done else self.stderr).write(f"storage scrubbed: {scrub.detail}")
