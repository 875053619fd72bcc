"""check() finds each plain-Japanese rule where it is broken and stays quiet where it is not."""

from __future__ import annotations

import dataclasses
import re
import time
import tomllib
from pathlib import Path

import pytest

from accessibility.plain_japanese import (
    DEFAULT_PROFILE,
    GLOSSARY,
    RELAXED_PROFILE,
    RULES,
    STRICT_PROFILE,
    BlockKind,
    Finding,
    GlossaryError,
    check,
    load_glossary,
)
from accessibility.tokenizer import FugashiTokenizer
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def tokenizer() -> FugashiTokenizer:
    return FugashiTokenizer()


def spans(text: str, findings: tuple[Finding, ...], rule: str) -> list[str]:
    return [text[f.start:f.end] for f in findings if f.rule == rule]


# rule, text that breaks it, the span it must report, text that does not break it
GOLDEN: list[tuple[str, str, str, str]] = [
    ("sentence-length",
     "マイナンバーカードを なくした ときは、すぐに 電話で カードを 止めて ください。",
     "マイナンバーカードを なくした ときは、すぐに 電話で カードを 止めて ください。",
     "マイナンバーカードを なくしましたか。すぐに 電話で 止めて ください。"),
    ("kanji-density", "東京都の 市役所で 住民票と 印鑑証明を 申し込みます。",
     "東京都の 市役所で 住民票と 印鑑証明を 申し込みます。", "市役所で 申し込みます。"),
    ("kanji-run", "市区町村窓口で 聞いて ください。", "市区町村窓口", "市役所の 窓口で 聞いて ください。"),
    ("katakana-run", "インフォメーションセンターに 行きます。", "インフォメーションセンター",
     "マイナンバーカードを 作ります。"),
    ("desu-masu", "カードを なくした。", "た", "カードを なくしました。"),
    ("double-negative", "できない わけでは ありません。", "できない わけでは ありません",
     "足りない ときは、申し込む ことが できません。"),
    ("passive", "カードを 盗まれました。", "れ", "カードを なくしました。"),
    ("causative", "子どもに 書かせます。", "せ", "子どもが 書きます。"),
    ("keigo", "係の 者が 伺います。", "伺い", "係の 者が 聞きます。"),
    ("loanword", "予約を キャンセルします。", "キャンセル", "マイナンバー カードと マイナポータルを 使います。"),
    ("wareki", "令和7年に 始まります。", "令和7年", "2025年に 始まります。"),
    ("24-hour-time", "17時に 閉まります。", "17時", "24時間 電話が できます。"),
    ("range-tilde", "9時〜12時に 来て ください。", "〜", "9時から 12時までに 来て ください。"),
    ("nominalised-verb", "確認が 必要です。", "確認が 必要", "お金が 必要です。"),
    ("vague", "雨の おそれが あります。", "おそれ", "受理番号を 紙に 書くように 話して ください。"),
    ("difficult-word", "カードを 紛失しました。", "紛失", "カードを なくしました。"),
]


def test_golden_table_covers_every_rule() -> None:
    assert sorted({row[0] for row in GOLDEN}) == sorted(RULES)


@pytest.mark.parametrize(("rule", "positive", "span", "negative"), GOLDEN, ids=[row[0] for row in GOLDEN])
def test_rule_fires_on_its_example_and_not_on_the_plain_one(tokenizer: FugashiTokenizer, rule: str,
                                                             positive: str, span: str, negative: str) -> None:
    assert span in spans(positive, check(positive, tokenizer), rule)
    assert spans(negative, check(negative, tokenizer), rule) == []


@pytest.mark.parametrize(("text", "span"), [
    ("できない わけでは ありません。", "できない わけでは ありません"),
    ("行かなければ なりません。", "行かなければ なりません"),
    ("しないと いけません。", "しないと いけません"),
    ("来なくては なりません。", "来なくては なりません"),
    ("忘れない ことは ありません。", "忘れない ことは ありません"),
    ("雨が 降らないとは 限りません。", "降らないとは 限りません"),
    ("書類が なければ 申し込む ことが できません。", "なければ 申し込む ことが できません"),
])
def test_double_negatives_by_linked_pattern(tokenizer: FugashiTokenizer, text: str, span: str) -> None:
    assert spans(text, check(text, tokenizer), "double-negative") == [span]


@pytest.mark.parametrize("text", [
    "足りないときは、申請できません。",
    "お金が ない ときは カードを 作れません。",
    "わからない ときは 聞いて ください。電話では できません。",
    "行かなくても いいです。",
])
def test_two_plain_negatives_are_not_a_double_negative(tokenizer: FugashiTokenizer, text: str) -> None:
    assert spans(text, check(text, tokenizer), "double-negative") == []


