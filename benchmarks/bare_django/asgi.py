"""Provides the bare project's ASGI application (``benchmarks.bare_django.asgi:application``)."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.bare_django.settings")
application = get_asgi_application()
