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

This module runs the rounds; the set-up is in booking_scenario (on booking_database and
booking_servers), the load generator in booking_load and the figures in booking_report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from benchmarks import booking_report as report
from benchmarks.booking_database import BARE_TABLE, Database
from benchmarks.booking_load import Load, Phase
from benchmarks.booking_scenario import CAPACITY, servers
from benchmarks.booking_servers import MADOGUCHI, log, server_errors


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
    targets = {name: {**report.summarise(phases[name]), "server_errors": errors[name]} for name in ("bare", "booking")}
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
    report.write(result)
    failed = any(not k.startswith(("2", "409")) for t in result["targets"].values() for k in t["statuses"])
    code = 1 if failed or not result["check"]["agree"] else 0
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return code
    report.show(result, args)
    return code


if __name__ == "__main__":
    sys.exit(main())

