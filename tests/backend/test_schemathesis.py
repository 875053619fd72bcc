"""The whole API fuzzed by Schemathesis against a real ``madoguchi serve``, with every auth scheme.

Each documented operation gets generated requests, valid and invalid (positive and negative
modes), sent with the credentials its security names: a kiosk device key, a staff account (HTTP
Basic) or a volunteer token. Every answer must be documented (status and, where one is documented,
body) and none may be a server error. Generation is derandomised, so a run is repeatable, and
bounded per operation, so the whole run stays within a couple of minutes.
"""

from __future__ import annotations

import base64
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.conftest import MADOGUCHI, LiveBackend, madoguchi_env, start_backend, stop_backend

pytestmark = pytest.mark.live

EXAMPLES_PER_MODE = 14
"""Per operation and generation mode; about 35 operations × 2 modes × 16 is over 1,000 cases."""
BASIC_EXAMPLES = 3
"""Per staff operation, with HTTP Basic rather than the session (see Credentials.headers)."""
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
PASSWORD = "fuzz-password-long-enough"


@dataclass
class Credentials:
    kiosk: str
    staff: str
    staff_session: dict[str, str]
    """Cookie and CSRF headers of a staff sign-in at /staff/login/ (the StaffSession scheme)."""
    volunteer_token: str

    def headers(self, security: list[dict[str, list[str]]], *, basic: bool) -> dict[str, str]:
        names = {name for requirement in security for name in requirement}
        headers: dict[str, str] = {}
        if "DeviceKey" in names:
            headers["X-Kiosk-Key"] = self.kiosk
        if "StaffBasic" in names:
            # Basic checks the password on every request (PBKDF2, a quarter of a second by design):
            # most staff cases go by the signed-in session instead, to keep the run short.
            headers.update({"Authorization": f"Basic {self.staff}"} if basic else self.staff_session)
        if "VolunteerToken" in names:
            headers["Authorization"] = f"Bearer {self.volunteer_token}"
        return headers


@dataclass
class Tally:
    cases: int = 0
    failures: list[str] = field(default_factory=list)
    signed_in: set[str] = field(default_factory=set)
    """Operations that answered at least once with something else than 401: the credentials work."""


def _add_accounts(backend: LiveBackend) -> Credentials:
    env = madoguchi_env(backend.data_dir, MADOGUCHI_STAFF_PASSWORD=PASSWORD, MADOGUCHI_VOLUNTEER_PASSWORD=PASSWORD)
    subprocess.run([*MADOGUCHI, "staff", "add", "--municipality", "demo", "--username", "fuzz-clerk"],
                   env=env, capture_output=True, timeout=120, check=True)
    subprocess.run([*MADOGUCHI, "volunteers", "add", "--municipality", "demo", "--site", "",
                    "--username", "fuzz-volunteer", "--name", "田中"],
                   env=env, capture_output=True, timeout=120, check=True)
    with httpx.Client(base_url=backend.url, timeout=10) as browser:
        browser.get("/staff/login/").raise_for_status()
        signed_in = browser.post("/staff/login/", data={"username": "fuzz-clerk", "password": PASSWORD,
                                                       "csrfmiddlewaretoken": browser.cookies["csrftoken"]})
        assert signed_in.status_code == 302, signed_in.text
        cookies = {name: browser.cookies[name] for name in ("sessionid", "csrftoken")}
    session = {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
               "X-CSRFToken": cookies["csrftoken"]}
    login = httpx.post(f"{backend.url}/api/volunteer/login",
                       json={"username": "fuzz-volunteer", "password": PASSWORD}, timeout=10)
    login.raise_for_status()
    return Credentials(kiosk=backend.api_key, staff=base64.b64encode(f"fuzz-clerk:{PASSWORD}".encode()).decode(),
                       staff_session=session,
                       volunteer_token=login.json()["token"])


@pytest.fixture(scope="module")
def fuzzed_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveBackend, Credentials]]:
    backend = start_backend(tmp_path_factory.mktemp("fuzz-data"))
    try:
        yield backend, _add_accounts(backend)
    finally:
        stop_backend(backend)


def _fuzz(operation: Any, mode: GenerationMode, base_url: str, credentials: Credentials, tally: Tally, *,
          examples: int = EXAMPLES_PER_MODE, basic: bool = False) -> None:
    security = operation.definition.raw.get("security", operation.schema.raw_schema.get("security", []))
    headers = credentials.headers(security, basic=basic)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def run(case: schemathesis.Case) -> None:
        tally.cases += 1
        try:
            response = case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS, timeout=30)
            if response.status_code != 401:
                tally.signed_in.add(operation.label)
        except FailureGroup as group:
            tally.failures.append(f"{operation.label} [{mode.value}]: {group.exceptions[0].title}\n{str(group)[:1500]}")

    try:
        run()
    except Unsatisfiable:
        assert mode is GenerationMode.NEGATIVE  # nothing to get wrong: an operation with no input


def test_every_operation_answers_as_documented(fuzzed_backend: tuple[LiveBackend, Credentials]) -> None:
    backend, credentials = fuzzed_backend
    schema = schemathesis.openapi.from_url(f"{backend.url}/api/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    # Signing out revokes the token the other volunteer operations use: fuzz it last.
    operations.sort(key=lambda op: op.path.endswith("/logout"))
    tally = Tally()
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            began, before = time.monotonic(), tally.cases
            _fuzz(operation, mode, backend.url, credentials, tally)
            print(f"{operation.label} {mode.value}: {tally.cases - before} in {time.monotonic() - began:.1f}s")
        if "/api/staff/" in operation.path:
            _fuzz(operation, GenerationMode.POSITIVE, backend.url, credentials, tally, examples=BASIC_EXAMPLES,
                  basic=True)
    print(f"schemathesis: {tally.cases} cases over {len(operations)} operations, {len(tally.failures)} failures")
    assert tally.cases >= 1000
    assert tally.signed_in >= {op.label for op in operations if not op.path.endswith("/logout")}
    assert not tally.failures, "\n\n".join(tally.failures[:20])
