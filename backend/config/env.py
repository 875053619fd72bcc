"""Provides the environment variables the backend reads, parsed and defaulted in one place.

The settings modules read the environment only through these, so a variable's name, its type and
its default are written once.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The folder for the SQLite database, the secret key and the logs (``MADOGUCHI_DATA_DIR``)."""
    configured = os.environ.get("MADOGUCHI_DATA_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_data_path

    return user_data_path("madoguchi", appauthor=False)


def content_dir() -> Path:
    """The guidance files (``MADOGUCHI_CONTENT_DIR``; the checkout's ``content/`` by default)."""
    return Path(os.environ.get("MADOGUCHI_CONTENT_DIR", PROJECT_ROOT / "content"))


def locales_dir() -> Path:
    """The gettext catalogs (``MADOGUCHI_LOCALES_DIR``; the checkout's ``locales/`` by default)."""
    return Path(os.environ.get("MADOGUCHI_LOCALES_DIR", PROJECT_ROOT / "locales"))


def debug() -> bool:
    """``MADOGUCHI_DEBUG=1`` turns Django's debug pages on; anything else leaves them off."""
    return os.environ.get("MADOGUCHI_DEBUG") == "1"


def allowed_hosts() -> list[str]:
    """``MADOGUCHI_ALLOWED_HOSTS``, comma-separated; loopback only by default."""
    return os.environ.get("MADOGUCHI_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")


def database_url() -> str | None:
    """``DATABASE_URL``; unset means SQLite in the data folder (see ``database``)."""
    return os.environ.get("DATABASE_URL")


def _integer(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


def release_snapshot_seconds() -> int:
    """How old a worker's memory of devices and current releases may be when it answers a kiosk's
    re-check without Django (``MADOGUCHI_RELEASE_SNAPSHOT_SECONDS``; backend/guidance/release_fast)."""
    return _integer("MADOGUCHI_RELEASE_SNAPSHOT_SECONDS", 60)


def hold_seconds() -> int:
    """How long a hold keeps a place while the resident fills in the form (``MADOGUCHI_HOLD_SECONDS``)."""
    return _integer("MADOGUCHI_HOLD_SECONDS", 300)


def retention_days() -> int:
    """Days after an appointment before its name and phone are erased (``MADOGUCHI_RETENTION_DAYS``)."""
    return _integer("MADOGUCHI_RETENTION_DAYS", 30)


def volunteer_token_hours() -> int:
    """How long a console sign-in lasts: a working day (``MADOGUCHI_VOLUNTEER_TOKEN_HOURS``)."""
    return _integer("MADOGUCHI_VOLUNTEER_TOKEN_HOURS", 12)


def log_file() -> str | None:
    """``MADOGUCHI_LOG_FILE``; unset means the log goes to standard error."""
    return os.environ.get("MADOGUCHI_LOG_FILE")


def database(url: str | None, folder: Path) -> dict[str, Any]:
    """Django's DATABASES["default"] from ``DATABASE_URL``; SQLite in ``folder`` when unset."""
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": folder / "madoguchi.sqlite3",
                "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE",
                            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}}
    parts = urlsplit(url)
    if parts.scheme in ("postgres", "postgresql"):
        return {"ENGINE": "django.db.backends.postgresql", "NAME": unquote(parts.path.lstrip("/")),
                "USER": unquote(parts.username or ""), "PASSWORD": unquote(parts.password or ""),
                "HOST": parts.hostname or "", "PORT": str(parts.port or ""),
                # 0, not persistent: under ASGI each request runs on a thread of its own, so a kept
                # connection is never reused and piles up until max_connections (benchmarks/booking.py
                # hit PostgreSQL's limit within seconds with 60).
                "CONN_MAX_AGE": 0}
    if parts.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": unquote(parts.path) or folder / "madoguchi.sqlite3"}
    raise ValueError(f"DATABASE_URL scheme '{parts.scheme}' is not supported (use postgresql:// or sqlite://)")


def secret_key(folder: Path) -> str:
    """``MADOGUCHI_SECRET_KEY``, or a random key kept (mode 600) in the data folder."""
    configured = os.environ.get("MADOGUCHI_SECRET_KEY")
    if configured:
        return configured
    path = folder / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        key = secrets.token_urlsafe(50)
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        return key


# --- Deployment profile (issue #15, "Deploy-safe") --------------------------------------------

PRODUCTION_SETTINGS = "backend.config.production"


def settings_module() -> str:
    """The settings Django starts with: ``MADOGUCHI_PROFILE=production`` chooses the production
    profile (backend/config/production.py); anything else, the embedded/demo defaults. An explicit
    DJANGO_SETTINGS_MODULE still wins (callers use os.environ.setdefault)."""
    if os.environ.get("MADOGUCHI_PROFILE", "").strip().lower() == "production":
        return PRODUCTION_SETTINGS
    return "backend.config.settings"


def require_secret_key() -> None:
    """Refuse to start, in one line with exit status 1, without ``MADOGUCHI_SECRET_KEY``: a
    production server must not make up a key of its own (sessions and limits depend on it)."""
    if not os.environ.get("MADOGUCHI_SECRET_KEY", "").strip():
        raise SystemExit("madoguchi: MADOGUCHI_SECRET_KEY must be set in the production profile (50 or more "
                         "random characters: python -c 'import secrets; print(secrets.token_urlsafe(50))')")


def csrf_trusted_origins() -> list[str]:
    """``MADOGUCHI_CSRF_TRUSTED_ORIGINS``, comma-separated (e.g. https://madoguchi.example.lg.jp)."""
    return [origin.strip() for origin in os.environ.get("MADOGUCHI_CSRF_TRUSTED_ORIGINS", "").split(",")
            if origin.strip()]


def ssl_redirect() -> bool:
    """``MADOGUCHI_SSL_REDIRECT=0`` when the reverse proxy already redirects to HTTPS; on otherwise."""
    return os.environ.get("MADOGUCHI_SSL_REDIRECT", "1") != "0"


def client_address_header() -> str | None:
    """``MADOGUCHI_CLIENT_ADDRESS_HEADER`` (e.g. HTTP_X_FORWARDED_FOR): behind a reverse proxy, where
    the rate limits read the client's address (ADR 0010). Unset: REMOTE_ADDR."""
    return os.environ.get("MADOGUCHI_CLIENT_ADDRESS_HEADER") or None
