"""Provides the booking benchmark's scenario: both servers on the run's database, with a staff account,
the kiosk devices and the slots made through the product's own commands and API."""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

from benchmarks.booking_database import Database
from benchmarks.booking_servers import MADOGUCHI, ROOT, TIMEOUT_S, Server, free_port, log, start, stop

SERVICE = "telemedicine-booth"
"""A sample service of the demo municipality (backend/booking/demo.py)."""
CAPACITY = 100
"""Places per slot: the most the staff API accepts (ScheduleIn.capacity)."""
TIMES_PER_DAY = 48
"""Slots every 30 minutes, 00:00 to 23:30 (the staff API takes at most 48 start times)."""
FIRST_DAY_OFFSET = 40
"""Benchmark slots start this many days ahead: after the demo's sample slots (28 days)."""
MAX_RATE = 2000
"""Bookings per second the slots are sized for (places = MAX_RATE × booking seconds), far above
what a small machine reaches, so a run never runs out of places."""
STAFF_USER = "bench-scheduler"


def _env(data_dir: Path, db: Database, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MADOGUCHI_", "DJANGO_", "BARE_DJANGO_"))}
    env.pop("DATABASE_URL", None)
    if db.url:
        env["DATABASE_URL"] = db.url
    env.update({"MADOGUCHI_DATA_DIR": str(data_dir), "LANG": "C.UTF-8", **extra})
    return env


DEVICES_SCRIPT = """
import sys
from backend.bootstrap import setup_django
setup_django()
from backend.municipalities.services import device_register
for n in range(int(sys.argv[1])):
    _, key = device_register(municipality_code="demo", name=f"benchmark kiosk {n:03d}", site="benchmark")
    print(key)
"""
"""Registers N kiosk devices with the product's own service in one process (``madoguchi devices add``
does one per process, and each start-up takes seconds)."""


def prepare_backend(env: dict[str, str], devices: int, password: str) -> list[str]:
    """Migrate the fresh database and create a staff account (``madoguchi staff add``), then the kiosk
    devices; returns their keys."""
    subprocess.run([str(MADOGUCHI), "staff", "add", "--municipality", "demo", "--username", STAFF_USER],
                   env={**env, "MADOGUCHI_STAFF_PASSWORD": password}, cwd=ROOT, check=True, capture_output=True,
                   timeout=180)
    made = subprocess.run([sys.executable, "-c", DEVICES_SCRIPT, str(devices)], env=env, cwd=ROOT, check=True,
                          capture_output=True, text=True, timeout=120)
    keys = made.stdout.split()
    assert len(keys) == devices, made.stdout
    return keys


def make_slots(server: Server, password: str, key: str, places: int) -> list[int]:
    """Enough slots of CAPACITY places for ``places`` bookings, made with the staff API (POST
    /api/staff/schedules), read back with the kiosk API; returns their ids."""
    days = max(1, math.ceil(places / (CAPACITY * TIMES_PER_DAY)))
    first = dt.date.today() + dt.timedelta(days=FIRST_DAY_OFFSET)
    last = first + dt.timedelta(days=days - 1)
    times = [f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 30)]
    with httpx.Client(base_url=server.url, auth=(STAFF_USER, password), timeout=TIMEOUT_S) as staff:
        made = staff.post("/api/staff/schedules", json={
            "service": SERVICE, "starts_on": str(first), "ends_on": str(last), "weekdays": list(range(7)),
            "times": times, "capacity": CAPACITY, "comment": "benchmarks/booking.py"})
    if made.status_code != 201:
        raise RuntimeError(f"POST /api/staff/schedules answered {made.status_code}: {made.text[:500]}")
    ids: list[int] = []
    with httpx.Client(base_url=server.url, headers={"X-Kiosk-Key": key}, timeout=TIMEOUT_S) as kiosk:
        day = first
        while day <= last:
            end = min(last, day + dt.timedelta(days=61))
            listed = kiosk.get(f"/api/booking/services/{SERVICE}/slots", params={"start": str(day), "end": str(end)})
            listed.raise_for_status()
            ids += [s["id"] for s in listed.json()["slots"] if s["capacity"] == CAPACITY]
            day = end + dt.timedelta(days=1)
    if len(ids) < made.json()["created"]:
        raise RuntimeError(f"made {made.json()['created']} slots but the kiosk API lists {len(ids)}")
    return ids


OVERLAY = """from {base} import *  # noqa: F403 - the settings as shipped, then one change
DATABASES["default"]["CONN_MAX_AGE"] = {seconds}  # noqa: F405
"""
"""A settings module written to the scratch folder for ``--conn-max-age``: nothing in the
repository changes, and the product is otherwise exactly as shipped."""


def overlay(env: dict[str, str], scratch: Path, base: str, name: str, conn_max_age: int | None) -> dict[str, str]:
    """``env`` with DJANGO_SETTINGS_MODULE set to ``base``, or to an overlay of it with CONN_MAX_AGE."""
    if conn_max_age is None:
        return {**env, "DJANGO_SETTINGS_MODULE": base, "PYTHONPATH": str(ROOT)}
    folder = scratch / "settings"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.py").write_text(OVERLAY.format(base=base, seconds=conn_max_age))
    return {**env, "DJANGO_SETTINGS_MODULE": name, "PYTHONPATH": f"{folder}{os.pathsep}{ROOT}"}


@contextmanager
def servers(args: argparse.Namespace, db: Database,
            scratch: Path) -> Iterator[tuple[Server, Server, list[str], list[int]]]:
    """Both servers on the run's database, the kiosk keys and the benchmark's slot ids."""
    data_dir = scratch / "data"
    data_dir.mkdir()
    env = _env(data_dir, db)
    password = secrets.token_urlsafe(16)
    log(f"migrating a fresh {db.kind} database, adding a staff account and {args.devices} kiosk device(s)")
    keys = prepare_backend(env, args.devices, password)
    with ExitStack() as stack:
        port = free_port()
        log(f"starting madoguchi serve --workers {args.workers}")
        product_env = overlay(env, scratch, "backend.config.settings", "bench_product_settings", args.conn_max_age)
        product = start("booking", [str(MADOGUCHI), "serve", "--port", str(port), "--workers", str(args.workers)],
                        product_env, port, "/api/booking/appointments", "/api/health", scratch)
        stack.callback(stop, product)
        places = MAX_RATE * (args.seconds + args.warmup)
        slot_ids = make_slots(product, password, keys[0], places)
        log(f"{len(slot_ids)} slots × {CAPACITY} places made through POST /api/staff/schedules")
        db.create_bare_table()
        port = free_port()
        log(f"starting the bare Django project: uvicorn --workers {args.workers}")
        bare_env = overlay({**env, "BARE_DJANGO_DATA_DIR": str(data_dir)}, scratch, "benchmarks.bare_django.settings",
                           "bench_bare_settings", args.conn_max_age)
        bare = start("bare", [sys.executable, "-m", "uvicorn", "benchmarks.bare_django.asgi:application",
                              "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers),
                              "--lifespan", "off", "--no-access-log", "--log-level", "warning",
                              "--backlog", "128", "--timeout-graceful-shutdown", "3"],
                     bare_env, port, "/bare/insert", "/bare/insert", scratch)
        stack.callback(stop, bare)
        yield product, bare, keys, slot_ids
