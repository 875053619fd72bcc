"""Provides the production settings profile: the product's settings made safe behind HTTPS.

Chosen with ``MADOGUCHI_PROFILE=production`` (or DJANGO_SETTINGS_MODULE=backend.config.production).
``python -m backend check --deploy`` is clean with it. The server sits behind a reverse proxy that
ends TLS and sets X-Forwarded-Proto; the embedded kiosk (loopback HTTP) keeps the default profile.
"""

from __future__ import annotations

from backend.config import env

env.require_secret_key()  # before the settings below can make up a key of their own

from backend.config.settings import *  # noqa: E402, F403 — the product's settings, then these overrides

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.ssl_redirect()
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.csrf_trusted_origins()
API_DOCS_PUBLIC = False  # /api/docs and /api/openapi.json only for signed-in staff
