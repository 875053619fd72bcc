"""The kiosk's re-check answered in front of Django (backend/guidance/release_fast.FrontDoor).

The real ASGI application uvicorn serves, called in-process with the real Django behind it; a spy
between the two counts what reaches Django. An answer from memory must be the very answer Django
gave (headers included), and nothing that Django would refuse may be answered from memory.
"""

from __future__ import annotations

import gzip
from collections.abc import MutableMapping
from typing import Any

import pytest
from django.core.asgi import get_asgi_application

from backend.guidance import release_fast
from backend.guidance.models import ContentRelease
from backend.guidance.services import release_publish, release_rollback
from backend.municipalities.models import KioskDevice
from backend.municipalities.services import device_register
from guidance.model import ContentSet

pytestmark = pytest.mark.django_db(transaction=True)


class Door:
    """FrontDoor over Django, with a count of the requests that reached Django."""

    def __init__(self) -> None:
        django = get_asgi_application()
        self.reached = 0

        async def spy(scope: Any, receive: Any, send: Any) -> None:
            self.reached += 1
            await django(scope, receive, send)

        self.app = release_fast.FrontDoor(spy)

    async def get(self, key: str, query: bytes = b"", **headers: str) -> tuple[int, dict[str, str], bytes]:
        sent: list[MutableMapping[str, Any]] = []
        given = False

        async def receive() -> dict[str, Any]:
            nonlocal given
            if given:  # then only a disconnect, which never comes
                import asyncio

                await asyncio.Event().wait()
            given = True
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: MutableMapping[str, Any]) -> None:
            sent.append(message)

        raw = [(b"host", b"127.0.0.1"), (b"x-kiosk-key", key.encode("latin-1"))]
        raw += [(name.replace("_", "-").lower().encode(), value.encode("latin-1")) for name, value in headers.items()]
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": release_fast.PATH, "raw_path": release_fast.PATH.encode(),
                 "query_string": query, "headers": raw, "client": ("127.0.0.1", 50000),
                 "server": ("127.0.0.1", 8000)}
        await self.app(scope, receive, send)
        start = sent[0]
        answer = {bytes(k).decode().lower(): bytes(v).decode("latin-1") for k, v in start["headers"]}
        answer.pop("date", None)
        body = b"".join(m.get("body", b"") for m in sent[1:])
        return start["status"], answer, body


@pytest.fixture
def key(transactional_db: None, content: ContentSet) -> str:
    from backend.guidance.services import content_import

    content_import(content=content)
    return device_register(municipality_code="demo", name="front door")[1]


async def test_a_re_check_is_django_s_own_answer_from_memory(key: str) -> None:
    door = Door()
    status, first, _ = await door.get(key, accept_encoding="identity")
    assert status == 200 and door.reached == 1
    etag = first["etag"]
    status, slow, _ = await door.get(key, if_none_match=etag)  # Django's first 304, noted
    assert status == 304 and door.reached == 2
    for _ in range(3):
        status, fast, body = await door.get(key, if_none_match=etag)
        assert status == 304 and body == b"" and fast == slow
    assert door.reached == 2  # three re-checks, none reached Django
    assert "frame-ancestors 'none'" in fast["content-security-policy"] and fast["x-content-type-options"] == "nosniff"


async def test_downloads_from_memory_are_the_same_bytes_raw_and_gzipped(key: str) -> None:
    door = Door()
    slow = {encoding: await door.get(key, accept_encoding=encoding) for encoding in ("identity", "gzip")}
    reached = door.reached
    for encoding in ("identity", "gzip"):
        assert await door.get(key, accept_encoding=encoding) == slow[encoding]
    assert door.reached == reached
    assert slow["gzip"][1]["content-encoding"] == "gzip" and "content-encoding" not in slow["identity"][1]
    assert gzip.decompress(slow["gzip"][2]) == slow["identity"][2]


async def test_what_django_refuses_is_never_answered_from_memory(key: str) -> None:
    door = Door()
    etag = (await door.get(key))[1]["etag"]
    await door.get(key, if_none_match=etag)
    reached = door.reached
    assert (await door.get("mdk_wrong_key", if_none_match=etag))[0] == 401
    assert (await door.get(key, if_none_match=etag + "\x00"))[0] == 400
    assert (await door.get(key, query=b"x=1", if_none_match=etag))[0] == 304
    assert door.reached == reached + 3


async def test_publishing_rolling_back_and_switching_off_here_are_seen_at_once(key: str) -> None:
    from asgiref.sync import sync_to_async

    door = Door()
    etag = (await door.get(key))[1]["etag"]
    assert (await door.get(key, if_none_match=etag))[0] == 304
    release = await sync_to_async(ContentRelease.objects.select_related("municipality").get)(
        municipality__code="demo", is_current=True)
    await sync_to_async(release_publish)(municipality=release.municipality,
                                         document={**release.document, "note": "changed"})
    assert (await door.get(key, if_none_match=etag))[0] == 200
    await sync_to_async(release_rollback)(municipality=release.municipality, version=release.version)
    assert (await door.get(key, if_none_match=etag))[0] == 304

    def switch_off() -> None:
        for device in KioskDevice.objects.all():
            device.is_active = False
            device.save()

    await sync_to_async(switch_off)()
    assert (await door.get(key, if_none_match=etag))[0] == 401


async def test_kiosks_answered_from_memory_are_seen_with_the_next_snapshot(key: str) -> None:
    import datetime as dt

    from asgiref.sync import sync_to_async
    from django.utils import timezone

    door = Door()
    etag = (await door.get(key))[1]["etag"]
    await door.get(key, if_none_match=etag)
    earlier = timezone.now() - dt.timedelta(seconds=30)  # recent enough that Django would not write it
    await sync_to_async(KioskDevice.objects.update)(last_seen_at=earlier)
    reached = door.reached
    assert (await door.get(key, if_none_match=etag))[0] == 304 and door.reached == reached  # from memory
    release_fast.forget_current()  # as when the snapshot is a minute old
    assert (await door.get(key, if_none_match=etag))[0] == 304 and door.reached == reached + 1
    seen = await sync_to_async(lambda: list(KioskDevice.objects.values_list("last_seen_at", flat=True)))()
    assert seen and all(when is not None and when > earlier for when in seen)
