"""The settings' environment accessors (backend/config/env.py): their defaults and their parsing."""

from __future__ import annotations

import pytest

from backend.config import env

VARIABLES = ("MADOGUCHI_DEBUG", "MADOGUCHI_ALLOWED_HOSTS", "DATABASE_URL", "MADOGUCHI_HOLD_SECONDS",
             "MADOGUCHI_RETENTION_DAYS", "MADOGUCHI_VOLUNTEER_TOKEN_HOURS", "MADOGUCHI_LOG_FILE")


def test_defaults_when_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert env.debug() is False
    assert env.allowed_hosts() == ["127.0.0.1", "localhost", "[::1]"]
    assert env.database_url() is None
    assert (env.hold_seconds(), env.retention_days(), env.volunteer_token_hours()) == (300, 30, 12)
    assert env.log_file() is None


def test_values_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MADOGUCHI_DEBUG", "1")
    monkeypatch.setenv("MADOGUCHI_ALLOWED_HOSTS", "kiosk.example,10.0.0.2")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p%40ss@db:5433/madoguchi")
    monkeypatch.setenv("MADOGUCHI_HOLD_SECONDS", "60")
    monkeypatch.setenv("MADOGUCHI_LOG_FILE", "/var/log/madoguchi.log")
    assert env.debug() is True
    assert env.allowed_hosts() == ["kiosk.example", "10.0.0.2"]
    assert env.hold_seconds() == 60
    assert env.log_file() == "/var/log/madoguchi.log"
    url = env.database_url()
    assert url is not None
    database = env.database(url, env.PROJECT_ROOT)
    assert (database["ENGINE"], database["PASSWORD"], database["HOST"], database["PORT"]) == (
        "django.db.backends.postgresql", "p@ss", "db", "5433")


def test_debug_is_only_on_for_1(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MADOGUCHI_DEBUG", "true")
    assert env.debug() is False
