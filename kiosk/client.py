"""Provides GuidanceClient: the kiosk's only way to reach the backend (HTTP, via httpx)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from kiosk.errors import BackendUnavailable, ContentMissing, KioskError, NotAuthorised, UnexpectedResponse

if TYPE_CHECKING:
    import httpx

    from kiosk.release_cache import CachedRelease

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

    async def health(self) -> None:
        await self._get("/health")

    async def release(self, cached_checksum: str | None = None) -> CachedRelease | None:
        """The current release, or None when ``cached_checksum`` is still current (304).

        Raises:
            UnexpectedResponse: the document does not match its checksum.
        """
        from kiosk.release_cache import CachedRelease, release_checksum

        data = await self._get("/guidance/release", etag=cached_checksum)
        if data is None:
            return None
        try:
            release = CachedRelease(int(data["version"]), str(data["checksum"]), dict(data["document"]))
        except (KeyError, TypeError, ValueError) as error:
            raise UnexpectedResponse("bad release document") from error
        if release_checksum(release.document) != release.checksum:
            raise UnexpectedResponse("release checksum mismatch")
        return release


__all__ = ["GuidanceClient", "KioskError"]
