"""Provides the ASGI application for uvicorn (``backend.config.asgi:application``)."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

from backend.config import env

os.environ.setdefault("DJANGO_SETTINGS_MODULE", env.settings_module())
application = get_asgi_application()
