"""Provides FrontDoor: a kiosk's re-check of its release answered from memory, in front of Django.

Every kiosk asks every minute whether its release is still the current one; almost always it is.
1,741 municipalities × 10 kiosks is 290 such questions a second. FrontDoor, the ASGI application
uvicorn serves, answers GET /api/guidance/release from this worker's memory alone (no thread, no
request object, no middleware, no database) when it holds all of:

- a snapshot of every active kiosk device (SHA-256 of its key, as stored → the device and its
  municipality) and of every municipality's current release (pk, checksum), taken by the view
  (backend/guidance/api.py) with two queries at most every ``SNAPSHOT_SECONDS`` (60;
  ``MADOGUCHI_RELEASE_SNAPSHOT_SECONDS``). Between two
  snapshots the devices answered from memory are noted and their "last seen" is written with the
  next snapshot, in one UPDATE. A release published or rolled back, or a device changed, in this
  worker drops the snapshot at once; in another worker it is seen with that worker's next
  snapshot, so a kiosk meets a new release within two minutes of its publication and a switched
  off key is refused on this endpoint within one (at once on every other endpoint);
- the bytes of that release, raw or gzipped: a release never changes, so they are kept by pk,
  up to ``BYTES_LIMIT`` in all, least recently used first out;
- the headers Django sent with its own last answer of that kind (status, gzip or not) to that
  host and scheme: the security headers (CSP, HSTS, frame options…) are the ones Django's
  middleware chose, never a second copy of them kept here.

Anything else (a query string, a NUL, an unknown key, a HEAD, another path, no snapshot) goes to
Django, whose answers these are copied from: an unknown key meets authentication and the rate
limit of wrong keys there. docs/decisions/0014-release-endpoint.md says why and what it costs.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse

from backend.config import env

PATH = "/api/guidance/release"
SNAPSHOT_SECONDS = float(env.release_snapshot_seconds())
BYTES_LIMIT = 64 * 1024 * 1024


@dataclass(frozen=True)
class Snapshot:
    devices: dict[str, tuple[int, int]]
    """SHA-256 hex of an active device's key → (device id, municipality id)."""
    current: dict[int, tuple[int, str]]
    """municipality id → (pk, checksum) of its current release."""
    taken: float = field(default_factory=time.monotonic)

    @property
    def fresh(self) -> bool:
        return time.monotonic() - self.taken < SNAPSHOT_SECONDS


class _Bytes:
    """(release pk, gzipped) → body, least recently used out past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[tuple[int, bool], bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[int, bool]) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: tuple[int, bool], body: bytes) -> None:
        if len(body) > self.limit:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = body
            self._size += len(body)
            while self._size > self.limit:
                _old, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0


Headers = list[tuple[bytes, bytes]]

_snapshot: Snapshot | None = None
_refreshing = threading.Lock()
_seen: set[int] = set()
"""Devices answered from memory since the last snapshot: their "last seen" is written with the next."""
_bytes = _Bytes(BYTES_LIMIT)
_answers: dict[tuple[bytes, ...], Headers] = {}
"""(status, gzip, scheme, host, forwarded scheme) → the headers of Django's answer, less those
that vary with the release (ETag, Content-Length)."""
_PER_RELEASE = {b"etag", b"content-length", b"date", b"server"}


def refresh() -> None:
    """Take a new snapshot if there is none or it is old (from the view: Django's thread, its
    database connection); one thread at a time, the others go on without waiting."""
    global _snapshot
    if (_snapshot is not None and _snapshot.fresh) or not _refreshing.acquire(blocking=False):
        return
    try:
        from django.utils import timezone

        from backend.guidance.models import ContentRelease
        from backend.municipalities.models import KioskDevice

        seen = list(_seen)
        _seen.difference_update(seen)
        if seen:
            KioskDevice.objects.filter(pk__in=seen).update(last_seen_at=timezone.now())
        devices = {key_hash: (pk, municipality) for pk, key_hash, municipality in
                   KioskDevice.objects.filter(is_active=True).values_list("pk", "key_hash", "municipality_id")}
        current = {municipality: (pk, checksum) for municipality, pk, checksum in
                   ContentRelease.objects.filter(is_current=True).values_list("municipality_id", "pk", "checksum")}
        _snapshot = Snapshot(devices=devices, current=current)
    finally:
        _refreshing.release()


def remember_bytes(pk: int, gzip: bool, body: bytes) -> None:
    _bytes.put((pk, gzip), body)


def forget_current() -> None:
    """Drop the snapshot (a release published or rolled back, a device changed, in this process)."""
    global _snapshot
    _snapshot = None


def forget() -> None:
    """Forget everything (tests: each starts on a new database)."""
    forget_current()
    _seen.clear()
    _bytes.clear()
    _answers.clear()


def tagged(response: HttpResponse, checksum: str) -> HttpResponse:
    """The headers of every answer of the endpoint: the checksum as ETag, revalidate each time."""
    response["ETag"] = f'"{checksum}"'
    response["Cache-Control"] = "no-cache"
    response["Vary"] = "Accept-Encoding"
    return response


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding value lists gzip (or *) without q=0."""
    for item in accept_encoding.split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            quality = params.strip().removeprefix("q=")
            return not (params and quality.replace(".", "").strip("0") == "")
    return False


