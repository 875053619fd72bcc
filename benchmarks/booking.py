"""Provides the booking throughput benchmark: bookings per second and p99 latency on PostgreSQL.

    scripts/pg-throwaway .venv/bin/python -m benchmarks.booking [--clients 50] [--seconds 10] [--workers 4]

Starts a real ``madoguchi serve --workers W`` on a fresh database of its own (created on the
DATABASE_URL cluster, dropped at the end) and a fresh data folder, and next to it a bare Django
project (benchmarks/bare_django: one view, one raw INSERT) served the same way (uvicorn, W worker
processes, the same database and database settings). The same load generator (asyncio streams,
CLIENTS concurrent keep-alive connections over loopback, each sending one request after another)
drives both in alternating rounds (bare, booking, booking, bare, ...). Prints a table and the
ratios, writes benchmarks/results/booking.json, and with ``--json`` prints that document instead.
Exits 1 when a server answered with errors (anything but 2xx and 409) or rows and answers disagree.

The product runs as shipped unless ``--conn-max-age`` overrides Django's CONN_MAX_AGE in both
servers (through a settings module written to the scratch folder; nothing in the repository
changes). ``--allow-sqlite`` runs on SQLite when DATABASE_URL is not PostgreSQL, for a quick look.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import os
import platform
import re
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "booking.json"
MADOGUCHI = Path(sys.executable).with_name("madoguchi")
"""The installed entry point, as operators run it."""

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
BARE_TABLE = "benchmark_bare_insert"
NAME_KANA = "ベンチ タロウ"
TIMEOUT_S = 60.0


def log(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------------
# The database: a fresh one on the cluster (PostgreSQL), or the SQLite file of the data folder.


class Database:
    """The run's own database, shared by the product server and the bare server.

    On PostgreSQL the benchmark keeps one connection of its own open for the whole run, so it can
    still count connections and rows when the servers have used up the cluster's connections.
    """

    def __init__(self, cluster_url: str | None, data_dir: Path) -> None:
        self.cluster_url = cluster_url
        self.sqlite_path = data_dir / "madoguchi.sqlite3"  # where the product puts it without DATABASE_URL
        self.name = f"madoguchi_bench_{secrets.token_hex(6)}"  # on PostgreSQL only
        self.url = urlsplit(cluster_url)._replace(path=f"/{self.name}").geturl() if cluster_url else None
        self._connection: Any = None
        self._lock = threading.Lock()

    @property
    def kind(self) -> str:
        return "postgresql" if self.url else "sqlite"

    def create(self) -> None:
        if self.cluster_url and self.url:
            import psycopg
            from psycopg import sql

            with psycopg.connect(self.cluster_url, autocommit=True) as connection:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))
            self._connection = psycopg.connect(self.url, autocommit=True)

    def drop(self) -> None:
        if self.cluster_url:
            import psycopg
            from psycopg import sql

            if self._connection is not None:
                self._connection.close()
            with psycopg.connect(self.cluster_url, autocommit=True) as connection:
                connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name)))

    def execute(self, query: str) -> list[tuple[Any, ...]]:
        if self.url:
            with self._lock:
                cursor = self._connection.execute(query)
                return list(cursor.fetchall()) if cursor.description else []
        with sqlite3.connect(self.sqlite_path) as connection:
            return connection.execute(query).fetchall()

    def create_bare_table(self) -> None:
        key = "bigserial PRIMARY KEY" if self.url else "integer PRIMARY KEY AUTOINCREMENT"
        stamp = "timestamptz" if self.url else "text"
        self.execute(f"CREATE TABLE {BARE_TABLE} (id {key}, key varchar(100) NOT NULL, name_kana varchar(40) NOT NULL,"
                     f" phone varchar(16) NOT NULL, created_at {stamp} NOT NULL DEFAULT CURRENT_TIMESTAMP)")

    def sessions(self) -> int | None:
        """Sessions ever opened on this database (pg_stat_database.sessions, PostgreSQL 14+)."""
        if not self.url:
            return None
        try:
            rows = self.execute(f"SELECT pg_stat_clear_snapshot(), sessions FROM pg_stat_database "
                                f"WHERE datname = '{self.name}'")
        except Exception:  # noqa: BLE001 - an older server: the figure is optional
            return None
        return int(rows[0][1]) if rows else None

    def open_connections(self) -> int | None:
        """Connections open on this database now (the benchmark's own one not counted)."""
        if not self.url:
            return None
        return int(self.execute(f"SELECT count(*) - 1 FROM pg_stat_activity WHERE datname = '{self.name}'")[0][0])

    def max_connections(self) -> int | None:
        return int(self.execute("SHOW max_connections")[0][0]) if self.url else None

    def server_version(self) -> str:
        if not self.url:
            return "SQLite " + sqlite3.sqlite_version
        return "PostgreSQL " + str(self.execute("SHOW server_version")[0][0]).split()[0]


# --------------------------------------------------------------------------------------------------
# The two servers.


@dataclass
class Server:
    name: str
    url: str
    path: str
    process: subprocess.Popen[bytes]
    stderr: Any


def _env(data_dir: Path, db: Database, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MADOGUCHI_", "DJANGO_", "BARE_DJANGO_"))}
    env.pop("DATABASE_URL", None)
    if db.url:
        env["DATABASE_URL"] = db.url
    env.update({"MADOGUCHI_DATA_DIR": str(data_dir), "LANG": "C.UTF-8", **extra})
    return env


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(name: str, command: list[str], env: dict[str, str], port: int, path: str, ready: str,
          scratch: Path) -> Server:
    """Spawn a server and wait until ``ready`` (a GET path) answers."""
    stderr = open(scratch / f"{name}.stderr", "w+b")
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=stderr)
    server = Server(name=name, url=f"http://127.0.0.1:{port}", path=path, process=process, stderr=stderr)
    deadline = time.monotonic() + TIMEOUT_S
    while True:
        try:
            if httpx.get(server.url + ready, timeout=1).status_code < 500:
                return server
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop(server)
            stderr.seek(0)
            raise RuntimeError(f"{name} server did not start:\n{stderr.read().decode(errors='replace')[-3000:]}")
        time.sleep(0.1)


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
    server.stderr.close()


def descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                queue += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and all its descendants (live ones), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for each in descendants(pid):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def machine_busy() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


# --------------------------------------------------------------------------------------------------
# Set-up through the product's own commands and API.


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


# --------------------------------------------------------------------------------------------------
# The load generator.


class Connection:
    """One keep-alive HTTP/1.1 connection, written by hand over asyncio streams.

    httpx.AsyncClient with 50 connections spent about 6.5 ms of CPU per request on this machine
    (40 times this), so much of a 2-core machine that it capped the bare server's figure. This reads
    exactly what uvicorn sends: a status line, headers, then a Content-Length or chunked body.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, data: bytes) -> int:
        """Send one whole request; return the answer's status code (its body is read and dropped)."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        reader = self.reader
        assert reader is not None
        try:
            self.writer.write(data)
            head = (await reader.readuntil(b"\r\n\r\n")).lower()
            status = int(head[9:12])
            at = head.find(b"\r\ncontent-length:")
            if at >= 0:
                await reader.readexactly(int(head[at + 17:head.index(b"\r\n", at + 2)]))
            elif b"\r\ntransfer-encoding: chunked" in head:
                while True:
                    size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                    await reader.readexactly(size + 2)
                    if size == 0:
                        break
            if b"\r\nconnection: close" in head:
                self.close()
            return status
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


@dataclass
class Phase:
    """One measured stretch against one server."""

    seconds: float = 0.0
    latencies_ok: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    client_cpu_s: float = 0.0
    server_cpu_s: float = 0.0
    machine_busy: float = 0.0
    """Share of all cores busy (every process on the machine), 0–1."""
    sessions: int | None = None
    peak_connections: int | None = None


class Load:
    """CLIENTS coroutines, each with its own keep-alive connection and kiosk key, sending one request
    after another; requests spread over the slots round-robin, so two in flight rarely share one."""

    def __init__(self, server: Server, keys: list[str], slot_ids: list[int], clients: int) -> None:
        self.server, self.keys, self.slot_ids, self.clients = server, keys, slot_ids, clients
        self.counter = 0
        self.ok_total = 0
        """2xx answers, warm-up included: the rows the server must have written."""
        self.run_id = secrets.token_hex(3)
        address = urlsplit(server.url)
        self.host, self.port = address.hostname or "127.0.0.1", address.port or 80

    def _request(self, client: int) -> bytes:
        """The next request, whole: a new Idempotency-Key, the next slot, a valid kana name and phone."""
        n = self.counter
        self.counter += 1
        slot_id = self.slot_ids[n % len(self.slot_ids)] if self.slot_ids else 1
        body = json.dumps({"slot_id": slot_id, "name_kana": NAME_KANA, "phone": f"090{n % 10**8:08d}"},
                          ensure_ascii=False).encode()
        head = (f"POST {self.server.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                f"X-Kiosk-Key: {self.keys[client % len(self.keys)]}\r\n"
                f"Idempotency-Key: bench-{self.run_id}-{self.server.name}-{n}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
        return head.encode() + body

    async def _run(self, seconds: float, phase: Phase | None) -> None:
        begin = asyncio.Event()

        async def one_client(index: int) -> None:
            connection = Connection(self.host, self.port)
            await begin.wait()
            try:
                while time.perf_counter() < deadline:
                    data = self._request(index)
                    sent = time.perf_counter()
                    try:
                        status = str(await asyncio.wait_for(connection.request(data), TIMEOUT_S))
                    except (TimeoutError, OSError, asyncio.IncompleteReadError,
                            asyncio.LimitOverrunError, ValueError) as error:
                        status = type(error).__name__
                    took = time.perf_counter() - sent
                    if status.startswith("2"):
                        self.ok_total += 1
                    if phase is not None:
                        if status.startswith("2"):
                            phase.latencies_ok.append(took)
                        phase.statuses[status] += 1
            finally:
                connection.close()

        tasks = [asyncio.create_task(one_client(i)) for i in range(self.clients)]
        await asyncio.sleep(0)
        t0 = time.perf_counter()
        deadline = t0 + seconds
        begin.set()
        await asyncio.gather(*tasks)
        if phase is not None:
            phase.seconds = time.perf_counter() - t0

    def run(self, seconds: float, *, measure: bool, db: Database) -> Phase | None:
        if not measure:
            asyncio.run(self._run(seconds, None))
            return None
        phase = Phase()
        sessions = db.sessions()
        watching = threading.Event()
        peaks: list[int] = []

        def watch() -> None:  # open connections on the database, twice a second
            while not watching.wait(0.5):
                count = db.open_connections()
                if count is not None:
                    peaks.append(count)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        busy0, total0 = machine_busy()
        client0, server0 = time.process_time(), cpu_seconds(self.server.process.pid)
        asyncio.run(self._run(seconds, phase))
        phase.client_cpu_s = time.process_time() - client0
        phase.server_cpu_s = cpu_seconds(self.server.process.pid) - server0
        busy1, total1 = machine_busy()
        phase.machine_busy = (busy1 - busy0) / max(1, total1 - total0)
        watching.set()
        watcher.join()
        phase.peak_connections = max(peaks) if peaks else None
        if sessions is not None:
            time.sleep(0.6)  # PostgreSQL flushes its session counters at most every half second or so
            after = db.sessions()
            phase.sessions = None if after is None else after - sessions
        return phase


# --------------------------------------------------------------------------------------------------
# Figures.


def percentile(ordered: list[float], p: float) -> float | None:
    """Nearest-rank percentile of an ascending list."""
    if not ordered:
        return None
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def summarise(phases: list[Phase]) -> dict[str, Any]:
    seconds = sum(p.seconds for p in phases)
    latencies = sorted(x for p in phases for x in p.latencies_ok)
    statuses: Counter[str] = Counter()
    for p in phases:
        statuses.update(p.statuses)
    ok = len(latencies)
    requests = sum(statuses.values())
    sessions = [p.sessions for p in phases]

    def ms(value: float | None) -> float | None:
        return None if value is None else round(value * 1000, 2)

    return {
        "seconds": round(seconds, 3), "requests": requests, "ok": ok,
        "ok_per_s": round(ok / seconds, 1) if seconds else 0.0,
        "statuses": dict(sorted(statuses.items())),
        "latency_ms": {"p50": ms(percentile(latencies, 50)), "p95": ms(percentile(latencies, 95)),
                       "p99": ms(percentile(latencies, 99)), "max": ms(latencies[-1] if latencies else None)},
        "server_cpu_ms_per_ok": round(sum(p.server_cpu_s for p in phases) * 1000 / ok, 2) if ok else None,
        "client_cpu_ms_per_request": (round(sum(p.client_cpu_s for p in phases) * 1000 / requests, 2)
                                      if requests else None),
        "client_cpu_share": round(sum(p.client_cpu_s for p in phases) / seconds, 3) if seconds else None,
        "machine_busy": round(sum(p.machine_busy * p.seconds for p in phases) / seconds, 3) if seconds else None,
        "db_sessions_per_request": (round(sum(sessions) / requests, 3)  # type: ignore[arg-type]
                                    if requests and None not in sessions else None),
        "db_connections_peak": max((p.peak_connections for p in phases if p.peak_connections is not None),
                                   default=None),
        "rounds": [{"seconds": round(p.seconds, 3), "ok": len(p.latencies_ok),
                    "ok_per_s": round(len(p.latencies_ok) / p.seconds, 1) if p.seconds else 0.0} for p in phases],
    }


def table(result: dict[str, Any]) -> str:
    def f(value: float | None, unit: str = "") -> str:
        return "—" if value is None else f"{value:.1f}{unit}"

    rows = [f"{'':8} {'ok/s':>8} {'ok':>7} {'other answers':>16} {'p50':>9} {'p95':>9} {'p99':>9} {'max':>9}"
            f" {'srv CPU/ok':>11} {'cli CPU':>8} {'DB conn/req':>11} {'open conns':>10}"]
    for name in ("bare", "booking"):
        t = result["targets"][name]
        others = ", ".join(f"{k}×{v}" for k, v in t["statuses"].items() if not k.startswith("2")) or "none"
        lat = t["latency_ms"]
        conn = "—" if t["db_sessions_per_request"] is None else f"{t['db_sessions_per_request']:.2f}"
        peak = "—" if t["db_connections_peak"] is None else f"≤{t['db_connections_peak']}"
        rows.append(f"{name:8} {t['ok_per_s']:>8.1f} {t['ok']:>7} {others:>16} {f(lat['p50'], ' ms'):>9}"
                    f" {f(lat['p95'], ' ms'):>9} {f(lat['p99'], ' ms'):>9} {f(lat['max'], ' ms'):>9}"
                    f" {f(t['server_cpu_ms_per_ok'], ' ms'):>11} {t['client_cpu_share'] * 100:>7.0f}%"
                    f" {conn:>11} {peak:>10}")
    return "\n".join(rows)


# --------------------------------------------------------------------------------------------------


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


EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Warning)\b.*")


def server_errors(server: Server) -> dict[str, int]:
    """The exceptions a server logged (their last traceback line), with how often each came."""
    server.stderr.flush()
    server.stderr.seek(0)
    lines = server.stderr.read().decode(errors="replace").splitlines()
    found = Counter(line.strip()[:300] for line in lines if EXCEPTION_LINE.match(line.strip()))
    return dict(found.most_common(5))


def run(args: argparse.Namespace, cluster_url: str | None) -> dict[str, Any]:
    load_before = os.getloadavg()
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="madoguchi-bench-booking-")))
        db = Database(cluster_url, scratch / "data")
        db.create()
        stack.callback(db.drop)
        version = db.server_version()
        product, bare, keys, slot_ids = stack.enter_context(servers(args, db, scratch))
        loads = {"booking": Load(product, keys, slot_ids, args.clients), "bare": Load(bare, keys, [], args.clients)}
        for name in ("bare", "booking"):
            log(f"warming up {name} for {args.warmup:g} s")
            loads[name].run(args.warmup, measure=False, db=db)
        order = [("bare", "booking") if r % 2 == 0 else ("booking", "bare") for r in range(args.rounds)]
        phases: dict[str, list[Phase]] = {"bare": [], "booking": []}
        share = args.seconds / args.rounds
        for index, pair in enumerate(order):
            for name in pair:
                phase = loads[name].run(share, measure=True, db=db)
                assert phase is not None
                phases[name].append(phase)
                log(f"round {index + 1}/{args.rounds} {name}: {len(phase.latencies_ok) / phase.seconds:.1f} ok/s")
        errors = {server.name: server_errors(server) for server in (bare, product)}
        max_connections = db.max_connections()
        booked = db.execute("SELECT count(*) FROM booking_appointment")[0][0]
        inserted = db.execute(f"SELECT count(*) FROM {BARE_TABLE}")[0][0]
    load_after = os.getloadavg()
    targets = {name: {**summarise(phases[name]), "server_errors": errors[name]} for name in ("bare", "booking")}
    b, o = targets["booking"], targets["bare"]
    p99_b, p99_o = b["latency_ms"]["p99"], o["latency_ms"]["p99"]
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "database": version, "clients": args.clients, "workers": args.workers, "seconds": args.seconds,
        "rounds": args.rounds, "warmup": args.warmup, "devices": args.devices,
        "conn_max_age": "as shipped" if args.conn_max_age is None else args.conn_max_age,
        "max_connections": max_connections,
        "slots": len(slot_ids), "capacity": CAPACITY,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": sys.version.split()[0],
                    "loadavg_before": [round(x, 2) for x in load_before],
                    "loadavg_after": [round(x, 2) for x in load_after]},
        "targets": targets,
        "check": {"appointments_in_database": booked, "booking_2xx_answers": loads["booking"].ok_total,
                  "bare_rows_in_database": inserted, "bare_2xx_answers": loads["bare"].ok_total,
                  "agree": booked == loads["booking"].ok_total and inserted == loads["bare"].ok_total},
        "ratio": {"throughput": round(b["ok_per_s"] / o["ok_per_s"], 3) if o["ok_per_s"] else None,
                  "p99": round(p99_b / p99_o, 3) if p99_b and p99_o else None},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.booking", description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (connections; default 50)")
    parser.add_argument("--seconds", type=float, default=10.0,
                        help="measured seconds per target, split over the rounds (default 10)")
    parser.add_argument("--workers", type=int, default=4, help="server processes, for both servers (default 4)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="alternating rounds (bare, booking, booking, bare, ...; default 2)")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds per target first (default 2)")
    parser.add_argument("--devices", type=int, default=None,
                        help="kiosk devices (keys) the clients share round-robin (default: one per client)")
    parser.add_argument("--conn-max-age", type=int, default=None, metavar="SECONDS",
                        help="override Django's CONN_MAX_AGE in both servers (the product ships 60 on PostgreSQL; "
                             "0 closes each request's connection at its end). Default: as shipped")
    parser.add_argument("--json", action="store_true", help="print the JSON document instead of the table")
    parser.add_argument("--allow-sqlite", action="store_true",
                        help="run on SQLite in the data folder when DATABASE_URL is not PostgreSQL (a quick look only)")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.workers < 1 or args.rounds < 1 or args.seconds <= 0 or args.warmup < 0:
        parser.error("--clients, --workers and --rounds must be at least 1, --seconds more than 0")
    args.devices = args.devices or args.clients
    if not MADOGUCHI.is_file():
        parser.error(f"{MADOGUCHI} is missing: install the project in this environment (pip install -e '.[test]')")
    url = os.environ.get("DATABASE_URL", "")
    on_postgresql = urlsplit(url).scheme in ("postgres", "postgresql")
    if not on_postgresql and not args.allow_sqlite:
        print("benchmarks.booking: DATABASE_URL does not name a PostgreSQL cluster; the figures are meant for "
              "PostgreSQL. Run it as\n  scripts/pg-throwaway .venv/bin/python -m benchmarks.booking\n"
              "(or point DATABASE_URL at a cluster where you may CREATE DATABASE), or add --allow-sqlite for a "
              "quick look on SQLite.", file=sys.stderr)
        return 2
    result = run(args, url if on_postgresql else None)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    failed = any(not k.startswith(("2", "409")) for t in result["targets"].values() for k in t["statuses"])
    code = 1 if failed or not result["check"]["agree"] else 0
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return code
    m = result["machine"]
    print(f"{result['database']}, {args.clients} clients, {args.workers} workers per server, "
          f"{args.seconds:g} s per target in {args.rounds} alternating rounds, {m['cpus']} CPUs, "
          f"load {m['loadavg_before'][0]:.2f} before / {m['loadavg_after'][0]:.2f} after")
    print("bare = one raw INSERT in a bare Django view; booking = POST /api/booking/appointments "
          f"(slot_id; {result['slots']} slots × {CAPACITY} places); latencies of 2xx answers")
    print(table(result))
    busy = result["targets"]["booking"]["machine_busy"]
    print(f"machine CPU busy during booking rounds: {busy * 100:.0f}% (everything on the machine, load generator "
          f"included); written to {RESULTS.relative_to(ROOT)}")
    for name, t in result["targets"].items():
        errors = sum(v for k, v in t["statuses"].items() if not k.startswith(("2", "409")))
        if errors:
            print(f"WARNING: {errors} of {name}'s {t['requests']} answers were errors, so its figures are not the "
                  f"speed of a working server. Its server logged:")
            for line, count in t["server_errors"].items():
                print(f"  {count}× {line}")
        if any("too many clients" in line for line in t["server_errors"]):
            print(f"  PostgreSQL ran out of connections (max_connections={result['max_connections']}); peak open on "
                  f"this database while measuring: {t['db_connections_peak']}, new connections per request: "
                  f"{t['db_sessions_per_request']}. Try --conn-max-age 0 to see the figures without that.")
    check = result["check"]
    if not check["agree"]:
        print(f"WARNING: rows and answers disagree: {check}")
    r = result["ratio"]
    conn = "as shipped" if args.conn_max_age is None else f"{args.conn_max_age} (overridden in both servers)"
    print(f"ratio booking/bare (CONN_MAX_AGE {conn}): throughput "
          f"{'—' if r['throughput'] is None else format(r['throughput'], '.3f')}×, p99 latency "
          f"{'—' if r['p99'] is None else format(r['p99'], '.2f')}×")
    return code


if __name__ == "__main__":
    sys.exit(main())
