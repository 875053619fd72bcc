"""The rate limits hold across `madoguchi serve --workers 2` (ADR 0010): the count is in the database.

Every attempt goes on a new connection, so the workers take them in turn as the kernel hands them
out; a count kept in each process's memory would let through about twice the limit.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from backend.limits.rules import DEVICE_KEY_PER_ADDRESS
from tests.conftest import start_backend, stop_backend
from tests.test_serve_workers import workers_of

pytestmark = [pytest.mark.live, pytest.mark.database]


def test_wrong_device_keys_are_counted_once_across_two_workers(tmp_path: Path) -> None:
    backend = start_backend(tmp_path / "data", workers=2)
    try:
        assert len(workers_of(backend.process.pid)) == 2
        statuses = []
        for n in range(DEVICE_KEY_PER_ADDRESS.limit + 3):
            with httpx.Client(base_url=backend.url, timeout=10) as client:  # a new connection each time
                statuses.append(client.get("/api/booking/services", headers={"X-Kiosk-Key": f"mdg_{n:04x}_x"}))
        codes = [response.status_code for response in statuses]
        assert codes == [401] * DEVICE_KEY_PER_ADDRESS.limit + [429] * 3
        assert statuses[-1].json()["code"] == "rate_limited" and int(statuses[-1].headers["Retry-After"]) > 0
        with httpx.Client(base_url=backend.url, timeout=10) as client:
            assert client.get("/api/booking/services", headers={"X-Kiosk-Key": backend.api_key}).status_code == 200
    finally:
        stop_backend(backend)
