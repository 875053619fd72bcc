"""Shared fixtures: a real backend process over loopback HTTP, and a pinned environment.

The suite runs twice (scripts/run-tests): in full on SQLite, then the tests marked ``database`` on
PostgreSQL, when DATABASE_URL names a PostgreSQL cluster. There pytest-django's test database lives
on that cluster, and every backend process started here gets a fresh database of its own on it.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
MADOGUCHI = [str(Path(sys.executable).with_name("madoguchi"))]
"""The installed entry point, as residents and operators run it."""

SUITE_DATABASE_URL = os.environ.get("DATABASE_URL", "")
"""The cluster the suite runs on (scripts/pg-throwaway sets it); SQLite when it is not PostgreSQL."""

DATABASE_FIXTURES = frozenset({"db", "transactional_db", "django_db_setup", "live_backend"})
DATABASE_FOLDERS = frozenset({"backend", "booking"})
"""Folders of tests/ whose tests all count as database tests."""

DATABASE_URL_FILE = "database-url"
"""Kept in a backend's data folder on PostgreSQL: its database, for a restart and for commands."""

_live_databases: list[str] = []


def on_postgresql() -> bool:
    return urlsplit(SUITE_DATABASE_URL).scheme in ("postgres", "postgresql")


def touches_database(item: pytest.Item) -> bool:
    """Whether a test reads or writes a database: only these run a second time, on PostgreSQL."""
    if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    if item.get_closest_marker("django_db") or item.get_closest_marker("database"):
        return True
    try:
        folder = item.path.relative_to(ROOT / "tests").parts[0]
    except (ValueError, IndexError):
        folder = ""
    if folder in DATABASE_FOLDERS:
        return True
    function = getattr(item, "function", None)  # a test that starts its own backend
    return "start_backend" in getattr(getattr(function, "__code__", None), "co_names", ())


@pytest.hookimpl(tryfirst=True)  # before `-m database` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if touches_database(item) and not item.get_closest_marker("database"):
            item.add_marker(pytest.mark.database)


def pytest_sessionfinish() -> None:
    """Drop the backends' databases: the cluster may be a developer's own, not a throwaway one."""
    if not _live_databases:
        return
    import psycopg
    from psycopg import sql

    with psycopg.connect(SUITE_DATABASE_URL, autocommit=True) as connection:
        for name in _live_databases:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    _live_databases.clear()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def madoguchi_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a `madoguchi` process on ``data_dir``: SQLite in that folder, unless a
    backend started there on PostgreSQL (``start_backend``); then that backend's database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MADOGUCHI_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    remembered = data_dir / DATABASE_URL_FILE
    if remembered.is_file():
        env["DATABASE_URL"] = remembered.read_text().strip()
    env.update({"MADOGUCHI_DATA_DIR": str(data_dir), "LANG": "C.UTF-8"}, **extra)
    return env


def live_database(data_dir: Path) -> None:
    """On PostgreSQL, give the backend on ``data_dir`` a fresh database of its own on the suite's
    cluster, so backends never see each other's data (as each has its own SQLite file otherwise).
    Remembered in the folder: a restart on the same folder finds its data again."""
    remembered = data_dir / DATABASE_URL_FILE
    if not on_postgresql() or remembered.is_file():
        return
    import psycopg
    from psycopg import sql

    name = f"madoguchi_live_{secrets.token_hex(6)}"
    with psycopg.connect(SUITE_DATABASE_URL, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    _live_databases.append(name)
    data_dir.mkdir(parents=True, exist_ok=True)
    remembered.write_text(urlsplit(SUITE_DATABASE_URL)._replace(path=f"/{name}").geturl())


@dataclass(frozen=True)
class LiveBackend:
    url: str
    api_key: str
    data_dir: Path
    process: subprocess.Popen[bytes]


def start_backend(data_dir: Path, *, content_dir: Path | None = None, port: int | None = None,
                  api_key: str | None = None, workers: int = 1, settings: dict[str, str] | None = None) -> LiveBackend:
    """`madoguchi devices add` then `madoguchi serve` in a real process; waits for /api/health.

    With ``port`` and ``api_key`` it restarts an earlier backend on the same data folder (and, on
    PostgreSQL, the same database). ``workers`` > 1 serves from that many processes; ``settings``
    are more MADOGUCHI_* variables for it.
    """
    live_database(data_dir)
    env = madoguchi_env(data_dir, **({"MADOGUCHI_CONTENT_DIR": str(content_dir)} if content_dir else {}),
                        **(settings or {}))
    key = api_key
    if key is None:
        added = subprocess.run([*MADOGUCHI, "devices", "add", "--municipality", "demo", "--name", "test kiosk"],
                               env=env, capture_output=True, text=True, timeout=120, check=True)
        key = added.stdout.strip().splitlines()[-1]
    port = port or free_port()
    process = subprocess.Popen([*MADOGUCHI, "serve", "--port", str(port), "--workers", str(workers)], env=env,
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


@pytest.fixture(autouse=True)
def _release_fast_path_forgets() -> Iterator[None]:
    """Each test's database starts again from pk 1; what the release fast path of this process
    remembered from the last test's database is not this one's."""
    yield
    fast = sys.modules.get("backend.guidance.release_fast")
    if fast is not None:
        fast.forget()


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
