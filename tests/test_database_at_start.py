"""A database that cannot be used stops start-up in one line with exit status 1, and is left as it
was: never migrated over, never replaced by a new empty one (issue #15; decision record 0013)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.conftest import MADOGUCHI, free_port, madoguchi_env, on_postgresql, start_backend, stop_backend

pytestmark = pytest.mark.live

DATABASE = "madoguchi.sqlite3"
COMMANDS = {"serve": ["serve", "--port", "0"],
            "devices add": ["devices", "add", "--municipality", "demo", "--name", "test kiosk"],
            "content releases": ["content", "releases"]}


def run(args: list[str], data: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MADOGUCHI, *args], env=madoguchi_env(data, **extra), capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)


def refused_in_one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("madoguchi: ")
    return line


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def real_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database as a deployment has it: migrated, content imported, a device registered."""
    data = tmp_path_factory.mktemp("real")
    made = run(COMMANDS["devices add"], data)
    assert made.returncode == 0, made.stderr
    return data / DATABASE


@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_that_is_not_a_database_is_refused_and_left_alone(command: str, tmp_path: Path) -> None:
    (tmp_path / DATABASE).write_bytes(os.urandom(64 * 1024))
    before = digest(tmp_path / DATABASE)
    line = refused_in_one_line(run(COMMANDS[command], tmp_path))
    assert line == f"madoguchi: cannot open the SQLite database {tmp_path / DATABASE}: file is not a database"
    assert digest(tmp_path / DATABASE) == before


def test_a_database_damaged_in_the_middle_is_refused_and_left_alone(real_database: Path, tmp_path: Path) -> None:
    """Its header is fine, so SQLite opens it and migrate would find nothing to do: only reading
    every page (PRAGMA quick_check) tells."""
    damaged = tmp_path / DATABASE
    shutil.copyfile(real_database, damaged)
    size = damaged.stat().st_size
    with damaged.open("r+b") as handle:
        handle.seek(size // 2 // 4096 * 4096)
        handle.write(os.urandom(16 * 4096))
    before = digest(damaged)
    line = refused_in_one_line(run(COMMANDS["serve"], tmp_path))
    assert line.startswith(f"madoguchi: the SQLite database {damaged} is damaged (quick_check: ")
    assert line.endswith("it was left as it is: restore it from a backup, or move it away to start with an empty one")
    assert digest(damaged) == before


def test_an_empty_file_is_a_new_database(tmp_path: Path) -> None:
    """0 bytes is what SQLite itself creates before the first write: it is migrated, not refused."""
    (tmp_path / DATABASE).touch()
    made = run(COMMANDS["devices add"], tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / DATABASE).stat().st_size > 0


def test_a_database_that_cannot_be_opened_is_one_line(tmp_path: Path) -> None:
    (tmp_path / DATABASE).mkdir()  # as when a volume or a restore put the wrong thing there
    line = refused_in_one_line(run(COMMANDS["serve"], tmp_path))
    assert line == f"madoguchi: cannot open the SQLite database {tmp_path / DATABASE}: unable to open database file"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounting a small tmpfs needs root")
def test_a_full_disk_is_one_line(tmp_path: Path) -> None:
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(small)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        line = refused_in_one_line(run(COMMANDS["serve"], small))
    finally:
        subprocess.run(["umount", str(small)], check=True)
    assert line == f"madoguchi: cannot write to the SQLite database {small / DATABASE}: database or disk is full"


def test_postgresql_that_cannot_be_reached_is_one_line_without_the_password(tmp_path: Path) -> None:
    port = free_port()  # closed again: nothing listens there
    url = f"postgresql://madoguchi:not-to-be-shown@127.0.0.1:{port}/madoguchi"
    line = refused_in_one_line(run(COMMANDS["serve"], tmp_path, DATABASE_URL=url))
    assert line.startswith(f"madoguchi: cannot open the PostgreSQL database 'madoguchi' at 127.0.0.1:{port}: ")
    assert "Connection refused" in line and "not-to-be-shown" not in line


@pytest.mark.skipif(on_postgresql(), reason="takes the SQLite file away; PostgreSQL's case is the closed port above")
def test_a_running_server_whose_database_goes_away_answers_503_in_the_envelope(tmp_path: Path) -> None:
    """After start-up the same fault is a 503 try-again in the envelope (backend/config/api.py), not a 500."""
    backend = start_backend(tmp_path)
    try:
        for suffix in ("", "-wal", "-shm"):
            (tmp_path / f"{DATABASE}{suffix}").unlink(missing_ok=True)
        (tmp_path / DATABASE).mkdir()  # the file gone and nothing that SQLite can open in its place
        answer = httpx.get(f"{backend.url}/api/booking/services", headers={"X-Kiosk-Key": backend.api_key},
                           timeout=10)
    finally:
        stop_backend(backend)
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "30"
    assert answer.json()["code"] == "database_unavailable" and set(answer.json()) == {"code", "message", "details"}