def test_finding_carries_offsets_severity_messages_and_suggestion(tokenizer: FugashiTokenizer) -> None:
    text = "\n  令和7年から 始まります。"
    (finding,) = [f for f in check(text, tokenizer) if f.rule == "wareki"]
    assert (finding.start, finding.end) == (3, 7)
    assert finding.severity == "error"
    assert "令和7年" in finding.message_ja and "2025" in finding.message_en
    assert finding.suggestion == "2025年"
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 0  # type: ignore[misc]


@pytest.mark.parametrize(("text", "suggestion"), [
    ("令和7年", "2025年"), ("平成元年", "1989年"), ("昭和64年", "1989年"),
])
def test_wareki_suggests_the_western_year(tokenizer: FugashiTokenizer, text: str, suggestion: str) -> None:
    assert [f.suggestion for f in check(text, tokenizer) if f.rule == "wareki"] == [suggestion]


@pytest.mark.parametrize(("text", "span", "suggestion"), [
    ("17時に 閉まります。", "17時", "午後5時"),
    ("１３時に 開きます。", "１３時", "午後1時"),
    ("17:30に 閉まります。", "17:30", "午後5時30分"),
    ("24時に 閉まります。", "24時", "午前0時"),
])
def test_24_hour_times(tokenizer: FugashiTokenizer, text: str, span: str, suggestion: str) -> None:
    findings = [f for f in check(text, tokenizer) if f.rule == "24-hour-time"]
    assert [(text[f.start:f.end], f.suggestion) for f in findings] == [(span, suggestion)]


@pytest.mark.parametrize("text", ["9時から 12時まで です。", "午後5時に 閉まります。", "24時間 いつでも できます。",
                                  "8:30に 開きます。"])
def test_morning_times_and_durations_are_not_24_hour_times(tokenizer: FugashiTokenizer, text: str) -> None:
    assert spans(text, check(text, tokenizer), "24-hour-time") == []


@pytest.mark.parametrize("tilde", ["〜", "～", "~"])
def test_every_tilde_is_a_range(tokenizer: FugashiTokenizer, tilde: str) -> None:
    text = f"9時{tilde}12時に 来て ください。"
    assert spans(text, check(text, tokenizer), "range-tilde") == [tilde]


def test_tilde_inside_a_url_is_not_a_range(tokenizer: FugashiTokenizer) -> None:
    text = "https://example.jp/~madoguchi を 見て ください。"
    assert spans(text, check(text, tokenizer), "range-tilde") == []


# ---------------------------------------------------------------- sentences and spaces

def test_spaces_do_not_count_towards_sentence_length(tokenizer: FugashiTokenizer) -> None:
    thirty = "あいうえお かきくけこ さしすせそ たちつてと なにぬねの はひふへほ。"  # 30 characters, 5 spaces
    assert spans(thirty, check(thirty, tokenizer), "sentence-length") == []
    thirty_one = "あいうえお かきくけこ さしすせそ たちつてと なにぬねの はひふへほ ま。"
    assert spans(thirty_one, check(thirty_one, tokenizer), "sentence-length") == [thirty_one]


def test_morae_limit_is_a_warning_and_counts_readings(tokenizer: FugashiTokenizer) -> None:
    text = "電話して ください。"  # デンワ シ テ クダサイ: 9 morae
    at_limit = dataclasses.replace(DEFAULT_PROFILE, max_sentence_morae=9)
    over = dataclasses.replace(DEFAULT_PROFILE, max_sentence_morae=8)
    assert [f for f in check(text, tokenizer, at_limit) if f.rule == "sentence-length"] == []
    (finding,) = [f for f in check(text, tokenizer, over) if f.rule == "sentence-length"]
    assert finding.severity == "warning" and "9" in finding.message_en


@pytest.mark.parametrize(("text", "morae"), [
    ("1,000円 です。", 6),       # せん えん です
    ("0120 です。", 10),         # ゼロ イチ ニー ゼロ, read digit by digit
    ("0120-95 です。", 15),      # 8 + の + 4 + です
    ("24時間 です。", 10),       # に じゅう よん じかん です
])
def test_numbers_are_counted_as_read_aloud(tokenizer: FugashiTokenizer, text: str, morae: int) -> None:
    def flagged(limit: int) -> bool:
        profile = dataclasses.replace(DEFAULT_PROFILE, max_sentence_morae=limit)
        return any(f.rule == "sentence-length" for f in check(text, tokenizer, profile))

    assert not flagged(morae) and flagged(morae - 1)


