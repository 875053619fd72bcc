"""Provides the URL map: the API under /api/, the staff admin under /admin/ (its sign-in rate-limited),
and their static files."""

from __future__ import annotations

from pathlib import Path

import django.contrib.admin
import ninja
from django.contrib import admin
from django.urls import path, re_path
from django.views.static import serve

from backend.config.admin_signin import admin_login
from backend.config.api import api

# The interactive docs use Swagger UI files shipped inside django-ninja, and the admin its own
# files, so both work on a kiosk network with no internet access and no separate web server.
_NINJA_STATIC = Path(ninja.__file__).parent / "static"
_ADMIN_STATIC = Path(django.contrib.admin.__file__).parent / "static"

urlpatterns = [
    path("api/", api.urls),
    path("admin/login/", admin_login),  # before the admin's own: under the sign-in limits (ADR 0010)
    path("admin/", admin.site.urls),
    re_path(r"^static/(?P<path>ninja/.+)$", serve, {"document_root": _NINJA_STATIC}),
    re_path(r"^static/(?P<path>admin/.+)$", serve, {"document_root": _ADMIN_STATIC}),
]
