"""`madoguchi serve --workers N`: N processes answer on the one port, and a signal stops them all.

Django runs sync views one at a time per process under ASGI, so a deployment's concurrency (and the
booking concurrency tests) rests on this.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import start_backend, stop_backend

pytestmark = [pytest.mark.live, pytest.mark.database]

WORKERS = 3
REQUESTS = 30


def _stat(pid: int) -> tuple[str, int] | None:
    """A process's state letter and parent, or None when it is gone."""
    try:
        state, ppid = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[:2]
    except (OSError, ValueError):
        return None
    return state, int(ppid)


def alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] != "Z"


def children(pid: int) -> list[int]:
    """The live child processes of ``pid``, from /proc (no psutil)."""
    return [int(entry.name) for entry in Path("/proc").iterdir()
            if entry.name.isdigit() and (stat := _stat(int(entry.name))) and stat[1] == pid and stat[0] != "Z"]


def workers_of(pid: int) -> list[int]:
    """The uvicorn workers of a `madoguchi serve`: multiprocessing's spawned children."""
    return [child for child in children(pid) if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()]


def connections_held(pid: int, port: int) -> int:
    """How many established connections to ``port`` the process ``pid`` holds open."""
    established = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":  # 01: ESTABLISHED
                established.add(fields[9])
    held = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in established:
            held += 1
    return held


def open_connections(url: str, count: int) -> list[httpx.Client]:
    """``count`` clients, each with one kept-alive connection that answered /api/health at once."""
    clients = [httpx.Client(base_url=url, timeout=10) for _ in range(count)]
    statuses: list[int] = []
    barrier = threading.Barrier(count)

    def ask(client: httpx.Client) -> None:
        barrier.wait()
        statuses.append(client.get("/api/health").status_code)

    threads = [threading.Thread(target=ask, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * count
    return clients


def test_workers_share_the_port_and_stop_together(tmp_path: Path) -> None:
    backend = start_backend(tmp_path / "data", workers=WORKERS)
    parent = backend.process.pid
    port = int(backend.url.rsplit(":", 1)[1])
    family = children(parent)  # the workers and multiprocessing's resource tracker
    try:
        workers = workers_of(parent)
        assert len(workers) == WORKERS
        # A worker still importing Django accepts nothing yet: ask again until they all could have.
        deadline = time.monotonic() + 30
        while True:
            clients = open_connections(backend.url, REQUESTS)
            serving = [pid for pid in workers if connections_held(pid, port)]
            for client in clients:
                client.close()
            if len(serving) > 1 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert len(serving) > 1, f"only {serving} of the workers {workers} answered"
        assert connections_held(parent, port) == 0  # the parent only supervises
    finally:
        backend.process.send_signal(signal.SIGTERM)
        stopped = backend.process.wait(timeout=20)
        stop_backend(backend)
    assert stopped in (0, -signal.SIGTERM)
    deadline = time.monotonic() + 10
    while [pid for pid in family if alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in family if alive(pid)], "processes outlived `madoguchi serve`"
