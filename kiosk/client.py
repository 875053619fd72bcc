"""Provides GuidanceClient: the kiosk's only way to reach the backend (HTTP, via httpx)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from kiosk.errors import (
    BackendUnavailable,
    BookingConflict,
    BookingNotFound,
    ContentMissing,
    InvalidInput,
    KioskError,
    NotAuthorised,
    UnexpectedResponse,
)

if TYPE_CHECKING:
    import httpx

    from kiosk.release_cache import CachedRelease
    from kiosk.state import SessionFigures

logger = logging.getLogger("kiosk.client")


class GuidanceClient:
    """Typed calls to the API. Transport and HTTP failures become ``KioskError`` subclasses.

    Args:
        base_url: the backend's base URL (without /api).
        api_key: the device key, or None until the embedded backend has issued one.
        timeout: seconds per request.
        transport: an httpx transport, for tests that need one.
    """

    def __init__(self, base_url: str, api_key: str | None = None, *, timeout: float = 5.0,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self._timeout, self._transport = timeout, transport
        self._http: httpx.AsyncClient | None = None
        """Created on the first request, so the first screen does not wait for httpx and TLS set-up."""

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()

    async def _get(self, path: str, etag: str | None = None) -> Any:
        """The JSON body, or None for 304 Not Modified (only when ``etag`` is given)."""
        import httpx

        if self._http is None:
            self._http = httpx.AsyncClient(timeout=self._timeout, transport=self._transport)
        headers = {"X-Kiosk-Key": self.api_key} if self.api_key else {}
        if etag:
            headers["If-None-Match"] = f'"{etag}"'
        try:
            response = await self._http.get(f"{self.base_url}/api{path}", headers=headers)
        except httpx.TransportError as error:
            logger.warning("backend unreachable: %s %s", path, type(error).__name__)
            raise BackendUnavailable(type(error).__name__) from error
        if response.status_code == 401:
            raise NotAuthorised(f"401 on {path}")
        if response.status_code == 404:
            raise ContentMissing(f"404 on {path}")
        if response.status_code == 304 and etag:
            return None
        if response.status_code >= 500:
            logger.warning("backend error %s on %s", response.status_code, path)
            raise BackendUnavailable(f"{response.status_code} on {path}")
        if response.status_code != 200:
            raise UnexpectedResponse(f"{response.status_code} on {path}")
        try:
            return response.json()
        except ValueError as error:
            raise UnexpectedResponse(f"invalid JSON on {path}") from error

    async def _send(self, method: str, path: str, *, body: Any = None,
                    headers: dict[str, str] | None = None) -> Any:
        """A booking call: the JSON body on 2xx; 409 → BookingConflict, 422 → InvalidInput.

        Request bodies hold a name and phone number: they are never logged, and errors carry only
        status codes and the backend's machine-readable code.
        """
        import httpx

        if self._http is None:
            self._http = httpx.AsyncClient(timeout=self._timeout, transport=self._transport)
        sent = {"X-Kiosk-Key": self.api_key} if self.api_key else {}
        sent.update(headers or {})
        try:
            response = await self._http.request(method, f"{self.base_url}/api{path}", json=body, headers=sent)
        except httpx.TransportError as error:
            logger.warning("backend unreachable: %s %s", method, type(error).__name__)
            raise BackendUnavailable(type(error).__name__) from error
        status = response.status_code
        if status == 204:
            return None
        try:
            data = response.json()
        except ValueError:
            data = None
        code = data.get("code", "") if isinstance(data, dict) else ""
        if status == 401:
            raise NotAuthorised(f"401 on {method} booking")
        if status == 404:
            raise BookingNotFound(f"404 {code}")
        if status == 409:
            raise BookingConflict(code or "conflict", f"409 {code}")
        if status == 422:
            errors = data.get("details", {}).get("errors", []) if isinstance(data, dict) else []
            fields = tuple(str(e.get("location", [""])[-1]) for e in errors if isinstance(e, dict))
            raise InvalidInput(fields, f"422 on {method} booking")
        if status >= 500:
            logger.warning("backend error %s on %s booking", status, method)
            raise BackendUnavailable(f"{status}")
        if status not in (200, 201) or data is None:
            raise UnexpectedResponse(f"{status} on {method} booking")
        return data

    async def services(self, kind: str | None) -> list[dict[str, Any]]:
        return list(await self._send("GET", "/booking/services" + (f"?kind={kind}" if kind else "")))

    async def slots(self, service: str, start: str, end: str | None = None) -> list[dict[str, Any]]:
        """Free slots from ``start``; without ``end``, up to the last day the service takes bookings for."""
        query = f"start={start}" + (f"&end={end}" if end else "")
        data = await self._send("GET", f"/booking/services/{service}/slots?{query}")
        return list(data["slots"])

    async def hold(self, slot_id: int) -> dict[str, Any]:
        return dict(await self._send("POST", "/booking/holds", body={"slot_id": slot_id}))

    async def release_hold(self, token: str) -> None:
        await self._send("DELETE", f"/booking/holds/{token}")

    async def book(self, *, hold: str, name_kana: str, phone: str, idempotency_key: str) -> dict[str, Any]:
        """Book from a hold. Retrying with the same ``idempotency_key`` never books twice: the
        backend answers a retry with the first booking."""
        return dict(await self._send("POST", "/booking/appointments",
                                     body={"hold": hold, "name_kana": name_kana, "phone": phone},
                                     headers={"Idempotency-Key": idempotency_key}))

    async def help_create(self, reason: str, context: dict[str, Any]) -> dict[str, Any]:
        return dict(await self._send("POST", "/help/requests", body={"reason": reason, **context}))

    async def help_status(self, request_id: int) -> dict[str, Any]:
        return dict(await self._send("GET", f"/help/requests/{request_id}"))

    async def help_context(self, request_id: int, context: dict[str, Any]) -> dict[str, Any]:
        return dict(await self._send("POST", f"/help/requests/{request_id}/context", body=context))

    async def help_cancel(self, request_id: int) -> None:
        await self._send("POST", f"/help/requests/{request_id}/cancel")

    async def suggestion_answer(self, suggestion_id: int, accepted: bool) -> None:
        await self._send("POST", f"/help/suggestions/{suggestion_id}/answer", body={"accepted": accepted})

    async def session_record(self, figures: SessionFigures, assisted: bool) -> None:
        """Count a finished session: content ids, the language and yes/no only. Nothing else."""
        body: dict[str, Any] = {"flows": sorted(figures.flows), "completed": sorted(figures.completed),
                "last_flow": figures.last_flow, "last_node": figures.last_node, "assisted": assisted,
                "modes": {"plain": figures.plain, "furigana": figures.furigana,
                          "high_contrast": figures.high_contrast, "read_aloud": figures.read_aloud}}
        if figures.language:
            body["language"] = figures.language
        await self._send("POST", "/help/sessions", body=body)

    async def health(self) -> None:
        await self._get("/health")

    async def release(self, cached_checksum: str | None = None) -> CachedRelease | None:
        """The current release, or None when ``cached_checksum`` is still current (304).

        Raises:
            UnexpectedResponse: the document does not match its checksum.
        """
        from guidance.release import checksum
        from kiosk.release_cache import CachedRelease

        data = await self._get("/guidance/release", etag=cached_checksum)
        if data is None:
            return None
        try:
            release = CachedRelease(int(data["version"]), str(data["checksum"]), dict(data["document"]))
        except (KeyError, TypeError, ValueError) as error:
            raise UnexpectedResponse("bad release document") from error
        if checksum(release.document) != release.checksum:
            raise UnexpectedResponse("release checksum mismatch")
        return release


__all__ = ["GuidanceClient", "KioskError"]
