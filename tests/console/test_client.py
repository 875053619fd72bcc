"""VolunteerClient turns every failure into a ConsoleError with words, over httpx.MockTransport."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from console.client import ServerTrouble, VolunteerClient
from console.errors import (
    Conflict,
    InvalidRequest,
    NotFound,
    PersonalDataInNote,
    SignInExpired,
    SignInFailed,
    UnexpectedResponse,
    Unreachable,
)

URL = "http://backend.test"


def client(handler: Callable[[httpx.Request], httpx.Response]) -> VolunteerClient:
    made = VolunteerClient(URL, transport=httpx.MockTransport(handler))
    made.token = "mdv_abc_secret"
    return made


def answer(status: int, body: Any = None, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(status, json=body, headers=headers)


def envelope(code: str, message: str = "", **details: str) -> dict[str, Any]:
    return {"code": code, "message": message, "details": details}


async def test_a_refused_login_is_a_sign_in_failure_without_a_token_sent() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(401, json=envelope("unauthorized"))

    volunteer = VolunteerClient(URL, transport=httpx.MockTransport(handler))
    with pytest.raises(SignInFailed) as raised:
        await volunteer.login("tanaka", "wrong")
    assert raised.value.message == "The username or password is not right"
    assert "authorization" not in seen[0].headers and volunteer.token is None


async def test_a_refused_token_is_an_expired_sign_in() -> None:
    with pytest.raises(SignInExpired) as raised:
        await client(answer(401, envelope("unauthorized", reason="token_expired"))).requests()
    assert raised.value.message == "Your sign-in expired, please sign in again"


async def test_no_answer_and_server_errors_mean_unreachable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(Unreachable) as raised:
        await client(refuse).requests()
    assert raised.value.message == f"Cannot reach the server at {URL}; check the network"
    with pytest.raises(ServerTrouble):
        await client(answer(502, None)).requests()
    with pytest.raises(Unreachable):
        await VolunteerClient("not a url").login("tanaka", "pw")


@pytest.mark.parametrize(("status", "body", "error", "words"), [
    (409, envelope("conflict", reason="already_accepted"), Conflict, "Another volunteer has already taken"),
    (409, envelope("conflict", reason="not_open"), Conflict, "This request has ended"),
    (404, envelope("not_found"), NotFound, "no longer there"),
    (422, envelope("invalid_request"), InvalidRequest, "did not accept"),
    (200, {"unexpected": True}, UnexpectedResponse, "does not understand"),
])
async def test_refusals_have_words(status: int, body: Any, error: type[Exception], words: str) -> None:
    with pytest.raises(error) as raised:  # type: ignore[var-annotated]
        await client(answer(status, body)).accept(1)
    assert words in raised.value.message


async def test_a_note_with_personal_data_carries_the_servers_explanation() -> None:
    said = "The note seems to hold a phone number. Please leave personal contact details out of notes."
    with pytest.raises(PersonalDataInNote) as raised:
        await client(answer(422, envelope("personal_data_in_note", said, reason="phone"))).resolve(1, "solved", "x")
    assert raised.value.message == said and raised.value.reason == "phone"


async def test_a_request_document_becomes_a_dataclass_with_no_room_for_personal_data() -> None:
    detail = {"id": 7, "status": "accepted", "reason": "cant_read", "site": "s", "kiosk": "k", "flow_id": "lost_card",
              "node_id": "where_lost", "step": 2, "language": "en", "modes": {"plain": False, "furigana": True},
              "created_at": "2026-11-28T10:00:00+09:00", "accepted_by": "田中", "position": 0,
              "answers": {"where_lost": "outside"}, "flow_title": "t", "step_title": "st", "hint": "h",
              "kind": "question", "suggestions": [{"id": 1, "action": "plain_on", "status": "pending"}],
              "name_kana": "ヤマダ", "phone": "09012345678"}
    got = await client(answer(200, detail)).request(7)
    assert got.modes == ("furigana",) and got.answers == (("where_lost", "outside"),)
    assert got.suggestions[0].status == "pending"
    assert not hasattr(got, "name_kana") and not hasattr(got, "phone")
