"""Golden tables: kana readings and furigana, including every known pitfall of UniDic-lite."""

from __future__ import annotations

import pytest

from accessibility.furigana import annotate, cell_width, inline, kanji_grade, ruby_lines
from accessibility.numbers import number_kana
from accessibility.readings import load_dictionary, readings, to_kana
from accessibility.tokenizer import FugashiTokenizer
from tests.conftest import ROOT

TOKENIZER = FugashiTokenizer()
DICTIONARY = load_dictionary(ROOT / "content" / "readings.toml")


def reading_of(text: str, surface: str) -> str:
    return next(r.kana for r in readings(text, TOKENIZER, DICTIONARY) if r.surface == surface)


@pytest.mark.parametrize(("text", "surface", "kana"), [
    ("毎月1日に", "1日", "ついたち"),       # UniDic-lite: 1か
    ("8日まで", "8日", "ようか"),           # UniDic-lite: か
    ("10日に", "10日", "とおか"),
    ("20日に", "20日", "はつか"),
    ("14日に", "14日", "じゅうよっか"),
    ("1人で", "1人", "ひとり"),             # UniDic-lite: にん
    ("2人で", "2人", "ふたり"),
    ("4人で", "4人", "よにん"),
    ("3本", "3本", "さんぼん"),             # UniDic-lite: ぽん
    ("2本", "2本", "にほん"),
    ("6本", "6本", "ろっぽん"),
    ("8時30分に", "8時", "はちじ"),
    ("8時30分に", "30分", "さんじゅっぷん"),
    ("5時15分", "15分", "じゅうごふん"),
    ("4時", "4時", "よじ"),
    ("9時", "9時", "くじ"),
    ("4月", "4月", "しがつ"),
    ("2026年", "2026年", "にせんにじゅうろくねん"),
    ("20歳", "20歳", "はたち"),
    ("1,000円", "1,000円", "せんえん"),
    ("3階", "3階", "さんがい"),
    ("6か月", "6か月", "ろっかげつ"),
    ("１日", "１日", "ついたち"),            # full-width digits
    ("17:15から", "17:15", "じゅうしちじ じゅうごふん"),
])
def test_numbers_and_counters(text: str, surface: str, kana: str) -> None:
    assert reading_of(text, surface) == kana


@pytest.mark.parametrize(("text", "surface", "kana"), [
    ("電話は0120-95-0178です", "0120-95-0178", "ぜろいちにーぜろ の きゅうごー の ぜろいちななはち"),
    ("外国語は0120-0178-27", "0120-0178-27", "ぜろいちにーぜろ の ぜろいちななはち の にーなな"),
    ("相談は#9110へ", "#9110", "しゃーぷ きゅういちいちぜろ"),
])
def test_phone_numbers_digit_by_digit(text: str, surface: str, kana: str) -> None:
    assert reading_of(text, surface) == kana


@pytest.mark.parametrize(("text", "surface", "kana"), [
    ("伊那市役所に", "伊那市", "いなし"),
    ("富士吉田市で", "富士吉田市", "ふじよしだし"),
    ("保健師に相談", "保健師", "ほけんし"),
])
def test_municipal_dictionary_overrides_unidic(text: str, surface: str, kana: str) -> None:
    assert reading_of(text, surface) == kana
    assert not any(r.surface == surface for r in readings(text, TOKENIZER))  # without it, UniDic splits it


def test_unidic_kana_not_pron() -> None:
    assert reading_of("申請します", "申請") == "しんせい"  # pron would give シンセー


def test_dates_read_whole() -> None:
    text = "2026年4月1日"
    assert "".join(r.kana for r in readings(text, TOKENIZER)) == "にせんにじゅうろくねんしがつついたち"


@pytest.mark.parametrize(("n", "kana"), [(0, "ぜろ"), (11, "じゅういち"), (300, "さんびゃく"), (600, "ろっぴゃく"),
                                         (800, "はっぴゃく"), (3000, "さんぜん"), (8000, "はっせん"),
                                         (10000, "いちまん"), (12345, "いちまんにせんさんびゃくよんじゅうご"),
                                         (10_000_000, "いっせんまん")])
def test_number_kana(n: int, kana: str) -> None:
    assert number_kana(n) == kana


def test_to_kana_for_engines_that_cannot_read_kanji() -> None:
    kana = to_kana("8時30分に伊那市の保健師が来ます。", TOKENIZER, DICTIONARY)
    assert kana == "はちじさんじゅっぷんに いなしの ほけんしが きます。"
    assert not any("\u4e00" <= c <= "\u9fff" for c in kana)


@pytest.mark.parametrize(("text", "expected"), [
    ("受け付けます", "受（う）け付（つ）けます"),      # okurigana excluded
    ("今日は", "今日（きょう）は"),                      # jukujikun: group ruby
    ("大人", "大人（おとな）"),
    ("毎月1日", "毎月（まいつき）1日（ついたち）"),      # number + counter: group ruby
    ("マイナンバーカード", "マイナンバーカード"),        # no kanji, no ruby
    ("0120-95-0178", "0120-95-0178"),
    ("伊那市役所", "伊那市（いなし）役所（やくしょ）"),
    ("申し込み", "申（もう）し込（こ）み"),
])
def test_furigana_inline(text: str, expected: str) -> None:
    assert inline(annotate(text, TOKENIZER, DICTIONARY)) == expected


def test_grade_threshold_skips_easy_kanji() -> None:
    assert kanji_grade("日") == 1 and kanji_grade("付") == 4 and kanji_grade("紛") == 7
    text = "市で紛失した"
    assert inline(annotate(text, TOKENIZER, above_grade=6)) == "市で紛失（ふんしつ）した"
    assert inline(annotate(text, TOKENIZER, above_grade=None)) == "市（し）で紛失（ふんしつ）した"
    assert inline(annotate("受け付け", TOKENIZER, above_grade=3)) == "受け付（つ）け"


def test_ruby_line_is_aligned_by_display_width() -> None:
    [(ruby, base)] = ruby_lines(annotate("交付を受ける", TOKENIZER))
    assert cell_width("交付") == 4 and cell_width("こうふ") == 6
    # 交付 is centred under its wider reading; う starts in the same cell as 受
    assert (ruby, base) == ("こうふ  う", " 交付 を受ける")


def test_ruby_lines_wrap_between_segments() -> None:
    rows = ruby_lines(annotate("市役所の窓口で申請を受け付けます。", TOKENIZER), width=12)
    assert len(rows) > 1
    assert all(cell_width(base) <= 12 and cell_width(ruby) <= 12 for ruby, base in rows)
    assert "".join(base.replace(" ", "") for _r, base in rows) == "市役所の窓口で申請を受け付けます。"


def test_neighbouring_readings_do_not_run_together() -> None:
    [(ruby, base)] = ruby_lines(annotate("4月1日", TOKENIZER))
    assert ruby == "しがつ ついたち" and base.split() == ["4月", "1日"]