def not_modified(if_none_match: str, checksum: str) -> bool:
    sent = {tag.strip() for tag in if_none_match.split(",")}
    return f'"{checksum}"' in sent or "*" in sent


def release_response(request: HttpRequest, checksum: str, body: Callable[[bool], bytes]) -> HttpResponse:
    """304 when the kiosk holds ``checksum``, else the body (gzipped when accepted)."""
    if not_modified(request.headers.get("If-None-Match", ""), checksum):
        return tagged(HttpResponse(status=304), checksum)
    gzip = accepts_gzip(request.headers.get("Accept-Encoding", ""))
    response = tagged(HttpResponse(body(gzip), content_type="application/json"), checksum)
    if gzip:
        response["Content-Encoding"] = "gzip"
    return response


# -- in front of Django ----------------------------------------------------------------------------

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def _request_headers(scope: Scope) -> dict[bytes, bytes] | None:
    """The request's headers by lower-case name; None when one holds a NUL (Django refuses it)."""
    headers: dict[bytes, bytes] = {}
    for name, value in scope.get("headers", ()):
        if b"\x00" in value or b"\x00" in name:
            return None
        headers[name.lower()] = value
    return headers


def _answer_key(scope: Scope, headers: dict[bytes, bytes], status: int, gzip: bool) -> tuple[bytes, ...]:
    return (str(status).encode(), b"gzip" if gzip else b"", str(scope.get("scheme", "http")).encode(),
            headers.get(b"host", b""), headers.get(b"x-forwarded-proto", b""))


def _from_memory(scope: Scope) -> tuple[int, Headers, bytes] | None:
    if scope.get("query_string"):
        return None
    snapshot = _snapshot
    if snapshot is None or not snapshot.fresh:
        return None
    headers = _request_headers(scope)
    if headers is None or b"x-kiosk-key" not in headers:
        return None
    device = snapshot.devices.get(hashlib.sha256(headers[b"x-kiosk-key"]).hexdigest())
    current = snapshot.current.get(device[1]) if device is not None else None
    if device is None or current is None:
        return None
    pk, checksum = current
    gzip = accepts_gzip(headers.get(b"accept-encoding", b"").decode("latin-1"))
    if not_modified(headers.get(b"if-none-match", b"").decode("latin-1"), checksum):
        status, body, gzip = 304, b"", False
    else:
        status, stored = 200, _bytes.get((pk, gzip))
        if stored is None:
            return None
        body = stored
    learned = _answers.get(_answer_key(scope, headers, status, gzip))
    if learned is None:
        return None
    _seen.add(device[0])
    return status, [*learned, (b"etag", f'"{checksum}"'.encode()),
                    (b"content-length", str(len(body)).encode())], body


class FrontDoor:
    """The ASGI application: GET /api/guidance/release from memory when it can, else Django."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" or scope.get("path") != PATH:
            await self.app(scope, receive, send)
            return
        answer = _from_memory(scope)
        if answer is None:
            await self.app(scope, receive, self._learning(scope, send))
            return
        status, headers, body = answer
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _learning(scope: Scope, send: Send) -> Send:
        """``send``, noting the headers of Django's 200 or 304 for the answers made from memory."""

        async def noting(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start" and message["status"] in (200, 304):
                sent = [(bytes(name).lower(), bytes(value)) for name, value in message.get("headers", ())]
                gzip = (b"content-encoding", b"gzip") in sent
                headers = _request_headers(scope)
                if headers is not None:
                    if len(_answers) > 1000:  # a bound: hosts are those Django accepted
                        _answers.clear()
                    _answers[_answer_key(scope, headers, message["status"], gzip)] = [
                        (name, value) for name, value in sent if name not in _PER_RELEASE]
            await send(message)

        return noting
