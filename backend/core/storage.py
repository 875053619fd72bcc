"""Provides the scrub after an erasure: the erased bytes gone from the database's files too.

Blanking a column is not erasing it. SQLite keeps the old row in the freed space of its page, in
pages on the free list and in the write-ahead log (-wal) until they are overwritten; PostgreSQL
keeps the old row version as a dead tuple in the table and the change in its WAL. A resident's
name and phone number must not be recoverable from the data folder after the retention period,
so on SQLite the erasure is followed by VACUUM (every page rewritten, no free space left with old
content) and a TRUNCATE checkpoint (the -wal file emptied). PostgreSQL's side, and what an
operator does about it, is in docs/decisions/0011-erasure.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections


@dataclass(frozen=True)
class Scrub:
    done: bool
    """False when another connection's read kept the log from being emptied: run again later."""
    detail: str


def scrub_after_erasure(tables: list[str], using: str = DEFAULT_DB_ALIAS) -> Scrub:
    """Rewrite the storage so no erased value survives in it (SQLite) or reclaim ``tables``' dead
    row versions for reuse (PostgreSQL: VACUUM; see the decision record for the rest).

    ``using`` is the alias of the Django database to scrub (the one the erasure wrote to)."""
    connection = connections[using]
    if connection.in_atomic_block:
        # VACUUM cannot run inside a transaction (a caller's, or a test's): the next run scrubs.
        return Scrub(done=False, detail="not scrubbed inside a transaction; the next run will")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")
            cursor.execute("VACUUM")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _, _ = cursor.fetchone()
        return Scrub(done=not busy, detail="VACUUM and a TRUNCATE checkpoint" if not busy
                     else "VACUUM done, but a reader kept the write-ahead log from being emptied")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"VACUUM {connection.ops.quote_name(table)}")
        return Scrub(done=True, detail="VACUUM (see docs/decisions/0011-erasure.md for WAL and backups)")
    return Scrub(done=False, detail=f"no scrub for {connection.vendor}")
