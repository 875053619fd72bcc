"""Every machine-assisted interface catalog is complete, current, marked for review and loaded by i18n."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from kiosk import i18n
from tests.conftest import ROOT

LANGUAGES = ("zh_Hans", "ko", "vi", "pt_BR", "ne", "fil", "id")
"""Catalogs written with machine assistance; each waits for a native speaker's review."""

REVIEW_NOTE = "machine-assisted: needs review by a native speaker"
TRANSLATOR = "Madoguchi developers (machine-assisted, needs native review)"

KEPT = {
    r"My Number Card": "マイナンバーカード", r"My Number": "マイナンバー", r"[Pp]lain Japanese": "やさしい日本語",
    r"\bF1\b": "F1", r"\bEnter\b": "Enter", "⌫": "⌫", "✓": "✓",
}
"""Patterns in a msgid, and what its translation must keep: words a resident says or shows at a counter
(in Japanese), and the names of keys."""


def read(path: str) -> Catalog:
    with (ROOT / "locales" / path).open("rb") as handle:
        return read_po(handle)


def template_ids() -> list[str]:
    return [str(m.id) for m in read("kiosk.pot") if m.id]


def fields(text: str) -> list[str]:
    return sorted(name for _text, name, _spec, _conv in string.Formatter().parse(text) if name is not None)


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def po(language: str) -> Catalog:
    return read(f"{language}/LC_MESSAGES/kiosk.po")


@pytest.fixture
def fresh_i18n() -> Iterator[None]:
    i18n.catalog.cache_clear()
    yield
    i18n.catalog.cache_clear()
    i18n.use_language(i18n.LANGUAGES[0])


def test_every_interface_string_is_translated_and_current(po: Catalog) -> None:
    missing = [msgid for msgid in template_ids() if (m := po.get(msgid)) is None or not m.string or m.fuzzy]
    assert not missing, f"untranslated or fuzzy (babel update, then translate): {missing}"
    assert not po.fuzzy and not po.obsolete


def test_placeholders_are_the_msgids_own(po: Catalog) -> None:
    wrong = [(m.id, m.string) for m in po if m.id and fields(str(m.string)) != fields(str(m.id))]
    assert not wrong


def test_every_entry_is_marked_machine_assisted(po: Catalog) -> None:
    unmarked = [m.id for m in po if m.id and REVIEW_NOTE not in (*m.auto_comments, *m.user_comments)]
    assert not unmarked
    assert po.last_translator == TRANSLATOR


def test_words_said_at_the_counter_stay_in_japanese(po: Catalog) -> None:
    lost = [(m.id, m.string) for m in po if m.id for pattern, kept in KEPT.items()
            if re.search(pattern, str(m.id)) and kept not in str(m.string)]
    assert not lost


def test_the_catalog_header_names_its_language(language: str, po: Catalog) -> None:
    assert str(po.locale) == language


def test_i18n_reads_the_catalog(language: str, po: Catalog, fresh_i18n: None) -> None:
    loaded = i18n.catalog(language)
    assert loaded == {str(m.id): str(m.string) for m in po if m.id}
    assert set(template_ids()) <= set(loaded)


@pytest.mark.parametrize("code", LANGUAGES)
def test_use_language_shows_the_translation(code: str, fresh_i18n: None) -> None:
    if code not in i18n.LANGUAGES:
        pytest.xfail(f"kiosk.i18n.LANGUAGES does not list {code!r} yet, so use_language falls back to Japanese")
    i18n.use_language(code)
    assert i18n.current_language() == code
    for msgid, text in i18n.catalog(code).items():
        assert i18n._(msgid) == text
