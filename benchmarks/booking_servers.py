"""Provides the booking benchmark's server processes: start one and wait until it answers, stop it,
read its CPU time from /proc and the exceptions it logged."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
MADOGUCHI = Path(sys.executable).with_name("madoguchi")
"""The installed entry point, as operators run it."""
TIMEOUT_S = 60.0


def log(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


@dataclass
class Server:
    name: str
    url: str
    path: str
    process: subprocess.Popen[bytes]
    stderr: Any



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


EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Warning)\b.*")


def server_errors(server: Server) -> dict[str, int]:
    """The exceptions a server logged (their last traceback line), with how often each came."""
    server.stderr.flush()
    server.stderr.seek(0)
    lines = server.stderr.read().decode(errors="replace").splitlines()
    found = Counter(line.strip()[:300] for line in lines if EXCEPTION_LINE.match(line.strip()))
    return dict(found.most_common(5))
