"""Provides the tables about help requests (outcomes, answers, waiting times) and bookings
(made, cancelled, no-shows). Pure: facts in, protected tables out."""

from __future__ import annotations

import statistics

from backend.figures import labels
from backend.figures.selectors import BookingFacts, HelpFacts
from backend.figures.suppression import K, protect_total
from backend.figures.tables import Column, Figure, Row, Table, partition_rows, total_row

COUNT = (Column("count", "件数"), Column("share", "割合"))


def _requests_hidden(facts: HelpFacts) -> bool:
    """The requests' total divides two ways (by outcome, by answered or not): either can hide it."""
    return protect_total(facts.total, [facts.states[key] for key, _name in labels.HELP_STATES],
                         [facts.answered, facts.total - facts.answered])


def help_outcomes(facts: HelpFacts) -> Table:
    items = [(key, (name,), facts.states[key]) for key, name in labels.HELP_STATES]
    hidden = _requests_hidden(facts)
    return Table("help_outcomes", "支援の依頼の結果",
                 "キオスクからボランティアを呼んだ依頼が、どう終わったかです（依頼した日で数えます）。",
                 ("結果",), COUNT,
                 partition_rows(items, total=facts.total, total_hidden=hidden, unit="件"),
                 total_row(facts.total, hidden=hidden, unit="件"))


def waiting(minutes: tuple[float, ...]) -> tuple[Figure, Figure]:
    """Median and 90th percentile of the waits; hidden for fewer than K answered requests, as
    each of a handful of values would be nearly one resident's own wait."""
    if len(minutes) < K:
        return Figure(None, "分", True), Figure(None, "分", True)
    tenths = statistics.quantiles(minutes, n=10, method="inclusive")
    return Figure(round(statistics.median(minutes), 1), "分"), Figure(round(tenths[8], 1), "分")


def help_answers(facts: HelpFacts) -> Table:
    answered, unanswered = partition_rows(
        [("answered", ("ボランティアが応じた依頼",), facts.answered),
         ("unanswered", ("応じる前に終わった・待っている依頼",), facts.total - facts.answered)],
        total=facts.total, total_hidden=_requests_hidden(facts), unit="件")
    median, p90 = waiting(facts.waits_minutes)
    return Table("help_answers", "支援の依頼への応答と待ち時間",
                 "待ち時間は、依頼してからボランティアが応じるまでの分数です（応じた依頼について）。",
                 ("項目",), (Column("value", "値"), Column("share", "割合")),
                 (answered, unanswered, Row("wait_median", ("待ち時間の中央値（分）",), (median, Figure())),
                  Row("wait_p90", ("待ち時間の90パーセンタイル（分）",), (p90, Figure()))))


def _bookings(key: str, title: str, description: str, states: dict[str, int]) -> Table:
    total = sum(states.values())
    items = [(state, (name,), states.get(state, 0)) for state, name in labels.BOOKING_STATES]
    hidden = protect_total(total, [n for *_k, n in items])
    return Table(key, title, description, ("状態",), COUNT,
                 partition_rows(items, total=total, total_hidden=hidden, unit="件"),
                 total_row(total, hidden=hidden, unit="件"))


def bookings(facts: BookingFacts) -> tuple[Table, Table]:
    return (_bookings("bookings_made", "予約（受け付けた日で数える）",
                      "期間中に受け付けた予約と、その後どうなったか（取り消し、来た、来なかった）です。",
                      dict(facts.made)),
            _bookings("bookings_held", "予約（予約の日で数える）",
                      "予約の日時が期間中の予約と、どうなったかです。来なかった（無断キャンセル）もここで分かります。",
                      dict(facts.held)))


def service_tables(help_facts: HelpFacts, booking_facts: BookingFacts) -> tuple[Table, ...]:
    return (help_outcomes(help_facts), help_answers(help_facts), *bookings(booking_facts))
