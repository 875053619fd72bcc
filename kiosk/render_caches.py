"""Provides drop_render_caches: let go of what removed widgets rendered."""

from __future__ import annotations


def drop_render_caches() -> None:
    """Let go of what removed widgets rendered, once a new flow is painted or a session ends.

    Textual 8 memoises ``StylesCache.get_inner_outer`` with ``functools.lru_cache`` on the
    instance method, so up to 1024 caches of removed widgets stay alive with every line they
    rendered (textualize/textual#6665). Every full garbage collection walks them: after ten
    sessions the objects it walks had grown from 50,000 to 200,000 and a collection, which can
    fall in any key press, took over 100 ms. They also kept the words of earlier residents'
    screens in memory. Clearing the cache costs a few recomputed styles.
    """
    from textual._styles_cache import StylesCache

    cache_clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if callable(cache_clear):
        cache_clear()
