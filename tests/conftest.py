"""Shared fixtures: a real backend process over loopback HTTP, and a pinned environment."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
MADOGUCHI = [str(Path(sys.executable).with_name("madoguchi"))]
"""The installed entry point, as residents and operators run it."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def madoguchi_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MADOGUCHI_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update({"MADOGUCHI_DATA_DIR": str(data_dir), "LANG": "C.UTF-8"}, **extra)
    return env


@dataclass(frozen=True)
class LiveBackend:
    url: str
    api_key: str
    data_dir: Path
    process: subprocess.Popen[bytes]


def start_backend(data_dir: Path, *, content_dir: Path | None = None, port: int | None = None,
                  api_key: str | None = None) -> LiveBackend:
    """`madoguchi devices add` then `madoguchi serve` in a real process; waits for /api/health.

    With ``port`` and ``api_key`` it restarts an earlier backend on the same data folder.
    """
    env = madoguchi_env(data_dir, **({"MADOGUCHI_CONTENT_DIR": str(content_dir)} if content_dir else {}))
    key = api_key
    if key is None:
        added = subprocess.run([*MADOGUCHI, "devices", "add", "--municipality", "demo", "--name", "test kiosk"],
                               env=env, capture_output=True, text=True, timeout=120, check=True)
        key = added.stdout.strip().splitlines()[-1]
    port = port or free_port()
    process = subprocess.Popen([*MADOGUCHI, "serve", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"backend did not start: {process.stderr.read().decode() if process.stderr else ''}")
        time.sleep(0.1)
    return LiveBackend(url=url, api_key=key, data_dir=data_dir, process=process)


def stop_backend(backend: LiveBackend) -> None:
    backend.process.terminate()
    try:
        backend.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        backend.process.kill()


@pytest.fixture(scope="session")
def live_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveBackend]:
    backend = start_backend(tmp_path_factory.mktemp("live-data"))
    yield backend
    stop_backend(backend)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the real content folder, for tests that break it on purpose."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target
