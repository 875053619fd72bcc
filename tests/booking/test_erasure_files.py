"""Erasure really erases: after erase_booking_personal_data no file of the data folder holds the name.

A booking made through a real ``madoguchi serve`` on SQLite, its slot moved into the past, then the
command as the deployment's scheduler runs it: the name (in UTF-8) and the phone number must be in
no byte of the SQLite file, its -wal or its -journal. PostgreSQL's side is a decision record
(docs/decisions/0011-erasure.md): its WAL and dead tuples are outside what a test can grep.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

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
