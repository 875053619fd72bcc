"""Provides the booking benchmark's figures: the summary of the measured stretches, the JSON file and
the table with its warnings and ratios."""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from typing import Any

from benchmarks.booking_load import Phase
from benchmarks.booking_scenario import CAPACITY
from benchmarks.booking_servers import ROOT

RESULTS = ROOT / "benchmarks" / "results" / "booking.json"


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


def write(result: dict[str, Any]) -> None:
    """Keep the whole document in benchmarks/results/booking.json (git-ignored)."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def show(result: dict[str, Any], args: argparse.Namespace) -> None:
    """Print the run's conditions, the table, what went wrong if anything did, and the ratios."""
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
