"""ReleaseKeeper over httpx's MockTransport: the backend's answers as the kiosk meets them (200, 304,
down, a bad document, a damaged cache), without Textual."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from guidance.release import checksum
from kiosk.client import GuidanceClient
from kiosk.errors import BackendUnavailable, ContentMissing, UnexpectedResponse
from kiosk.release_cache import CachedRelease, ReleaseCache
from kiosk.release_keeper import ReleaseKeeper

FLOW = {"id": "lost_card", "topic": "card", "start": "a", "title": {"standard": "紛失", "plain": "なくした"},
        "nodes": {"a": {"id": "a", "kind": "outcome", "next": [], "options": [], "handoff": None, "service": None,
                        "sources": [], "text": {r: {"title": "t", "body": "b"} for r in ("standard", "plain")}}}}


def document(name: str = "みほん市") -> dict[str, Any]:
    return {"municipality": {"code": "demo", "name": name, "sample": True, "values": {}}, "readings": {},
            "topics": [{"id": "card", "title": {"standard": "カード", "plain": "カード"},
                        "flows": [{"id": "lost_card", "title": FLOW["title"]}]}],
            "flows": {"lost_card": FLOW}}


class Backend:
    """Answers /api/guidance/release as the real endpoint does (ETag, 304), or is down."""

    def __init__(self, doc: dict[str, Any], version: int = 1) -> None:
        self.doc, self.version, self.down, self.seen = doc, version, False, []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("refused", request=request)
        self.seen.append(request.headers.get("If-None-Match"))
        digest = checksum(self.doc)
        if request.headers.get("If-None-Match") == f'"{digest}"':
            return httpx.Response(304)
        return httpx.Response(200, json={"version": self.version, "checksum": digest, "document": self.doc})


def keeper(backend: Backend, cache: ReleaseCache | None = None) -> ReleaseKeeper:
    client = GuidanceClient("http://backend.test", "key", transport=httpx.MockTransport(backend))
    return ReleaseKeeper(client, cache)


async def test_first_fetch_adopts_and_caches_then_a_recheck_is_a_304(tmp_path: Path) -> None:
    backend, cache = Backend(document()), ReleaseCache(tmp_path)
    releases = keeper(backend, cache)
    assert await releases.refresh() is True
    assert releases.ready and releases.catalogue is not None and releases.catalogue.municipality.name == "みほん市"
    assert cache.load() is not None
    assert await releases.refresh() is False
    assert backend.seen == [None, f'"{checksum(backend.doc)}"']  # the re-check sends the ETag


async def test_a_new_release_replaces_the_catalogue() -> None:
    backend = Backend(document())
    releases = keeper(backend)
    await releases.refresh()
    backend.doc, backend.version = document("あたらし市"), 2
    assert await releases.refresh() is True
    assert releases.catalogue is not None and releases.catalogue.municipality.name == "あたらし市"


async def test_backend_down_uses_the_cache_and_says_offline(tmp_path: Path) -> None:
    doc = document()
    cache = ReleaseCache(tmp_path)
    cache.save(CachedRelease(3, checksum(doc), doc))
    backend = Backend(doc)
    backend.down = True
    releases = keeper(backend, cache)
    await releases.refresh()
    assert releases.offline and not releases.ready
    assert releases.release is not None and releases.release.version == 3
    backend.down = False
    await releases.refresh()
    assert not releases.offline and releases.ready


async def test_backend_down_with_nothing_cached_raises() -> None:
    backend = Backend(document())
    backend.down = True
    with pytest.raises(BackendUnavailable):
        await keeper(backend).refresh()


async def test_a_damaged_cache_is_not_shown(tmp_path: Path) -> None:
    doc = document()
    (tmp_path / "release.json").write_text(json.dumps({"version": 1, "checksum": "0" * 64, "document": doc}))
    backend = Backend(doc)
    backend.down = True
    with pytest.raises(BackendUnavailable):
        await keeper(backend, ReleaseCache(tmp_path)).refresh()


async def test_a_release_without_a_usable_catalogue_keeps_the_one_in_hand() -> None:
    backend = Backend(document())
    releases = keeper(backend)
    await releases.refresh()
    shown = releases.release
    backend.doc, backend.version = {"municipality": {}, "topics": "no", "flows": {}}, 2
    with pytest.raises(UnexpectedResponse):
        await releases.refresh()
    assert releases.release is shown and releases.catalogue is not None


async def test_flows_come_from_the_release_in_hand() -> None:
    backend = Backend(document())
    releases = keeper(backend)
    with pytest.raises(ContentMissing):
        releases.flow("lost_card")  # no release yet
    await releases.refresh()
    backend.down = True  # no network needed
    assert releases.flow("lost_card").start == "a"
    with pytest.raises(ContentMissing):
        releases.flow("no_such_flow")
