"""Provides figures_of: one municipality's figures for a period, every table already protected.

The staff pages and the staff API both start here; nothing else reads the raw counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.figures.period import Period
from backend.figures.selectors import booking_facts, content_names, help_facts, session_facts
from backend.figures.service_tables import service_tables
from backend.figures.session_tables import session_tables
from backend.figures.suppression import K
from backend.figures.tables import Table
from backend.municipalities.models import Municipality

TABLE_KEYS = ("summary", "sessions_by_day", "sessions_by_week", "flows", "stops", "languages", "modes",
              "help_outcomes", "help_answers", "bookings_made", "bookings_held")


@dataclass(frozen=True)
class Figures:
    municipality_code: str
    municipality_name: str
    period: Period
    tables: tuple[Table, ...]
    threshold: int = K

    def table(self, key: str) -> Table:
        """Raises KeyError for a key not in TABLE_KEYS."""
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)


def figures_of(*, municipality: Municipality, period: Period) -> Figures:
    sessions = session_facts(municipality=municipality, period=period)
    names = content_names(municipality=municipality)
    tables = (*session_tables(sessions, names, period),
              *service_tables(help_facts(municipality=municipality, period=period),
                              booking_facts(municipality=municipality, period=period)))
    assert tuple(t.key for t in tables) == TABLE_KEYS
    return Figures(municipality.code, municipality.name, period, tables)
