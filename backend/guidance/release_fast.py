"""Provides FrontDoor: a kiosk's re-check of its release answered from memory, in front of Django.

Every kiosk asks every minute whether its release is still the current one; almost always it is.
The view (backend/guidance/api.py) does the real work and, on the way, fills small caches of this
worker process; FrontDoor, the ASGI application uvicorn serves, answers GET /api/guidance/release
from them alone (no thread, no request object, no middleware, no database), and only when all of
them hold:

- the device key, as its SHA-256 (never the key itself), → the kiosk's municipality, for
  ``DEVICE_SECONDS``: an unknown or wrong key always goes the whole way, through the rate limit
  of wrong keys, and a known one goes the whole way at least that often, so "last seen" is kept
  (written at most once a minute anyway) and a deactivated key stops working within that time;
- the municipality's current release (pk, checksum), for ``CURRENT_SECONDS``: a release published
  or rolled back in another worker reaches kiosks that much later (this worker forgets at once);
- the bytes of that release, raw or gzipped: a release never changes, so they are kept by pk,
  up to ``BYTES_LIMIT`` in all, least recently used first out.

- the headers Django sent with its own last answer of that kind (status, gzip or not) to that
  host and scheme: the security headers (CSP, HSTS, frame options…) are the ones Django's
  middleware chose, never a second copy of them kept here.

Anything else (a query string, a NUL, an unknown key, a HEAD, another path) goes to Django, whose
answers are what these are copied from. docs/decisions/0014-release-endpoint.md says why and what
it costs.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, Generic, TypeVar

from django.http import HttpRequest, HttpResponse

PATH = "/api/guidance/release"
DEVICE_SECONDS = 30.0
CURRENT_SECONDS = 2.0
BYTES_LIMIT = 64 * 1024 * 1024
K = TypeVar("K")
V = TypeVar("V")


class _Expiring(Generic[K, V]):
    """key → value, each forgotten ``seconds`` after it was put."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._items: dict[K, tuple[float, V]] = {}

    def get(self, key: K) -> V | None:
        item = self._items.get(key)
        if item is None or item[0] < time.monotonic():
            return None
        return item[1]

    def put(self, key: K, value: V) -> None:
        if len(self._items) > 100_000:  # a bound, not a policy: every entry is refilled on a miss
            self._items.clear()
        self._items[key] = (time.monotonic() + self.seconds, value)

    def clear(self) -> None:
        self._items.clear()


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

_devices: _Expiring[bytes, int] = _Expiring(DEVICE_SECONDS)
_current: _Expiring[int, tuple[int, str]] = _Expiring(CURRENT_SECONDS)
_bytes = _Bytes(BYTES_LIMIT)
_answers: dict[tuple[bytes, ...], Headers] = {}
"""(status, gzip, scheme, host, forwarded scheme) → the headers of Django's answer, less those
that vary with the release (ETag, Content-Length)."""
_PER_RELEASE = {b"etag", b"content-length", b"date", b"server"}


def _key_hash(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


def remember_device(key: str, municipality_id: int) -> None:
    _devices.put(_key_hash(key), municipality_id)


def remember_current(municipality_id: int, pk: int, checksum: str) -> None:
    _current.put(municipality_id, (pk, checksum))


def remember_bytes(pk: int, gzip: bool, body: bytes) -> None:
    _bytes.put((pk, gzip), body)


def forget() -> None:
    """Forget everything (a release published or rolled back in this process; tests)."""
    _devices.clear()
    _current.clear()
    _bytes.clear()
    _answers.clear()


def forget_current() -> None:
    _current.clear()


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
    headers = _request_headers(scope)
    if headers is None or b"x-kiosk-key" not in headers:
        return None
    municipality_id = _devices.get(_key_hash(headers[b"x-kiosk-key"].decode("latin-1")))
    current = _current.get(municipality_id) if municipality_id is not None else None
    if current is None:
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
