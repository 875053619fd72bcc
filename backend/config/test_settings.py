"""Provides settings for the test suite: a throwaway data folder and a fast password hasher.

The database is the settings' own: SQLite (in memory for pytest-django) unless DATABASE_URL names a
PostgreSQL server, where pytest-django creates and drops ``test_<name>`` (the user needs CREATEDB).
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("MADOGUCHI_SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("MADOGUCHI_DATA_DIR", tempfile.mkdtemp(prefix="madoguchi-test-"))

from backend.config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
