"""Provides the URL map: the API under /api/ and the docs' own static files."""

from __future__ import annotations

from pathlib import Path

import ninja
from django.urls import path, re_path
from django.views.static import serve

from backend.config.api import api

# The interactive docs use Swagger UI files shipped inside django-ninja, so /api/docs works on a
# kiosk network with no internet access. They are the only static files the backend serves.
_NINJA_STATIC = Path(ninja.__file__).parent / "static"

urlpatterns = [
    path("api/", api.urls),
    re_path(r"^static/(?P<path>ninja/.+)$", serve, {"document_root": _NINJA_STATIC}),
]
