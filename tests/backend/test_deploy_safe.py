"""Deploy-safe (issue #15): the production profile, security headers everywhere, docs behind sign-in."""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from backend.municipalities.services import staff_register
from tests.conftest import MADOGUCHI, ROOT, madoguchi_env

pytestmark = pytest.mark.django_db
TEMPLATES = ROOT / "workspace" / "templates" / "workspace"


def production(tmp_path: Path, *args: str, key: bool = True) -> subprocess.CompletedProcess[str]:
    extra = {"MADOGUCHI_PROFILE": "production"}
    if key:
        extra["MADOGUCHI_SECRET_KEY"] = secrets.token_urlsafe(50)
    return subprocess.run(list(args), env=madoguchi_env(tmp_path / "data", **extra), cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_in_the_production_profile(tmp_path: Path) -> None:
    checked = production(tmp_path, sys.executable, "-m", "backend", "check", "--deploy", "--fail-level", "WARNING")
    assert checked.returncode == 0, checked.stderr
    assert "no issues" in checked.stdout


@pytest.mark.parametrize("command", [[sys.executable, "-m", "backend", "check"], [*MADOGUCHI, "serve"]])
def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path, command: list[str]) -> None:
    refused = production(tmp_path, *command, key=False)
    assert refused.returncode == 1
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "MADOGUCHI_SECRET_KEY" in lines[0], refused.stderr
    assert not (tmp_path / "data" / "secret_key").exists()  # no key made up


@pytest.mark.parametrize("path", ["/api/health", "/api/guidance/release", "/staff/login/", "/api/docs",
                                  "/admin/login/", "/nowhere", "/static/workspace/staff.css"])
def test_every_response_carries_the_security_headers(path: str) -> None:
    response = Client().get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self';" in policy
    assert ("'unsafe-inline'" in policy) == path.startswith(("/api/docs", "/admin/"))


def test_staff_pages_need_nothing_inline() -> None:
    """style-src 'self' and script-src 'self' on /staff/: no style attribute, <style>, inline
    script or event handler in any of the templates."""
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\sstyle=|<style|<script(?![^>]*\ssrc=)|\son[a-z]+=", text), template.name
    page = Client().get("/staff/login/").content.decode()
    assert "/static/workspace/staff.css" in page
    assert Client().get("/static/workspace/staff.css").status_code == 200


def test_docs_are_public_in_the_demo_and_behind_sign_in_in_production() -> None:
    assert Client().get("/api/docs").status_code == 200
    assert Client().get("/api/openapi.json").status_code == 200
    with override_settings(API_DOCS_PUBLIC=False):
        for path in ("/api/docs", "/api/openapi.json"):
            hidden = Client().get(path)
            assert hidden.status_code == 302 and hidden["Location"].startswith("/staff/login/?next=")
        from backend.municipalities.models import Municipality

        Municipality.objects.create(code="demo", name="みほん市", is_sample=True)
        member = staff_register(municipality_code="demo", username="clerk", password="kiosk-Workspace-2026")
        client = Client()
        client.force_login(member.user)
        assert client.get("/api/docs").status_code == 200
        assert "/api/guidance/release" in client.get("/api/openapi.json").json()["paths"]
