"""Provides the site's URL map: the backend's (API, admin, static) and the staff workspace under /staff/."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.static import serve

from backend.config.urls import urlpatterns as backend_urls
from workspace.views import bookings, content, figures, home, releases, share, signin, steps

staff: list[URLPattern | URLResolver] = [
    path("", home.home, name="home"),
    path("login/", signin.StaffLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="workspace:login"), name="logout"),
    path("values/", content.values, name="values"),
    path("publish/", content.publish, name="publish"),
    path("guidance/", content.guidance, name="guidance"),
    path("preview/<slug:flow_id>/<slug:node_id>/", content.preview, name="preview"),
    path("guidance/<slug:flow_id>/<slug:node_id>/", steps.edit, name="step_edit"),
    path("share/", share.share, name="share"),
    path("share/words.json", share.export, name="share_export"),
    path("releases/", releases.releases, name="releases"),
    path("releases/<int:version>/rollback/", releases.rollback, name="rollback"),
    path("audit/", releases.audit, name="audit"),
    path("figures/", figures.dashboard, name="figures"),
    path("figures/<slug:key>.csv", figures.download, name="figures_csv"),
    path("bookings/", bookings.services, name="services"),
    path("bookings/<slug:code>/month/<int:year>/<int:month>/", bookings.month, name="month"),
    path("bookings/<slug:code>/schedule/", bookings.schedule, name="schedule"),
    path("bookings/<slug:code>/upcoming/", bookings.upcoming, name="upcoming"),
    path("bookings/<slug:code>/<str:day>/", bookings.day, name="day"),
    path("bookings/<slug:code>/<str:day>/mark/", bookings.mark, name="mark"),
    path("bookings/<slug:code>/<str:day>/close/", bookings.close, name="close"),
]

_STATIC = Path(__file__).parent / "static"
"""The pages' stylesheet and script, served as the backend serves ninja's and the admin's files."""

urlpatterns = [*backend_urls, path("staff/", include((staff, "workspace"))),
               re_path(r"^static/(?P<path>workspace/.+)$", serve, {"document_root": _STATIC})]
