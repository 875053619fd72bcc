"""Provides one start-up measurement, of the kiosk or of a hello-world Textual app, in this process.

    python -m benchmarks.startup_probe {kiosk|hello}

``benchmarks.startup`` runs this in a fresh subprocess per sample. Both apps run headless at
100×32. "First screen" is the same event for both: the callback that the screen on top when the
app becomes ready (the kiosk's WelcomeScreen, hello-world's default screen) schedules with
``call_after_refresh``, which runs once that screen has been laid out and composited.

``kiosk`` builds the embedded default with ``madoguchi.embedded.build``, exactly as the command
does (data folder check, content check, logging to a file, a loopback socket, the backend starter
run on a worker thread after the first paint), waits until the app's ``backend.ready`` event is set, checks the
API answers, and exits the app so the backend shuts down.

Milestones go to file descriptor 1 as ``mark <name>`` lines the moment they happen (``os.write``
bypasses Textual's capture of ``sys.stdout``), so the parent can time them on its own clock. The
last line is one JSON object: the same milestones timed in here, from ``STARTUP_PROBE_T0`` (the
parent's ``time.monotonic()`` just before it started this process) or, run by hand, from this
process's start time in /proc/self/stat, and the peak RSS in MiB.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

SIZE = (100, 32)
MUNICIPALITY = "demo"  # the command's default (--municipality)


def _process_start() -> float:
    """This process's start on the ``time.monotonic()`` clock (coarse: one clock tick)."""
    t0 = os.environ.get("STARTUP_PROBE_T0")
    if t0:
        return float(t0)
    with open("/proc/self/stat", encoding="ascii") as stat:
        start_ticks = int(stat.read().rpartition(")")[2].split()[19])
    age = time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / os.sysconf("SC_CLK_TCK")
    return time.monotonic() - age


START = _process_start()
marks: dict[str, float] = {}


def mark(name: str) -> None:
    marks[name] = round(time.monotonic() - START, 4)
    os.write(1, f"mark {name}\n".encode())


def _after_first_screen(app: Any, then: Callable[[], None]) -> None:
    """Mark ``first_screen`` once the screen now on top has been painted, then call ``then``."""

    def painted() -> None:
        mark("first_screen")
        then()

    app.screen.call_after_refresh(painted)


def run_hello() -> None:
    from textual.app import App, ComposeResult
    from textual.pilot import Pilot
    from textual.widgets import Static

    class Hello(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hello")

    app = Hello()

    async def pilot(_: Pilot[object]) -> None:
        _after_first_screen(app, app.exit)

    app.run(headless=True, size=SIZE, auto_pilot=pilot)


def run_kiosk() -> None:
    from textual.pilot import Pilot

    from madoguchi import embedded  # the command's own wiring, so the checks are the real ones

    kiosk = embedded.build(MUNICIPALITY)
    app = kiosk.app

    async def pilot(_: Pilot[object]) -> None:
        _after_first_screen(app, lambda: None)
        await app.backend.ready.wait()
        if app.backend_error is None:
            mark("backend_ready")
            await app.client.health()  # the API answers, not only the thread started
        app.exit()

    kiosk.run(headless=True, size=SIZE, auto_pilot=pilot)
    if app.backend_error is not None:
        sys.exit(f"startup_probe: the backend could not start: {app.backend_error}")


def main(argv: list[str]) -> int:
    probes = {"hello": run_hello, "kiosk": run_kiosk}
    if len(argv) != 1 or argv[0] not in probes:
        print("usage: python -m benchmarks.startup_probe {kiosk|hello}", file=sys.stderr)
        return 2
    probes[argv[0]]()
    if "first_screen" not in marks:
        print("startup_probe: the first screen was never painted", file=sys.stderr)
        return 1
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"probe": argv[0], "first_screen_s": marks["first_screen"],
                      "backend_ready_s": marks.get("backend_ready"),
                      "exit_s": round(time.monotonic() - START, 4), "peak_rss_mib": round(peak_mib, 1)}),
          flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
