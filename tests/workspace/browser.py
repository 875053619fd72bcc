"""Headless Chromium from Debian's package (/usr/bin/chromium, installed by scripts/setup test),
driven by Playwright pointed at it: no browser is downloaded."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
"""As the machine's own check starts it: without the networking flags Chromium keeps calling out to
hosts this closed network refuses."""
SHOTS = Path(tempfile.gettempdir()) / "madoguchi-workspace-shots"
"""Screenshots of each page, for a reviewer (kept out of git)."""


@contextmanager
def browser_page() -> Iterator[Page]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            context = browser.new_context(locale="ja-JP", viewport={"width": 1100, "height": 900})
            yield context.new_page()
        finally:
            browser.close()
