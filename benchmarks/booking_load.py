"""Provides the booking benchmark's load generator: CLIENTS keep-alive connections sending one request
after another (closed loop), and what one measured stretch of it saw."""

from __future__ import annotations

import asyncio
import json
import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from benchmarks.booking_database import Database
from benchmarks.booking_servers import TIMEOUT_S, Server, cpu_seconds, machine_busy

NAME_KANA = "ベンチ タロウ"


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