def test_each_line_is_its_own_sentence(tokenizer: FugashiTokenizer) -> None:
    text = "カードを なくしましたか\n電話で 止めて ください\n"
    assert spans(text, check(text, tokenizer), "desu-masu") == []
    assert spans(text, check(text, tokenizer), "sentence-length") == []


def test_kanji_runs_break_at_spaces(tokenizer: FugashiTokenizer) -> None:
    assert spans("市区町村 窓口", check("市区町村 窓口", tokenizer), "kanji-run") == []


def test_necessary_terms_are_exempt_even_when_spaced(tokenizer: FugashiTokenizer) -> None:
    text = "本人確認書類と 署名用電子証明書を 持って 来て ください。マイナ ポータルで 見ます。"
    findings = check(text, tokenizer)
    assert spans(text, findings, "kanji-run") == []
    assert spans(text, findings, "loanword") == []


# ---------------------------------------------------------------- です/ます

@pytest.mark.parametrize("text", [
    "カードを なくしましたか。", "電話では できません。", "窓口で 聞いて ください。", "行かなくて いいです。",
    "一緒に 行きましょう。", "{office_name} に 行きます（{office_hours}）。", "0120-95-0178",
])
def test_polite_endings_pass(tokenizer: FugashiTokenizer, text: str) -> None:
    assert spans(text, check(text, tokenizer), "desu-masu") == []


@pytest.mark.parametrize(("text", "span", "suggestion"), [
    ("手数料は 1,000円。", "円", "円です"),
    ("受付は 無料だ。", "だ", "です"),
    ("窓口で 申し込む。", "申し込む", ""),
])
def test_plain_endings_fail_with_a_suggestion(tokenizer: FugashiTokenizer, text: str, span: str,
                                              suggestion: str) -> None:
    (finding,) = [f for f in check(text, tokenizer) if f.rule == "desu-masu"]
    assert (text[finding.start:finding.end], finding.suggestion, finding.severity) == (span, suggestion, "error")


def test_headings_items_and_bullet_lines_may_end_in_a_noun(tokenizer: FugashiTokenizer) -> None:
    assert spans("これから する こと", check("これから する こと", tokenizer, kind="heading"), "desu-masu") == []
    assert spans("家の 中で なくした", check("家の 中で なくした", tokenizer, kind="item"), "desu-masu") == []
    bullets = "持ち物:\n・マイナンバーカード\n- 受理番号"
    assert spans(bullets, check(bullets, tokenizer), "desu-masu") == ["持ち物"]


# ---------------------------------------------------------------- keigo, glossary

@pytest.mark.parametrize(("text", "span", "severity", "suggestion"), [
    ("係の 者が 伺います。", "伺い", "error", "聞く / 行く"),
    ("少々 お待ちください。", "お待ちください", "warning", ""),
    ("FAXを ご利用ください。", "ご利用ください", "warning", "利用して ください"),
    ("カードが ございます。", "ござい", "error", "ある / です"),
])
def test_keigo(tokenizer: FugashiTokenizer, text: str, span: str, severity: str, suggestion: str) -> None:
    findings = [f for f in check(text, tokenizer) if f.rule == "keigo"]
    assert [(text[f.start:f.end], f.severity, f.suggestion) for f in findings] == [(span, severity, suggestion)]


@pytest.mark.parametrize("text", ["お金を 払います。", "窓口で 待って ください。", "ここに 書いて ください。"])
def test_polite_prefix_on_a_noun_and_kudasai_are_not_keigo(tokenizer: FugashiTokenizer, text: str) -> None:
    assert spans(text, check(text, tokenizer), "keigo") == []


@pytest.mark.parametrize(("text", "span", "plain"), [
    ("番号を 控えて ください。", "控え", "紙に 書く"),          # lemma: every inflection
    ("一時停止を 申し込みます。", "一時停止", "止める"),          # compound of two tokens
    ("再発行を 申し込みます。", "再発行", "新しく 作る"),
])
def test_difficult_words_come_with_their_replacement(tokenizer: FugashiTokenizer, text: str, span: str,
                                                     plain: str) -> None:
    findings = [f for f in check(text, tokenizer) if f.rule == "difficult-word"]
    assert [(text[f.start:f.end], f.suggestion) for f in findings] == [(span, plain)]


