"""Provides the key-press benchmark: key press → next screen painted, at the real kiosk.

    python -m benchmarks.keypress [--rounds N]

Headless, in one process: the embedded kiosk (madoguchi.embedded.build, its own backend on
loopback) is driven through the lost-card flow N times (home → topic → each step → finish), and
every key that changes the screen is timed from the press to the moment the new screen has been
laid out and painted (its ``call_after_refresh``). Baseline in the same run: a minimal Textual app
that pushes a one-line screen on each key, timed the same way. Target: p95 ≤ 50 ms.

The first round warms caches and is not in the figures; it is reported on its own line, because it
is also the first session after the kiosk starts, when each step screen is still composed (later
sessions reuse the step screens, see KioskApp._show_step).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (100, 34)
FLOW_KEYS = ("space", "1", "1", "enter", "1", "enter", "enter", "full_stop")
"""Welcome → home → topic → suspend_card → where_lost → police_report → reissue → outcome → welcome."""


async def _timed_press(pilot, key: str) -> float:  # type: ignore[no-untyped-def]
    """Post the key as the terminal driver would (Pilot.press adds waits of its own), then poll
    every half millisecond until another screen is on top and has been painted."""
    app = pilot.app
    before = app.screen
    painted: list[float] = []
    started = time.perf_counter()
    app.simulate_key(key)
    for _ in range(20000):
        if app.screen is not before:
            break
        await asyncio.sleep(0.0005)
    app.screen.call_after_refresh(lambda: painted.append(time.perf_counter()))
    while not painted:
        await asyncio.sleep(0.0005)
    elapsed = painted[0] - started
    await pilot.pause(0.05)  # let the screen settle before the next key, as a resident would
    return elapsed


def kiosk_latencies(rounds: int) -> list[float]:
    os.environ["MADOGUCHI_DATA_DIR"] = tempfile.mkdtemp(prefix="madoguchi-bench-")
    from madoguchi import embedded

    kiosk = embedded.build("demo")
    app = kiosk.app
    app.settings = type(app.settings)(**{**app.settings.__dict__, "speech": False})
    samples: list[float] = []

    async def drive(pilot) -> None:  # type: ignore[no-untyped-def]
        await app.backend.ready.wait()
        for round_number in range(rounds + 1):
            for index, key in enumerate(FLOW_KEYS):
                elapsed = await _timed_press(pilot, key)
                if round_number:  # the first round warms caches
                    samples.append(elapsed)
                    BY_STEP.setdefault(f"{index}:{key}", []).append(elapsed)
                else:
                    FIRST_SESSION[f"{index}:{key}"] = elapsed
        app.exit()

    kiosk.run(headless=True, size=SIZE, auto_pilot=drive)
    return samples


BY_STEP: dict[str, list[float]] = {}
FIRST_SESSION: dict[str, float] = {}
STEP_KEYS = range(2, 7)
"""Indexes in FLOW_KEYS of the keys that open a flow step (topic → first step, then step → step)."""


def baseline_latencies(count: int) -> list[float]:
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Static

    class One(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Static("next")

    class Hello(App[None]):
        def on_key(self) -> None:
            self.push_screen(One())

    app = Hello()
    samples: list[float] = []

    async def drive(pilot) -> None:  # type: ignore[no-untyped-def]
        for index in range(count + 5):
            elapsed = await _timed_press(pilot, "space")
            if index >= 5:
                samples.append(elapsed)
        app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=drive)
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args(argv)
    kiosk = kiosk_latencies(args.rounds)
    baseline = baseline_latencies(len(kiosk))
    print(f"{len(kiosk)} screen changes at the kiosk, {len(baseline)} in the baseline app "
          f"(headless {SIZE[0]}×{SIZE[1]})")
    for name, samples in (("kiosk", kiosk), ("baseline", baseline)):
        print(f"  {name:<9} median {statistics.median(samples) * 1000:5.1f} ms   p95 {p95(samples) * 1000:5.1f} ms")
    print("  by key (median/max): " + ", ".join(f"{k} {statistics.median(v) * 1000:.0f}/{max(v) * 1000:.0f} ms"
                                                for k, v in BY_STEP.items()))
    steps = [t for k, v in BY_STEP.items() if int(k.split(":")[0]) in STEP_KEYS for t in v]
    others = [t for k, v in BY_STEP.items() if int(k.split(":")[0]) not in STEP_KEYS for t in v]
    print(f"  flow steps (keys {STEP_KEYS.start}–{STEP_KEYS.stop - 1}) p95 {p95(steps) * 1000:.1f} ms;"
          f" the other keys (welcome, home, topic, finish) p95 {p95(others) * 1000:.1f} ms")
    print("  first session after start (warm-up, not counted): "
          + ", ".join(f"{k} {t * 1000:.0f} ms" for k, t in FIRST_SESSION.items()))
    ratio = p95(kiosk) / p95(baseline)
    ok = p95(kiosk) <= 0.05
    print(f"  kiosk p95 = {ratio:.1f}× baseline; target p95 ≤ 50 ms: {'ok' if ok else 'MISSED'}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "keypress.json").write_text(json.dumps({"kiosk_p95_s": p95(kiosk), "baseline_p95_s": p95(baseline),
                                                   "kiosk_median_s": statistics.median(kiosk),
                                                   "steps_p95_s": p95(steps), "others_p95_s": p95(others),
                                                   "by_key_s": BY_STEP, "first_session_s": FIRST_SESSION},
                                                  indent=2))
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
