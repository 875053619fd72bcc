"""Every interface string in the kiosk has a current Japanese translation."""

from __future__ import annotations

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from kiosk import i18n
from tests.conftest import ROOT

KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "bilingual": None}


def source_messages() -> set[str]:
    found = extract_from_dir(str(ROOT / "kiosk"), method_map=[("**.py", "python")], keywords=KEYWORDS)
    return {message for _file, _line, message, _comments, _context in found if isinstance(message, str)}


def test_japanese_catalog_translates_every_interface_string() -> None:
    with (ROOT / "locales" / "ja" / "LC_MESSAGES" / "kiosk.po").open("rb") as handle:
        po = read_po(handle)
    current = {m.id for m in po if m.id and m.string and not m.fuzzy}
    missing = sorted(source_messages() - current)
    assert not missing, f"untranslated or fuzzy (run scripts/update-catalogs, then translate): {missing}"


def test_fuzzy_translations_are_never_shown(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "ja" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "kiosk.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                     '#, fuzzy\nmsgid "Next"\nmsgstr "古い訳"\n\nmsgid "Back"\nmsgstr "もどる"\n',
                                     encoding="utf-8")
    monkeypatch.setenv("MADOGUCHI_LOCALES_DIR", str(tmp_path))
    i18n.catalog.cache_clear()
    try:
        i18n.use_language("ja")
        assert i18n._("Back") == "もどる"
        assert i18n._("Next") == "Next"  # stale: English, never the outdated Japanese
    finally:
        i18n.catalog.cache_clear()
