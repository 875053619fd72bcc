"""jReadability from our tokens agrees with the reference package, and is only applied to prose."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from accessibility.readability import (
    BANDS,
    MIN_PROSE_CHARS,
    assess,
    band_for,
    measure,
)
from accessibility.tokenizer import FugashiTokenizer
from tests.conftest import ROOT

FLOW = tomllib.loads((ROOT / "content" / "flows" / "lost_card.toml").read_text(encoding="utf-8"))
NODES = FLOW["nodes"]

OFFICIALESE = (NODES["suspend_card"]["standard"]["body"] + NODES["police_report"]["standard"]["body"]
               + "\n".join(NODES["outcome_outside"]["standard"]["steps"]))
PLAIN = (NODES["suspend_card"]["plain"]["body"] + NODES["police_report"]["plain"]["body"]
         + "\n".join(NODES["outcome_outside"]["plain"]["steps"]))
MIXED = NODES["lost_at_home"]["standard"]["body"] + NODES["lost_at_home"]["plain"]["body"] + OFFICIALESE[:200]
SPEC_EXAMPLES = [  # shared/reference/plain-japanese.md §0 and §2.1
    "はい。",
    "ここを おして ください。",
    "2025年4月1日から、市役所は 午前9時から 午後5時まで 開いて います。",
    "マイナンバーカードの交付を受けるためには、本人確認書類を持参の上、令和7年4月1日から17時までに"
    "市区町村窓口にお越しいただく必要がございます。書類がなければ申請できないわけではありません。",
]
QUIRKS = [  # what jreadability does and does not treat as a sentence end
    "一行目です\n二行目です\n三行目です",
    "はい! いいえ? わかりません！ほんとう？",
    "全角．ピリオド．",
]


@pytest.fixture(scope="module")
def tokenizer() -> FugashiTokenizer:
    return FugashiTokenizer()


@pytest.fixture(scope="module")
def reference() -> Any:
    """The reference implementation, with one shared tagger (it would build one per call)."""
    import fugashi  # type: ignore[import-untyped]
    import jreadability  # type: ignore[import-untyped]  # the test extra installs it: never skip

    tagger = fugashi.Tagger()
    return lambda text: jreadability.compute_readability(text, tagger)


@pytest.mark.parametrize("text", [OFFICIALESE, PLAIN, MIXED, *SPEC_EXAMPLES, *QUIRKS],
                         ids=["officialese", "plain", "mixed", "hai", "koko", "dates", "spec-officialese",
                              "newlines", "halfwidth-marks", "fullwidth-period"])
def test_score_agrees_with_the_reference_package(tokenizer: FugashiTokenizer, reference: Any, text: str) -> None:
    ours = measure(text, tokenizer)
    assert ours is not None
    assert ours.score == pytest.approx(reference(text), abs=0.01)


def test_officialese_scores_harder_than_its_plain_rewrite(tokenizer: FugashiTokenizer) -> None:
    officialese, plain = measure(OFFICIALESE, tokenizer), measure(PLAIN, tokenizer)
    assert officialese is not None and plain is not None
    assert plain.score - officialese.score > 0.5
    assert officialese.kango_percent > plain.kango_percent


@pytest.mark.parametrize(("text", "score"), [("はい。", 9.51), ("ここを おして ください。", 4.00)])
def test_scores_measured_in_the_research_report(tokenizer: FugashiTokenizer, text: str, score: float) -> None:
    result = measure(text, tokenizer)
    assert result is not None
    assert result.score == pytest.approx(score, abs=0.01)


def test_punctuation_counts_as_a_word_and_only_full_stops_end_sentences(tokenizer: FugashiTokenizer) -> None:
    hai = measure("はい。", tokenizer)
    assert hai is not None and (hai.tokens, hai.sentences) == (2, 1)
    lines = measure("一行目です\n二行目です", tokenizer)
    assert lines is not None and lines.sentences == 1
    two = measure("はい。いいえ", tokenizer)
    assert two is not None and two.sentences == 2 and two.words_per_sentence == pytest.approx(1.5)


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_text_has_no_score(tokenizer: FugashiTokenizer, text: str) -> None:
    assert measure(text, tokenizer) is None
    assessment = assess(text, tokenizer)
    assert (assessment.readability, assessment.reason, assessment.meets_target) == (None, "empty", None)


def test_short_strings_are_not_scored(tokenizer: FugashiTokenizer) -> None:
    assessment = assess("はい。", tokenizer)
    assert assessment.readability is None
    assert (assessment.reason, assessment.chars, assessment.min_chars) == ("too-short", 3, MIN_PROSE_CHARS)


def test_prose_long_enough_is_scored_and_the_limit_is_configurable(tokenizer: FugashiTokenizer) -> None:
    assert len("".join(OFFICIALESE.split())) >= MIN_PROSE_CHARS
    scored = assess(OFFICIALESE, tokenizer)
    assert scored.reason == "" and scored.readability is not None
    assert scored.needs_warning is (scored.readability.score < 3.5)
    body = NODES["suspend_card"]["plain"]["body"]
    assert assess(body, tokenizer).reason == "too-short"
    relaxed = assess(body, tokenizer, min_chars=100)
    assert relaxed.readability is not None and relaxed.meets_target is True


def test_spaces_do_not_count_towards_the_length_limit(tokenizer: FugashiTokenizer) -> None:
    assert assess("は い " * 60, tokenizer, min_chars=121).reason == "too-short"
    assert assess("は い " * 60, tokenizer, min_chars=120).reason == ""


@pytest.mark.parametrize(("score", "name"), [
    (0.5, "上級後半"), (1.44, "上級後半"), (1.46, "上級前半"), (3.0, "中級後半"), (4.44, "中級前半"),
    (4.46, "初級後半"), (5.4, "初級後半"), (5.5, "初級前半"), (6.44, "初級前半"),
])
def test_bands(score: float, name: str) -> None:
    band = band_for(score)
    assert band is not None and band.name == name


@pytest.mark.parametrize("score", [0.44, 6.46, 9.51, -1.0])
def test_scores_off_the_scale_have_no_band(score: float) -> None:
    assert band_for(score) is None


def test_bands_run_from_hardest_to_easiest_without_gaps() -> None:
    assert [band.name for band in BANDS] == ["上級後半", "上級前半", "中級後半", "中級前半", "初級後半", "初級前半"]
    for lower, upper in zip(BANDS, BANDS[1:], strict=False):
        assert upper.low == pytest.approx(lower.high + 0.1)
