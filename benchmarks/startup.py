"""Provides the start-up benchmark: the embedded kiosk against a hello-world Textual app.

    python -m benchmarks.startup [--runs N] [--check]

Each sample is a fresh ``python -m benchmarks.startup_probe`` subprocess, timed on this process's
clock from just before it is spawned to the moment its ``mark first_screen`` / ``mark
backend_ready`` line arrives, so interpreter start-up and imports count. Rounds alternate
hello, kiosk cold (a new, empty data folder), hello, kiosk warm (that folder again, the SQLite
database already migrated and imported). Prints a table of medians, writes
benchmarks/results/startup.json, and with ``--check`` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "startup.json"
TARGET_RATIO = 1.6
"""Kiosk time to first screen, at most this many times hello-world's."""
TARGET_RSS_MIB = 120.0
"""Kiosk peak resident memory (backend included: it runs in the same process)."""
TIMEOUT_S = 60.0
VARIANTS = ("hello", "kiosk_cold", "kiosk_warm")


@dataclass(frozen=True)
class Sample:
    first_screen_s: float
    backend_ready_s: float | None
    exit_s: float
    peak_rss_mib: float
    child: dict[str, object]
    """The probe's own JSON line (its in-process timings, for cross-checking)."""


def probe(kind: str, data_dir: Path) -> Sample:
    """Run one probe in a fresh interpreter and time its milestones as they arrive."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MADOGUCHI_", "TEXTUAL")) and k != "DATABASE_URL"}
    env["MADOGUCHI_DATA_DIR"] = str(data_dir)
    marks: dict[str, float] = {}
    lines: list[str] = []
    with tempfile.TemporaryFile("w+") as stderr:
        t0 = time.monotonic()
        env["STARTUP_PROBE_T0"] = repr(t0)
        child = subprocess.Popen([sys.executable, "-m", "benchmarks.startup_probe", kind], cwd=ROOT, env=env,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr, text=True)
        watchdog = threading.Timer(TIMEOUT_S, child.kill)
        watchdog.start()
        try:
            assert child.stdout is not None
            for line in child.stdout:
                now = time.monotonic() - t0
                if line.startswith("mark "):
                    marks[line.split()[1]] = now
                elif line.strip():
                    lines.append(line)
            code = child.wait()
            exit_s = time.monotonic() - t0
        finally:
            watchdog.cancel()
        stderr.seek(0)
        if code != 0 or "first_screen" not in marks or not lines:
            raise RuntimeError(f"probe {kind} failed (exit {code}):\n{stderr.read()[-2000:]}")
    report = json.loads(lines[-1])
    ready = marks.get("backend_ready")
    return Sample(first_screen_s=round(marks["first_screen"], 4),
                  backend_ready_s=None if ready is None else round(ready, 4), exit_s=round(exit_s, 4),
                      peak_rss_mib=float(report["peak_rss_mib"]), child=report)


def median(samples: list[Sample], field: str) -> float | None:
    values = [getattr(s, field) for s in samples if getattr(s, field) is not None]
    return statistics.median(values) if values else None


def run(runs: int, warmup: int) -> dict[str, list[Sample]]:
    samples: dict[str, list[Sample]] = {variant: [] for variant in VARIANTS}
    with tempfile.TemporaryDirectory(prefix="madoguchi-bench-") as scratch:
        for index in range(warmup + runs):
            data_dir = Path(scratch) / f"data-{index}"  # fresh per round: "cold" has no database yet
            round_ = {"hello": probe("hello", data_dir), "kiosk_cold": probe("kiosk", data_dir)}
            round_["hello_2"] = probe("hello", data_dir)
            round_["kiosk_warm"] = probe("kiosk", data_dir)
            if index < warmup:
                continue
            samples["hello"] += [round_["hello"], round_["hello_2"]]
            samples["kiosk_cold"].append(round_["kiosk_cold"])
            samples["kiosk_warm"].append(round_["kiosk_warm"])
            print(f"  round {index - warmup + 1}/{runs}: hello {round_['hello'].first_screen_s:.3f}s, "
                  f"kiosk cold {round_['kiosk_cold'].first_screen_s:.3f}s, "
                  f"warm {round_['kiosk_warm'].first_screen_s:.3f}s", file=sys.stderr)
    return samples


def summarise(samples: dict[str, list[Sample]]) -> dict[str, object]:
    hello = median(samples["hello"], "first_screen_s")
    assert hello is not None
    variants: dict[str, object] = {}
    passed = True
    for variant, runs in samples.items():
        first = median(runs, "first_screen_s")
        assert first is not None
        summary: dict[str, object] = {
            "first_screen_s": round(first, 4),
            "backend_ready_s": None if (ready := median(runs, "backend_ready_s")) is None else round(ready, 4),
            "exit_s": round(median(runs, "exit_s") or 0.0, 4),
            "peak_rss_mib": round(median(runs, "peak_rss_mib") or 0.0, 1),
            "peak_rss_max_mib": max(s.peak_rss_mib for s in runs),
            "ratio_to_hello": round(first / hello, 3),
            "samples": [asdict(s) for s in runs],
        }
        if variant != "hello":
            summary["ratio_ok"] = first / hello <= TARGET_RATIO
            summary["rss_ok"] = summary["peak_rss_max_mib"] <= TARGET_RSS_MIB  # type: ignore[operator]
            passed = passed and bool(summary["ratio_ok"]) and bool(summary["rss_ok"])
        variants[variant] = summary
    return {"targets": {"ratio_to_hello": TARGET_RATIO, "peak_rss_mib": TARGET_RSS_MIB},
            "passed": passed, "variants": variants}


def table(result: dict[str, object]) -> str:
    variants = result["variants"]
    assert isinstance(variants, dict)
    rows = [f"{'':12} {'first screen':>12} {'× hello':>8} {'backend ready':>14} {'peak RSS':>10}  targets"]
    for name, v in variants.items():
        ready = "—" if v["backend_ready_s"] is None else f"{v['backend_ready_s']:.3f} s"
        verdict = "" if name == "hello" else (
            f"{'ok' if v['ratio_ok'] else 'MISSED'} ≤{TARGET_RATIO}×, "
            f"{'ok' if v['rss_ok'] else 'MISSED'} ≤{TARGET_RSS_MIB:.0f} MiB (max {v['peak_rss_max_mib']:.1f})")
        rows.append(f"{name:12} {v['first_screen_s']:>10.3f} s {v['ratio_to_hello']:>7.2f}× {ready:>14} "
                    f"{v['peak_rss_mib']:>6.1f} MiB  {verdict}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured rounds (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured rounds first (default 1)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    result = summarise(run(args.runs, args.warmup))
    result = {"runs": args.runs, "warmup": args.warmup, "python": sys.version.split()[0],
              "platform": platform.platform(), "cpus": os.cpu_count(), **result}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"medians of {args.runs} rounds (hello: {2 * args.runs} runs), wall clock from spawn, headless 100×32")
    print(table(result))
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 1 if args.check and not result["passed"] else 0


if __name__ == "__main__":
    sys.exit(main())