def test_glossary_entries_are_sourced_and_their_replacements_are_plain(tokenizer: FugashiTokenizer) -> None:
    assert len(GLOSSARY) >= 10
    for entry in GLOSSARY:
        assert entry.word and entry.plain and entry.source, entry
        assert spans(entry.plain, check(entry.plain, tokenizer, kind="item"), "difficult-word") == [], entry


def test_a_broken_glossary_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "glossary.toml"
    path.write_text('[[entry]]\nword = "紛失"\n', encoding="utf-8")
    with pytest.raises(GlossaryError, match="plain"):
        load_glossary(path)
    path.write_text("[[entry]\n", encoding="utf-8")
    with pytest.raises(GlossaryError):
        load_glossary(path)


# ---------------------------------------------------------------- profiles

def test_profiles_differ_where_they_should(tokenizer: FugashiTokenizer) -> None:
    text = "市役所の 窓口で 新しい 電話番号を 聞いて ください。"
    assert spans(text, check(text, tokenizer), "kanji-density") == []
    assert spans(text, check(text, tokenizer, STRICT_PROFILE), "kanji-density") == [text]
    loan = "予約を キャンセルします。"
    assert spans(loan, check(loan, tokenizer, RELAXED_PROFILE), "loanword") == []
    assert RELAXED_PROFILE.max_sentence_chars > DEFAULT_PROFILE.max_sentence_chars > STRICT_PROFILE.max_sentence_chars


def test_rules_can_be_switched_off(tokenizer: FugashiTokenizer) -> None:
    profile = dataclasses.replace(DEFAULT_PROFILE, enabled_rules=frozenset(RULES) - {"wareki"})
    assert [f.rule for f in check("令和7年です。", tokenizer, profile)] == []


def test_allowed_loanwords_are_configurable(tokenizer: FugashiTokenizer) -> None:
    text = "予約を キャンセルします。"
    profile = dataclasses.replace(DEFAULT_PROFILE,
                                  allowed_loanwords=DEFAULT_PROFILE.allowed_loanwords | {"キャンセル"})
    assert spans(text, check(text, tokenizer, profile), "loanword") == []


# ---------------------------------------------------------------- robustness, real content, speed

@pytest.mark.parametrize("text", ["", " ", "\n\n", "　", "。", "（）", "0120-95-0178"])
def test_blank_and_odd_input_does_not_crash(tokenizer: FugashiTokenizer, text: str) -> None:
    for finding in check(text, tokenizer):
        assert 0 <= finding.start < finding.end <= len(text)


def plain_fields() -> list[tuple[str, str, BlockKind]]:
    """Every plain-register field of the lost-card flow, with the kind of block it is shown as."""
    flow = tomllib.loads((ROOT / "content" / "flows" / "lost_card.toml").read_text(encoding="utf-8"))
    fields: list[tuple[str, str, BlockKind]] = [("title", flow["title"]["plain"], "heading")]
    for node_id, node in flow["nodes"].items():
        plain = node["plain"]
        fields += [(f"{node_id}.{key}", plain[key], "heading" if key == "title" else "prose")
                   for key in ("title", "body", "hint") if key in plain]
        fields += [(f"{node_id}.steps[{n}]", step, "prose") for n, step in enumerate(plain.get("steps", []))]
        fields += [(f"{node_id}.options.{key}", label, "item") for key, label in plain.get("options", {}).items()]
    return fields


def test_real_plain_content_gives_well_formed_findings(tokenizer: FugashiTokenizer) -> None:
    fields = plain_fields()
    assert len(fields) > 20
    for name, text, kind in fields:
        for finding in check(text, tokenizer, kind=kind):
            assert finding.rule in RULES, name
            assert 0 <= finding.start < finding.end <= len(text), name
            assert text[finding.start:finding.end].strip(), name
            assert finding.message_ja and finding.message_en, name


def test_check_keeps_up_with_a_long_screen(tokenizer: FugashiTokenizer) -> None:
    block = "\n".join(text for _, text, _ in plain_fields())
    text = (block * (5000 // len(block) + 1))[:5000]
    check(text, tokenizer)
    started = time.perf_counter()
    check(text, tokenizer)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5, f"{len(text) / elapsed:.0f} chars/s"


def test_findings_are_sorted_by_position(tokenizer: FugashiTokenizer) -> None:
    text = "令和7年に 紛失した カードを 17時までに 届けて ください。"
    findings = check(text, tokenizer)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert {f.rule for f in findings} >= {"wareki", "difficult-word", "24-hour-time"}
    assert re.search("令和", text[findings[0].start:findings[0].end])
