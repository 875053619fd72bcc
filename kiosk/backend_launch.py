"""Provides BackendLaunch: the embedded backend started off the UI thread, and its outcome.

With ``madoguchi kiosk`` on the embedded default, the backend boots while the resident reads the
welcome screen; guidance waits for ``ready``. A failure is kept in ``error`` for the command line
to report after the kiosk exits (the resident meets the offline screen meanwhile).
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Callable

from kiosk.client import GuidanceClient

logger = logging.getLogger("kiosk.backend")

BackendStarter = Callable[[], str]
"""Starts an embedded backend (blocking, run on a thread) and returns the device key to use."""


class BackendLaunch:
    def __init__(self, starter: BackendStarter | None) -> None:
        self.starter = starter
        self.ready = asyncio.Event()
        """Set once the embedded backend has started (at once when there is none to start)."""
        self.error: BaseException | None = None
        if starter is None:
            self.ready.set()

    async def start(self, client: GuidanceClient) -> None:
        """Start the backend on a thread; ``client`` then uses the device key it returns."""
        assert self.starter is not None
        try:
            key = await asyncio.to_thread(self.starter)
        except Exception as error:
            logger.exception("embedded backend failed to start")
            self.error = error
        else:
            client.api_key = key or client.api_key
        self.ready.set()
        # Everything loaded so far (Textual, Django, the backend) lives as long as the kiosk: keep
        # it out of the garbage collector's full passes, which otherwise stall a key press.
        gc.collect()
        gc.freeze()
