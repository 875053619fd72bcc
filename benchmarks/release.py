"""Benchmark GET /api/guidance/release (issue #15): the 304 re-check and the 200 download.

Against a bare Django view serving the same bytes from memory (benchmarks/bare_django, no
middleware, no authentication, no database), both served the same way: uvicorn, 2 workers,
loopback; wrk as the load generator. Rounds alternate bare, product, product, bare per path, so a
machine that gets busier weighs on both alike. Prints requests/s, the ratios (targets: 304 ≥ 0.8×
bare, 200 ≥ 0.5× bare) and the size of each municipality's release, raw and gzipped.

    .venv/bin/python -m benchmarks.release [--seconds 5] [--connections 50] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from backend.guidance.release_bytes import gzipped
from benchmarks.booking_servers import MADOGUCHI, ROOT, free_port, log, start, stop

TARGETS = {"304": 0.8, "200": 0.5}
SIZES = """
from backend.guidance.models import ContentRelease
for r in ContentRelease.objects.filter(is_current=True).select_related("municipality"):
    print(r.municipality.code, len(r.body), len(r.body_gzip))
"""


def wrk(url: str, headers: dict[str, str], seconds: int, connections: int) -> float:
    """Requests per second, from wrk's summary; non-2xx/3xx answers stop the run."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx or 3xx responses" in output:
        raise RuntimeError(f"errors from {url}:\n{output}")
    match = re.search(r"Requests/sec:\s+([0-9.]+)", output)
    if match is None:
        raise RuntimeError(output)
    return float(match.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is needed: apt-get install wrk", file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="madoguchi-bench-release-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MADOGUCHI_", "DJANGO_"))}
    env.update(MADOGUCHI_DATA_DIR=str(scratch / "data"), PYTHONPATH=os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    if "postgres" not in env.get("DATABASE_URL", ""):
        env.pop("DATABASE_URL", None)  # SQLite in the data folder
    log("registering a kiosk (migrates the database and imports the content)")
    added = subprocess.run([str(MADOGUCHI), "devices", "add", "--municipality", "demo", "--name", "bench"],
                           env=env, capture_output=True, text=True, check=True)
    key = added.stdout.strip().splitlines()[-1]
    servers = []
    try:
        port = free_port()
        product = start("product", [str(MADOGUCHI), "serve", "--port", str(port), "--workers", str(args.workers)],
                        env, port, "/api/guidance/release", "/api/health", scratch)
        servers.append(product)
        answer = httpx.get(f"{product.url}/api/guidance/release", headers={"X-Kiosk-Key": key,
                                                                            "Accept-Encoding": "identity"})
        folder = scratch / "release"
        folder.mkdir()
        (folder / "body").write_bytes(answer.content)
        # The product's own gzip (backend/guidance/release_bytes.py), so both send the same bytes.
        (folder / "body.gz").write_bytes(gzipped(answer.content))
        (folder / "etag").write_text(answer.headers["ETag"])
        port = free_port()
        bare = start("bare", [sys.executable, "-m", "uvicorn", "benchmarks.bare_django.asgi:application",
                              "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers),
                              "--lifespan", "off", "--no-access-log", "--log-level", "warning"],
                     {**env, "BARE_RELEASE_DIR": str(folder), "BARE_DJANGO_DATA_DIR": str(scratch)},
                     port, "/bare/release", "/bare/release", scratch)
        servers.append(bare)
        etag = answer.headers["ETag"]
        paths = {"304": {"If-None-Match": etag, "Accept-Encoding": "gzip"}, "200": {"Accept-Encoding": "gzip"}}
        results: dict[str, dict[str, list[float]]] = {}
        for name, headers in paths.items():
            log(f"{name}: warming up, then bare, product, product, bare ({args.seconds} s each)")
            wrk(f"{product.url}/api/guidance/release", {**headers, "X-Kiosk-Key": key}, 1, args.connections)
            wrk(f"{bare.url}/bare/release", headers, 1, args.connections)
            rounds: dict[str, list[float]] = {"bare": [], "product": []}
            for target in ("bare", "product", "product", "bare"):
                url = f"{bare.url}/bare/release" if target == "bare" else f"{product.url}/api/guidance/release"
                sent = headers if target == "bare" else {**headers, "X-Kiosk-Key": key}
                rounds[target].append(wrk(url, sent, args.seconds, args.connections))
            results[name] = rounds
        sizes = subprocess.run([sys.executable, "-m", "backend", "shell", "-c", SIZES], env=env, cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.split("\n")
    finally:
        for server in servers:
            stop(server)
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"GET /api/guidance/release, {args.workers} workers, {args.connections} connections, wrk, loopback")
    print(f"{'path':<6}{'bare req/s':>12}{'product req/s':>15}{'ratio':>8}{'target':>8}")
    missed = False
    for name, rounds in results.items():
        bare_rate, product_rate = statistics.median(rounds["bare"]), statistics.median(rounds["product"])
        ratio = product_rate / bare_rate
        missed |= ratio < TARGETS[name]
        print(f"{name:<6}{bare_rate:>12.0f}{product_rate:>15.0f}{ratio:>7.2f}×{TARGETS[name]:>7.1f}×")
    print("release sizes (bytes): municipality, raw, gzip")
    for line in sizes:
        if not re.fullmatch(r"\S+ \d+ \d+", line.strip()):
            continue  # anything else the shell printed
        code, raw, packed = line.split()
        print(f"  {code:<12}{int(raw):>10,}{int(packed):>10,}  ({int(packed) / int(raw):.0%})")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
