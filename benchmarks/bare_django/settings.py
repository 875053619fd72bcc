"""Provides the bare project's settings: the product's own database settings, nothing else.

DATABASE_URL names the database (as for the product; ``backend.config.env.database`` turns it into
Django's settings, so CONN_MAX_AGE and the driver are the same); without it, the SQLite file in
BARE_DJANGO_DATA_DIR, with the product's SQLite options.
"""

from __future__ import annotations

import os
from pathlib import Path

from backend.config import env

SECRET_KEY = "benchmark-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "benchmarks.bare_django.urls"
DATABASES = {"default": env.database(os.environ.get("DATABASE_URL"),
                                     Path(os.environ.get("BARE_DJANGO_DATA_DIR", ".")))}
USE_TZ = True
TIME_ZONE = "Asia/Tokyo"
LOGGING_CONFIG = None
