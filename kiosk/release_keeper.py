"""Provides ReleaseKeeper: the guidance release the kiosk shows, fetched, cached and re-checked.

No Textual here: the keeper asks the backend (by ETag), falls back to the checksum-verified cache
when the backend cannot be reached, and parses the catalogue before it adopts a release, so the
kiosk never shows half of an unusable one. What to show while offline is the app's business.
"""

from __future__ import annotations

import logging

from guidance.document import Catalogue, Flow, catalogue_of_release, parse_flow
from kiosk.client import GuidanceClient
from kiosk.errors import BackendUnavailable, ContentMissing, UnexpectedResponse
from kiosk.release_cache import CachedRelease, ReleaseCache

logger = logging.getLogger("kiosk.release")


class ReleaseKeeper:
    """The release in memory (``release``, ``catalogue``) and whether it came from the cache
    because the backend could not be reached (``offline``)."""

    def __init__(self, client: GuidanceClient, cache: ReleaseCache | None) -> None:
        self.client, self.cache = client, cache
        self.release: CachedRelease | None = None
        self.catalogue: Catalogue | None = None
        self.offline = False

    @property
    def ready(self) -> bool:
        """A release is in memory and the backend was there when it was last checked."""
        return self.catalogue is not None and not self.offline

    async def refresh(self) -> bool:
        """Re-check the release with the backend; True when a different release is now in hand.

        The release in memory is as good as the one on disk (both checksum-verified): it is
        re-checked with its ETag, and the disk is read only when the kiosk has none yet.

        Raises:
            BackendUnavailable: the backend cannot be reached and nothing is cached.
            KioskError: any other fault, e.g. UnexpectedResponse for a release with no usable
                catalogue; the release in memory is then kept as it was.
        """
        cached = self.release or (self.cache.load() if self.cache else None)
        try:
            fresh = await self.client.release(cached.checksum if cached else None)
        except BackendUnavailable:
            if cached is None:
                raise
            self.offline = True
            return self._adopt(cached)
        self.offline = False
        if fresh is None:
            assert cached is not None  # 304 answers only the checksum the kiosk sent
            return self._adopt(cached)
        if self.cache:
            self.cache.save(fresh)
        return self._adopt(fresh)

    def _adopt(self, release: CachedRelease) -> bool:
        if self.release is not None and self.catalogue is not None and release.checksum == self.release.checksum:
            return False
        try:
            catalogue = catalogue_of_release(release.version, release.document)
        except (KeyError, TypeError, ValueError) as error:
            logger.warning("release %s has no usable catalogue", release.version)
            raise UnexpectedResponse("the release has no usable catalogue") from error
        self.release, self.catalogue = release, catalogue
        return True

    def flow(self, flow_id: str) -> Flow:
        """One flow of the release in hand: no network, so flows work offline too.

        Raises:
            ContentMissing: no release, no such flow, or a flow of the wrong shape.
        """
        try:
            if self.release is None:
                raise KeyError(flow_id)
            return parse_flow(self.release.document["flows"][flow_id])
        except (KeyError, TypeError, ValueError) as error:
            logger.warning("flow %s missing or unusable in the release", flow_id)
            raise ContentMissing(f"flow {flow_id} missing or unusable") from error
