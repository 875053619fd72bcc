"""Every interface string of the volunteer console has a current Japanese translation."""

from __future__ import annotations

import re

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from console import i18n
from tests.conftest import ROOT

KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def read(path: str):  # type: ignore[no-untyped-def]
    with (ROOT / "locales" / path).open("rb") as handle:
        return read_po(handle)


def source_messages() -> set[str]:
    found = extract_from_dir(str(ROOT / "console"), method_map=[("**.py", "python")], keywords=KEYWORDS)
    return {message for _file, _line, message, _comments, _context in found if isinstance(message, str)}


def test_the_template_holds_every_console_string() -> None:
    template = {m.id for m in read("console.pot") if m.id}
    missing = sorted(source_messages() - template)
    assert not missing, f"not in locales/console.pot (run scripts/update-catalogs, then translate): {missing}"


def test_japanese_catalog_translates_every_console_string_with_its_placeholders() -> None:
    japanese = {m.id: m for m in read("ja/LC_MESSAGES/console.po") if m.id}
    problems = []
    for msgid in sorted(m.id for m in read("console.pot") if m.id):
        message = japanese.get(msgid)
        if message is None or not message.string or message.fuzzy:
            problems.append(f"untranslated or fuzzy: {msgid!r}")
        elif sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(message.string)):
            problems.append(f"placeholders differ: {msgid!r} -> {message.string!r}")
    assert not problems, "\n".join(problems)


def test_the_console_reads_its_own_domain() -> None:
    i18n.catalog.cache_clear()
    i18n.use_language("ja")
    assert i18n._("Sign in") == "ログイン"
    assert i18n._("Connection lost — retrying") == "接続が切れました。再接続しています…"
    i18n.use_language("en")
    assert i18n._("Sign in") == "Sign in"
