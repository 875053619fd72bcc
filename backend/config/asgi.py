"""Provides the ASGI application for uvicorn (``backend.config.asgi:application``).

A kiosk's re-check of its release is answered in front of Django, from what Django answered
before (backend/guidance/release_fast.py); every other request goes to Django.
"""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

from backend.config import env
from backend.guidance.release_fast import FrontDoor

os.environ.setdefault("DJANGO_SETTINGS_MODULE", env.settings_module())
application = FrontDoor(get_asgi_application())
