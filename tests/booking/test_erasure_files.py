"""Erasure really erases: after erase_booking_personal_data no file of the data folder holds the name.

A booking made through a real ``madoguchi serve`` on SQLite, its slot moved into the past, then the
command as the deployment's scheduler runs it: the name (in UTF-8) and the phone number must be in
no byte of the SQLite file, its -wal or its -journal. PostgreSQL's side is a decision record
(docs/decisions/0011-erasure.md): its WAL and dead tuples are outside what a test can grep.

The second test is the scrub alone (backend/core/storage.py) on a SQLite file whose connection has
``secure_delete`` off, as on SQLite builds without that default: there blanking a column leaves the
old bytes in the page's free space, and only the scrub removes them.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from pytest_django import DjangoDbBlocker

from backend.config.env import database
from backend.core.storage import scrub_after_erasure
from tests.conftest import madoguchi_env, on_postgresql, start_backend, stop_backend

NAME = "ヤマダ タロウ"
PHONE = "09087654321"


def _data_bytes(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.glob("madoguchi.sqlite3*")))


def _backend(args: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backend", *args], env=madoguchi_env(folder),
                          capture_output=True, text=True, timeout=120, check=True)


@pytest.mark.skipif(on_postgresql(), reason="greps the SQLite files; PostgreSQL: docs/decisions/0011-erasure.md")
def test_no_file_of_the_data_folder_holds_an_erased_name(tmp_path: Path) -> None:
    """The whole command end to end. On this machine's SQLite (Debian's, built with SECURE_DELETE on
    by default) it passes even without the scrub, since the UPDATE itself zeroes the old bytes: the
    test below is the one that fails when the scrub does not do its work."""
    backend = start_backend(tmp_path)
    # Another process with the database open, as a second worker or a backup tool would: the -wal
    # file then outlives each request's connection and keeps every frame written to it.
    watcher = sqlite3.connect(tmp_path / "madoguchi.sqlite3")
    watcher.execute("SELECT count(*) FROM sqlite_master").fetchall()  # now it shares the log
    try:
        kiosk = httpx.Client(base_url=backend.url, headers={"X-Kiosk-Key": backend.api_key}, timeout=10)
        code = kiosk.get("/api/booking/services").json()[0]["code"]
        slot = kiosk.get(f"/api/booking/services/{code}/slots").json()["slots"][0]["id"]
        booked = kiosk.post("/api/booking/appointments", json={"slot_id": slot, "name_kana": NAME, "phone": PHONE},
                            headers={"Idempotency-Key": "erasure-test-1"})
        assert booked.status_code == 201, booked.text
        assert NAME.encode() in _data_bytes(tmp_path)  # the check below can see it when it is there
        _move_into_the_past(slot, tmp_path)
        erased = _backend(["erase_booking_personal_data", "--days", "0"], tmp_path)
    finally:
        stop_backend(backend)
    assert "erased personal data of 1 appointment(s)" in erased.stdout
    assert "storage scrubbed" in erased.stdout
    stored = _data_bytes(tmp_path)
    watcher.close()
    assert NAME.encode() not in stored and "ヤマダ".encode() not in stored
    assert PHONE.encode() not in stored


def _move_into_the_past(slot: int, folder: Path) -> None:
    _backend(["shell", "-c", "from datetime import timedelta; from django.utils import timezone; "
              "from backend.booking.models import Slot; "
              f"Slot.objects.filter(pk={slot}).update(start=timezone.now() - timedelta(days=2), "
              "end=timezone.now() - timedelta(days=2) + timedelta(minutes=30))"], folder)


SCRUB_ALIAS = "erasure_scrub"
ROWS = 400
"""Appointments with the canary name and phone: several 4 KiB pages of them."""


@contextmanager
def _sqlite_without_secure_delete(folder: Path) -> Iterator[BaseDatabaseWrapper]:
    """A Django connection, under its own alias, to a SQLite file in ``folder`` configured as the
    product's data folder database (backend/config/env.database: WAL, IMMEDIATE transactions)
    but with ``secure_delete`` off: SQLite's default when built without SQLITE_SECURE_DELETE (Debian
    builds it with that, so its connections zero freed space on their own)."""
    config = database(None, folder)
    config["OPTIONS"]["init_command"] += " PRAGMA secure_delete = OFF;"
    connections.settings[SCRUB_ALIAS] = connections.configure_settings({"default": config})["default"]
    try:
        yield connections[SCRUB_ALIAS]
    finally:
        connections[SCRUB_ALIAS].close()
        del connections[SCRUB_ALIAS]
        del connections.settings[SCRUB_ALIAS]


def _pragma(cursor: CursorWrapper, name: str) -> Any:
    cursor.execute(f"PRAGMA {name}")
    return cursor.fetchone()[0]


@pytest.mark.skipif(on_postgresql(), reason="greps SQLite's files and turns SQLite's secure_delete off; "
                    "PostgreSQL: docs/decisions/0011-erasure.md")
def test_the_scrub_removes_what_blanking_leaves_in_sqlite_files(tmp_path: Path,
                                                                django_db_blocker: DjangoDbBlocker) -> None:
    with django_db_blocker.unblock(), _sqlite_without_secure_delete(tmp_path) as connection:
        with connection.cursor() as cursor:
            assert _pragma(cursor, "journal_mode") == "wal"
            assert _pragma(cursor, "secure_delete") == 0
            cursor.execute("CREATE TABLE booking_appointment (id integer PRIMARY KEY AUTOINCREMENT, "
                           "reference varchar(16) NOT NULL, name_kana varchar(40) NOT NULL, "
                           "phone varchar(16) NOT NULL)")
            cursor.executemany("INSERT INTO booking_appointment (reference, name_kana, phone) VALUES (%s, %s, %s)",
                               [(f"R{number:05}", NAME, PHONE) for number in range(ROWS)])
            # Booked weeks ago: long since checkpointed from the -wal into the database file.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            # What personal_data_erase does (backend/booking/services.py): blank, not delete.
            cursor.execute("UPDATE booking_appointment SET name_kana = '', phone = ''")
            # As when the command's connection, the last one, closes: the -wal into the file.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            assert _pragma(cursor, "page_count") > 5  # several pages of rows
            cursor.execute("SELECT count(*) FROM booking_appointment WHERE name_kana <> '' OR phone <> ''")
            assert cursor.fetchone()[0] == 0
        left = _data_bytes(tmp_path)
        # The bytes are still in the files, blanked or not: the check below can see leftovers.
        assert NAME.encode() in left and PHONE.encode() in left

        scrub = scrub_after_erasure(["booking_appointment"], using=SCRUB_ALIAS)

        assert scrub.done, scrub.detail
        stored = _data_bytes(tmp_path)
        assert NAME.encode() not in stored and "ヤマダ".encode() not in stored
        assert PHONE.encode() not in stored
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM booking_appointment")
            assert cursor.fetchone()[0] == ROWS  # the appointments themselves stay
