"""The Django admin's sign-in is under the sign-in limits (ADR 0010), across worker processes.

A real `madoguchi serve --workers 2`, a staff account with the admin made by `madoguchi staff add
--admin`, and the admin's own form posted over loopback HTTP, each attempt on a new connection so
both workers take them. Before the limit covered /admin/login/ every wrong password was the form
again (200), however many.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import httpx
import pytest

from backend.limits.rules import SIGNIN_PER_ADDRESS, SIGNIN_PER_USERNAME
from tests.conftest import MADOGUCHI, live_database, madoguchi_env, start_backend, stop_backend
from tests.test_serve_workers import workers_of

pytestmark = [pytest.mark.live, pytest.mark.database]
PASSWORD = "kita-no-hoken-center"


def sign_in(url: str, csrf: tuple[str, str], username: str, password: str) -> httpx.Response:
    cookie, token = csrf
    with httpx.Client(base_url=url, timeout=30, cookies={"csrftoken": cookie}) as client:  # a new connection
        return client.post("/admin/login/", data={"username": username, "password": password,
                                                  "csrfmiddlewaretoken": token, "next": "/admin/"})


def test_admin_sign_in_is_limited_per_username_and_per_address_across_workers(tmp_path: Path) -> None:
    data = tmp_path / "data"
    live_database(data)
    added = subprocess.run([*MADOGUCHI, "staff", "add", "--municipality", "demo", "--username", "hoken1", "--admin"],
                           env=madoguchi_env(data, MADOGUCHI_STAFF_PASSWORD=PASSWORD), capture_output=True,
                           text=True, timeout=120)
    assert added.returncode == 0, added.stderr
    backend = start_backend(data, workers=2)
    try:
        assert len(workers_of(backend.process.pid)) == 2
        form = httpx.get(f"{backend.url}/admin/login/", timeout=30)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        assert form.status_code == 200 and match
        csrf = (form.cookies["csrftoken"], match.group(1))
        right = sign_in(backend.url, csrf, "hoken1", PASSWORD)
        assert right.status_code == 302 and right.headers["Location"] == "/admin/"  # the form works

        wrong = [sign_in(backend.url, csrf, "hoken1", "wrong guess!").status_code
                 for _ in range(SIGNIN_PER_USERNAME.limit)]
        assert wrong == [200] * SIGNIN_PER_USERNAME.limit  # the form again, with its error
        blocked = sign_in(backend.url, csrf, "HOKEN1", PASSWORD)  # even the right password: not tried
        assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
        assert "しばらく ログインできません" in blocked.text

        # Other usernames from the same address: counted per address too (10 so far).
        others = [sign_in(backend.url, csrf, f"guess{n}", "wrong guess!").status_code
                  for n in range(SIGNIN_PER_ADDRESS.limit - SIGNIN_PER_USERNAME.limit)]
        assert others == [200] * len(others)
        assert sign_in(backend.url, csrf, "someone-else", "wrong guess!").status_code == 429
    finally:
        stop_backend(backend)
