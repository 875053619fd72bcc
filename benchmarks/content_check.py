"""Provides the content-check benchmark: `madoguchi content check` on the whole corpus.

    python -m benchmarks.content_check [--runs N]

Wall time of the real command in a fresh process (what an editor waits for), median of N runs,
against `madoguchi --help` started the same way (interpreter and command-line start-up), so the
ratio shows what the checking itself costs. Target: the whole corpus in ≤ 2 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MADOGUCHI = str(Path(sys.executable).with_name("madoguchi"))
TARGET_S = 2.0


def wall(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([MADOGUCHI, *args], capture_output=True, check=False)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args(argv)
    wall(["content", "check"])  # warm the page cache and .pyc files
    pairs = [(wall(["--help"]), wall(["content", "check"])) for _ in range(args.runs)]
    baseline = statistics.median(b for b, _ in pairs)
    check = statistics.median(c for _, c in pairs)
    texts = sum(1 for p in (ROOT / "content" / "flows").glob("*.toml"))
    print(f"{texts} flow file(s); median of {args.runs} runs, wall clock of a fresh process")
    print(f"  madoguchi --help         {baseline:6.3f} s   (baseline)")
    print(f"  madoguchi content check  {check:6.3f} s   {check / baseline:.1f}× baseline   "
          f"target ≤ {TARGET_S} s: {'ok' if check <= TARGET_S else 'MISSED'}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "content_check.json").write_text(json.dumps({"baseline_s": baseline, "check_s": check,
                                                        "ratio": check / baseline}, indent=2))
    return 1 if args.check and check > TARGET_S else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
