"""Lines break by the rules of each script (issue 12), over the real guidance and catalogs:
words stay whole in Vietnamese, Portuguese, Nepali and Korean; Japanese rows never start with a closing
mark; no line is wider than its width and nothing is lost."""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterator

import pytest
from babel.messages.pofile import read_po

from accessibility.furigana import annotate, ruby_lines
from accessibility.linebreak import cell_width, wrap
from accessibility.tokenizer import FugashiTokenizer
from guidance.loader import load_content
from tests.conftest import ROOT

WIDTHS = (18, 24, 36, 56, 76)
NO_LINE_START = "、。，．・：；？！）」』】〕ー"


def strings(value: object, shown: bool = False) -> Iterator[str]:
    """The words residents see: whatever sits under a ``standard`` or ``plain`` register."""
    if isinstance(value, str) and shown:
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, shown or key in ("standard", "plain"))
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, shown)


def guidance_texts() -> list[str]:
    """Every text of every flow in both registers, with the demo municipality's values in it."""
    values = load_content(ROOT / "content").municipalities["demo"].values  # its own over its prefecture's
    texts: set[str] = set()
    for path in sorted([*(ROOT / "content" / "flows").glob("*.toml"),
                        *(ROOT / "content" / "municipalities" / "demo" / "flows").glob("*.toml")]):
        for text in strings(tomllib.loads(path.read_text(encoding="utf-8"))):
            if len(text) > 20 and any("\u3040" <= c <= "\u30ff" for c in text):
                texts.add(text.format_map(values))
    return sorted(texts)


def catalog_texts(language: str) -> list[str]:
    with (ROOT / "locales" / language / "LC_MESSAGES" / "kiosk.po").open("rb") as handle:
        return [m.string for m in read_po(handle) if m.id and isinstance(m.string, str) and len(m.string) > 15]


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("Mang theo giấy chứng nhận cư trú", 16, ("Mang theo giấy", "chứng nhận cư", "trú")),
    ("Leve o cartão ao balcão", 10, ("Leve o", "cartão ao", "balcão")),
    ("कार्ड पसलमा लैजानुहोस्", 12, ("कार्ड पसलमा", "लैजानुहोस्")),
    ("カードを 申し込みます。", 12, ("カードを 申", "し込みます。")),
    ("カードを 申し込みます。", 10, ("カードを", "申し込みま", "す。")),  # never a lone 。
    # Korean breaks at its spaces only (UAX #14 alone: '만들어지' | '고,', '2,000엔' | '(전자').
    ("카드가 만들어지고, 수수료는 2,000엔(전자 증명서", 12,
     ("카드가", "만들어지고,", "수수료는", "2,000엔(전자", "증명서")),
    ("마이나포털(マイナポータル)에서", 40, ("마이나포털(マイナポータル)에서",)),
    # A number keeps its unit: beside the slip's QR code the date broke as '午後3時30' | '分'.
    ("12月7日（月）午後3時30分", 18, ("12月7日（月）午後", "3時30分")),
])
def test_the_breaks_the_issue_saw_are_between_words(text: str, width: int, lines: tuple[str, ...]) -> None:
    assert wrap(text, width) == lines


def test_a_word_longer_than_the_line_breaks_between_grapheme_clusters() -> None:
    lines = wrap("लैजानुहोस्लैजानुहोस्", 6)
    assert all(cell_width(line) <= 6 for line in lines)
    assert not any(line[0] in "\u093e\u093f\u0940\u094d\u0941\u0942\u0947\u0948" for line in lines)  # no orphan sign
    assert "".join(lines) == "लैजानुहोस्लैजानुहोस्"


def in_word(char: str) -> bool:
    """A letter or mark of a script that separates words by spaces."""
    return unicodedata.category(char)[0] in "LM" and unicodedata.east_asian_width(char) not in "WF"


def test_a_korean_word_is_kept_whole_unless_it_is_longer_than_the_line() -> None:
    assert wrap("주민등록증명서발급신청서", 8) == ("주민등록", "증명서발", "급신청서")  # 24 cells, cut
    assert wrap("한국어 日本語", 30) == ("한국어 日本語",)


@pytest.mark.parametrize("language", ["vi", "pt_BR", "ne", "fil", "id", "ko"])
def test_catalog_sentences_wrap_between_words(language: str) -> None:
    for text in catalog_texts(language):
        for width in WIDTHS:
            lines = wrap(text, width)
            assert all(cell_width(line) <= width for line in lines), (text, width, lines)
            if all(cell_width(word) <= width for word in text.split()):
                assert "".join("".join(lines).split()) == "".join(text.split()), (text, width, lines)
                position = 0
                for line in lines[:-1]:  # each break falls at a space, a hyphen or beside CJK
                    position = text.index(line, position) + len(line)
                    before, after = text[position - 1], text[position]
                    assert after.isspace() or before in "-/" or not (in_word(before) and in_word(after)), (
                        text, width, lines)


@pytest.fixture(scope="module")
def tokenizer() -> FugashiTokenizer:
    return FugashiTokenizer()


def test_furigana_rows_of_every_guidance_text(tokenizer: FugashiTokenizer) -> None:
    texts = guidance_texts()
    assert len(texts) > 50
    for text in texts:
        segments = annotate(text, tokenizer)
        for width in WIDTHS[2:]:  # a reading may be 26 cells (さんびゃくろくじゅうごにち)
            rows = ruby_lines(segments, width)
            paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
            for ruby, base in rows:
                assert cell_width(ruby) <= width and cell_width(base) <= width, (text, width, rows)
                starts_paragraph = any(p[:1] == base.strip()[:1] for p in paragraphs)  # ・ as a bullet
                assert base.lstrip()[:1] not in NO_LINE_START or starts_paragraph, (text, width, rows)
            shown = "\n".join(base.strip() for _ruby, base in rows)
            assert "".join(shown.split()) == "".join(text.split()), (text, width)  # nothing lost
            # the spaces of 分かち書き and the line breaks survive furigana (both were dropped)
            assert len(rows) >= len(paragraphs)
            assert shown.count(" ") >= text.strip().count(" ") - len(rows), (text, width, rows)
