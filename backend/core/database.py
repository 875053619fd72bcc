"""Provides the database check at start-up: a database that cannot be opened, read or written is
refused in one line, before anything migrates, never replaced by a new empty one.

SQLite's files are checked with ``PRAGMA quick_check`` (every page of every table and index read,
in a few milliseconds for a town's bookings); PostgreSQL is reached once. A 0-byte SQLite file is
accepted: it is what SQLite itself creates on first open, what an interrupted first start leaves,
and nothing in it tells it apart from a database whose contents vanished
(docs/decisions/0013-database-at-start.md).
"""

from __future__ import annotations

from django.db import DatabaseError, connection


class DatabaseUnusable(Exception):
    """The database cannot be used as it is; the message is one line, for the operator's console."""


def database_description() -> str:
    """Where the database is, without credentials: the SQLite file, or PostgreSQL's host and name."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"the SQLite database {settings['NAME']}"
    host = settings.get("HOST") or "localhost"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"the {connection.display_name} database '{settings['NAME']}' at {host}{port}"


def reason(error: BaseException) -> str:
    """The first line of a driver's message (psycopg's go on with hints over several lines)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def database_check() -> None:
    """Open the database and, on SQLite, read every page of it.

    Raises:
        DatabaseUnusable: it cannot be reached or opened, or SQLite finds it damaged.
    """
    try:
        connection.ensure_connection()
        if connection.vendor != "sqlite":
            return
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA quick_check")
            findings = [line for row in cursor.fetchall() for line in str(row[0]).splitlines()
                        if line.strip() and not line.startswith("***")]  # "*** in database main ***"
    except DatabaseError as error:
        raise DatabaseUnusable(f"cannot open {database_description()}: {reason(error)}") from None
    if findings != ["ok"]:
        connection.close()
        more = f" and {len(findings) - 1} more" if len(findings) > 1 else ""
        raise DatabaseUnusable(f"{database_description()} is damaged (quick_check: {findings[0]}{more}); it was left "
                               "as it is: restore it from a backup, or move it away to start with an empty one")
