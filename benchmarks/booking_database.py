"""Provides the booking benchmark's database: a fresh one on the cluster (PostgreSQL), or the SQLite
file of the data folder, with the counts the benchmark reads while and after it measures."""

from __future__ import annotations

import secrets
import sqlite3
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

BARE_TABLE = "benchmark_bare_insert"
"""The bare server's table (benchmarks/bare_django), made here before that server starts."""


class Database:
    """The run's own database, shared by the product server and the bare server.

    On PostgreSQL the benchmark keeps one connection of its own open for the whole run, so it can
    still count connections and rows when the servers have used up the cluster's connections.
    """

    def __init__(self, cluster_url: str | None, data_dir: Path) -> None:
        self.cluster_url = cluster_url
        self.sqlite_path = data_dir / "madoguchi.sqlite3"  # where the product puts it without DATABASE_URL
        self.name = f"madoguchi_bench_{secrets.token_hex(6)}"  # on PostgreSQL only
        self.url = urlsplit(cluster_url)._replace(path=f"/{self.name}").geturl() if cluster_url else None
        self._connection: Any = None
        self._lock = threading.Lock()

    @property
    def kind(self) -> str:
        return "postgresql" if self.url else "sqlite"

    def create(self) -> None:
        if self.cluster_url and self.url:
            import psycopg
            from psycopg import sql

            with psycopg.connect(self.cluster_url, autocommit=True) as connection:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))
            self._connection = psycopg.connect(self.url, autocommit=True)

    def drop(self) -> None:
        if self.cluster_url:
            import psycopg
            from psycopg import sql

            if self._connection is not None:
                self._connection.close()
            with psycopg.connect(self.cluster_url, autocommit=True) as connection:
                connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name)))

    def execute(self, query: str) -> list[tuple[Any, ...]]:
        if self.url:
            with self._lock:
                cursor = self._connection.execute(query)
                return list(cursor.fetchall()) if cursor.description else []
        with sqlite3.connect(self.sqlite_path) as connection:
            return connection.execute(query).fetchall()

    def create_bare_table(self) -> None:
        key = "bigserial PRIMARY KEY" if self.url else "integer PRIMARY KEY AUTOINCREMENT"
        stamp = "timestamptz" if self.url else "text"
        self.execute(f"CREATE TABLE {BARE_TABLE} (id {key}, key varchar(100) NOT NULL, name_kana varchar(40) NOT NULL,"
                     f" phone varchar(16) NOT NULL, created_at {stamp} NOT NULL DEFAULT CURRENT_TIMESTAMP)")

    def sessions(self) -> int | None:
        """Sessions ever opened on this database (pg_stat_database.sessions, PostgreSQL 14+)."""
        if not self.url:
            return None
        try:
            rows = self.execute(f"SELECT pg_stat_clear_snapshot(), sessions FROM pg_stat_database "
                                f"WHERE datname = '{self.name}'")
        except Exception:  # noqa: BLE001 - an older server: the figure is optional
            return None
        return int(rows[0][1]) if rows else None

    def open_connections(self) -> int | None:
        """Connections open on this database now (the benchmark's own one not counted)."""
        if not self.url:
            return None
        return int(self.execute(f"SELECT count(*) - 1 FROM pg_stat_activity WHERE datname = '{self.name}'")[0][0])

    def max_connections(self) -> int | None:
        return int(self.execute("SHOW max_connections")[0][0]) if self.url else None

    def server_version(self) -> str:
        if not self.url:
            return "SQLite " + sqlite3.sqlite_version
        return "PostgreSQL " + str(self.execute("SHOW server_version")[0][0]).split()[0]
