"""The console's tests read English (the msgids); a test that wants Japanese builds its app with it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from console import i18n


@pytest.fixture(autouse=True)
def english_by_default() -> Iterator[None]:
    """Errors made outside an app (client tests) follow the language last chosen: start from English."""
    i18n.use_language("en")
    yield
    i18n.use_language(i18n.LANGUAGES[0])
