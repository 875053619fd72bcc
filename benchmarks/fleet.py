"""Provides the fleet load test: many kiosks re-checking their release every minute, plus bookings.

    scripts/pg-throwaway .venv/bin/python -m benchmarks.fleet [--kiosks 300] [--bookings 20] [--seconds 60]

One real ``madoguchi serve --workers W`` on a fresh database of its own (PostgreSQL: created on the
DATABASE_URL cluster, dropped at the end), with KIOSKS kiosk devices made by the product's own
service and booking slots made through the staff API. One kiosk downloads the release and each
re-checks once (unmeasured: kiosks already hold their release), then every 60 s with If-None-Match, the
kiosks' minutes spread evenly; bookings arrive at random (Poisson, BOOKINGS per second) from
random kiosks. Open loop: every request is sent at its scheduled time on a new connection (a
kiosk's keep-alive connection has timed out in a minute), and its latency is counted from that
time, so a server that falls behind shows it (no coordinated omission). Prints, per kind of
request, how many were sent and answered, their statuses and p50 / p95 / p99 / max latency, and
the share of the machine that was busy. Exits 1 on any answer other than 304 / 201 / 409.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from benchmarks.booking_database import Database
from benchmarks.booking_load import NAME_KANA, Connection
from benchmarks.booking_scenario import CAPACITY, _env, make_slots, prepare_backend
from benchmarks.booking_servers import MADOGUCHI, TIMEOUT_S, free_port, log, machine_busy, start, stop

POLL_SECONDS = 60.0
"""How often a kiosk re-checks its release (kiosk.release_keeper)."""


@dataclass
class Kind:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)

    def row(self, name: str) -> str:
        ordered = sorted(self.latencies)

        def at(share: float) -> str:
            if not ordered:
                return "-"
            return f"{ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000:.0f}"

        sent = sum(self.statuses.values())
        statuses = ", ".join(f"{status}×{count}" for status, count in sorted(self.statuses.items()))
        median = f"{statistics.median(ordered) * 1000:.0f}" if ordered else "-"
        return f"{name:<10}{sent:>7}{median:>8}{at(0.95):>8}{at(0.99):>8}{at(1.0):>8}   {statuses}"


class Fleet:
    def __init__(self, url: str, keys: list[str], etag: str, slot_ids: list[int]) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.keys, self.etag, self.slot_ids = keys, etag, slot_ids
        self.kinds = {"re-check": Kind(), "booking": Kind()}
        self.run_id = secrets.token_hex(3)
        self.bookings = 0

    def _recheck(self, key: str) -> bytes:
        return (f"GET /api/guidance/release HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nX-Kiosk-Key: {key}\r\n"
                f"If-None-Match: {self.etag}\r\nAccept-Encoding: gzip\r\n\r\n").encode()

    def _booking(self, key: str) -> bytes:
        n = self.bookings
        self.bookings += 1
        body = json.dumps({"slot_id": self.slot_ids[n % len(self.slot_ids)], "name_kana": NAME_KANA,
                           "phone": f"090{n % 10**8:08d}"}, ensure_ascii=False).encode()
        return (f"POST /api/booking/appointments HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nX-Kiosk-Key: {key}\r\n"
                f"Idempotency-Key: fleet-{self.run_id}-{n}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode() + body

    async def _fire(self, at: float, kind: str, data: bytes) -> None:
        await asyncio.sleep(max(0.0, at - time.perf_counter()))
        connection = Connection(self.host, self.port)
        try:
            status = str(await asyncio.wait_for(connection.request(data), TIMEOUT_S))
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
            status = type(error).__name__
        finally:
            connection.close()
        record = self.kinds[kind]
        record.statuses[status] += 1
        if status in ("304", "201", "409"):
            record.latencies.append(time.perf_counter() - at)

    async def run(self, seconds: float, bookings_per_second: float, seed: int) -> None:
        rng = random.Random(seed)
        begin = time.perf_counter() + 0.5
        tasks = []
        for index, key in enumerate(self.keys):
            at = begin + POLL_SECONDS * index / len(self.keys)
            while at < begin + seconds:
                tasks.append(self._fire(at, "re-check", self._recheck(key)))
                at += POLL_SECONDS
        at = begin
        while bookings_per_second > 0:
            at += rng.expovariate(bookings_per_second)
            if at >= begin + seconds:
                break
            tasks.append(self._fire(at, "booking", self._booking(rng.choice(self.keys))))
        await asyncio.gather(*tasks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fleet", description=__doc__.splitlines()[0])
    parser.add_argument("--kiosks", type=int, default=300, help="kiosk devices re-checking every 60 s (default 300)")
    parser.add_argument("--bookings", type=float, default=20.0, help="bookings per second (default 20)")
    parser.add_argument("--seconds", type=float, default=60.0, help="measured seconds (default 60)")
    parser.add_argument("--workers", type=int, default=4, help="server processes (default 4)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--allow-sqlite", action="store_true", help="run on SQLite (a quick look only)")
    args = parser.parse_args(argv)
    cluster = os.environ.get("DATABASE_URL", "")
    on_postgresql = urlsplit(cluster).scheme in ("postgres", "postgresql")
    if not on_postgresql and not args.allow_sqlite:
        print("benchmarks.fleet: run it as  scripts/pg-throwaway .venv/bin/python -m benchmarks.fleet"
              "  (or add --allow-sqlite for a quick look)", file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="madoguchi-bench-fleet-"))
    db = Database(cluster if on_postgresql else None, scratch / "data")
    db.create()
    server = None
    try:
        (scratch / "data").mkdir()
        env = _env(scratch / "data", db)
        password = secrets.token_urlsafe(16)
        log(f"migrating a fresh {db.kind} database, adding a staff account and {args.kiosks} kiosk devices")
        keys = prepare_backend(env, args.kiosks, password)
        port = free_port()
        log(f"starting madoguchi serve --workers {args.workers}")
        server = start("fleet", [str(MADOGUCHI), "serve", "--port", str(port), "--workers", str(args.workers)],
                       env, port, "/api/guidance/release", "/api/health", scratch)
        places = int(args.bookings * args.seconds * 1.2) + CAPACITY
        slot_ids = make_slots(server, password, keys[0], places)
        log(f"{len(slot_ids)} slots made; one kiosk downloads the release, each re-checks once (unmeasured)")
        with httpx.Client(base_url=server.url, timeout=TIMEOUT_S) as client:
            first = client.get("/api/guidance/release", headers={"X-Kiosk-Key": keys[0]})
            first.raise_for_status()
            etag = first.headers["ETag"]
            for key in keys[1:]:  # the others hold that release already (the same municipality's)
                client.get("/api/guidance/release", headers={"X-Kiosk-Key": key, "If-None-Match": etag})
        log(f"measuring {args.seconds:.0f} s: {args.kiosks} kiosks re-checking every {POLL_SECONDS:.0f} s "
            f"({args.kiosks / POLL_SECONDS:.1f}/s) and {args.bookings:g} bookings/s")
        fleet = Fleet(server.url, keys, etag, slot_ids)
        busy_before = machine_busy()
        asyncio.run(fleet.run(args.seconds, args.bookings, args.seed))
        busy_after = machine_busy()
    finally:
        if server is not None:
            stop(server)
        db.drop()
    busy = (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1])
    print(f"{args.kiosks} kiosks every {POLL_SECONDS:.0f} s + {args.bookings:g} bookings/s, {args.seconds:.0f} s, "
          f"madoguchi serve --workers {args.workers} on {db.kind}, loopback; machine busy {busy:.0%}")
    print(f"{'request':<10}{'sent':>7}{'p50 ms':>8}{'p95':>8}{'p99':>8}{'max':>8}   statuses")
    failed = False
    for name, kind in fleet.kinds.items():
        print(kind.row(name))
        failed |= any(status not in ("304", "201", "409") for status in kind.statuses)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
