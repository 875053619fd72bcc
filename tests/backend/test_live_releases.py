"""Publish, ETag / If-None-Match and rollback, over real HTTP against a `madoguchi serve` process."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.conftest import MADOGUCHI, madoguchi_env, start_backend, stop_backend

pytestmark = pytest.mark.live


def madoguchi(args: list[str], data: Path, content: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MADOGUCHI, *args], env=madoguchi_env(data, MADOGUCHI_CONTENT_DIR=str(content)),
                          capture_output=True, text=True, timeout=120)


SNAPSHOT_SECONDS = 2
"""The server's MADOGUCHI_RELEASE_SNAPSHOT_SECONDS here (60 by default): how late its workers may
see a release published by another process."""


def seen_within(get: Callable[[], httpx.Response], seen: Callable[[httpx.Response], bool]) -> httpx.Response:
    """The first answer that shows the change, which must come within the fast path's bound."""
    deadline = time.monotonic() + SNAPSHOT_SECONDS + 1.5
    while True:
        answer = get()
        if seen(answer) or time.monotonic() > deadline:
            return answer
        time.sleep(0.2)


def test_publish_etag_and_rollback(tmp_path: Path, content_copy: Path) -> None:
    data = tmp_path / "data"
    backend = start_backend(data, content_dir=content_copy,
                            settings={"MADOGUCHI_RELEASE_SNAPSHOT_SECONDS": str(SNAPSHOT_SECONDS)})
    client = httpx.Client(base_url=f"{backend.url}/api", headers={"X-Kiosk-Key": backend.api_key})
    try:
        first = client.get("/guidance/release")
        assert first.status_code == 200
        v1 = first.json()
        assert first.headers["ETag"] == f'"{v1["checksum"]}"' and v1["version"] == 1

        # The kiosk re-checks its cache: nothing changed, nothing sent.
        again = client.get("/guidance/release", headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.content == b""

        # Staff change a phone-number value and publish: a new release, a new ETag.
        demo = content_copy / "municipalities" / "demo.toml"
        demo.write_text(demo.read_text(encoding="utf-8").replace("000-0000-0000", "000-0000-0001"), encoding="utf-8")
        published = madoguchi(["content", "publish"], data, content_copy)
        assert published.returncode == 0, published.stderr
        assert "demo: release 2 is current" in published.stdout
        # Published by another process: the server's workers see it with their next snapshot.
        second = seen_within(lambda: client.get("/guidance/release", headers={"If-None-Match": first.headers["ETag"]}),
                             lambda answer: answer.status_code == 200)
        assert second.json()["version"] == 2
        assert "000-0000-0001" in second.text

        # Publishing the same content again changes nothing.
        assert "release 2 is current" in madoguchi(["content", "publish"], data, content_copy).stdout

        # A broken content set is rejected whole; the live release stays.
        flow = content_copy / "flows" / "lost_card.toml"
        flow.write_text(flow.read_text(encoding="utf-8").replace('next = "where_lost"', 'next = "nowhere"'),
                        encoding="utf-8")
        rejected = madoguchi(["content", "publish"], data, content_copy)
        assert rejected.returncode == 1 and "'nowhere', which does not exist" in rejected.stderr
        assert "nothing published" in rejected.stderr
        assert client.get("/guidance/release").json()["version"] == 2

        # Roll back to release 1: served again, byte for byte the same checksum.
        rolled = madoguchi(["content", "rollback", "--municipality", "demo", "--version", "1"], data, content_copy)
        assert rolled.returncode == 0, rolled.stderr
        back = seen_within(lambda: client.get("/guidance/release"), lambda answer: answer.json()["version"] == 1)
        assert back.json()["version"] == 1 and back.headers["ETag"] == first.headers["ETag"]
        listing = madoguchi(["content", "releases", "--municipality", "demo"], data, content_copy).stdout.splitlines()
        assert [line[0] for line in listing] == ["*", " "]  # release 1 current, release 2 kept

        missing = madoguchi(["content", "rollback", "--municipality", "demo", "--version", "9"], data, content_copy)
        assert missing.returncode == 2 and "has no release 9" in missing.stderr
    finally:
        client.close()
        stop_backend(backend)
