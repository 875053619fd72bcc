"""Provides the tables about kiosk sessions: how many, when, which flows, where residents
stopped, languages and modes. Pure: facts in, protected tables out.

The totals divide into one another (the period's sessions into weeks and into those with details;
weeks into days; those with details into flows, languages and modes; a flow's into completed and
unfinished; unfinished into steps). A partition whose counts are all small hides its total, so
``bases`` works from the finest partitions up before any table is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.figures import labels
from backend.figures.period import Period
from backend.figures.selectors import ContentNames, SessionFacts
from backend.figures.suppression import K, protect, protect_total
from backend.figures.tables import Column, Figure, Row, Table, count, partition_rows, share, total_row

COUNT = (Column("count", "回数"), Column("share", "割合"))
SESSIONS = "利用回数"
OTHER_FLOWS = "other"
DETAILED_NOTE = "言語・表示・進み方の記録がある利用（新しいキオスクの記録）だけを数えます。"
Items = list[tuple[str, tuple[str, ...], int]]


@dataclass(frozen=True)
class FlowLine:
    key: str
    title: str
    started: int
    completed: int
    stops: Items
    """The unfinished sessions by the step they ended on; empty for the row of other flows."""
    started_forced: bool = False
    unfinished_forced: bool = False


@dataclass(frozen=True)
class Bases:
    """Whether each total the session tables divide is hidden, worked out from the finest up."""

    total_hidden: bool
    detailed_hidden: bool
    weeks_forced: frozenset[int]
    flows: tuple[FlowLine, ...]


def _stop_items(facts: SessionFacts, names: ContentNames, flow_id: str, title: str) -> Items:
    """Steps with at least K are named; the rest are one row, so no step is named for a handful."""
    steps = sorted(((node, n) for (flow, node), n in facts.stops.items() if flow == flow_id and n >= K),
                   key=lambda item: (-item[1], item[0]))
    elsewhere = sum(n for (flow, _node), n in facts.stops.items() if flow == flow_id) - sum(n for _s, n in steps)
    return [*((f"{flow_id}:{node}", (title, names.nodes.get((flow_id, node), node)), n) for node, n in steps),
            (f"{flow_id}:other", (title, "その他の画面"), elsewhere),
            (f"{flow_id}:moved_on", (title, "ほかの案内に移った"), facts.moved_on[flow_id])]


def _flow_lines(facts: SessionFacts, names: ContentNames) -> list[FlowLine]:
    """The published flows in order, then every other flow as one row, each marked with what its
    finer partitions force hidden."""
    lines = []
    for flow_id, title in names.flows.items():
        started, completed = facts.started[flow_id], facts.completed[flow_id]
        stops = _stop_items(facts, names, flow_id, title)
        unfinished_forced = started > completed and protect([n for *_k, n in stops], total_shown=True).total
        inner = protect([completed, started - completed], total_shown=True, forced={1} if unfinished_forced else ())
        lines.append(FlowLine(flow_id, title, started, completed, stops, inner.total, unfinished_forced))
    others = [flow_id for flow_id in facts.started if flow_id not in names.flows]
    started, completed = sum(facts.started[f] for f in others), sum(facts.completed[f] for f in others)
    lines.append(FlowLine(OTHER_FLOWS, "その他（今は公開していない案内）", started, completed, [],
                          protect([completed, started - completed], total_shown=True).total))
    return lines


def _outer(line: FlowLine, detailed: int, *, total_shown: bool) -> bool:
    """Whether a flow's started count is hidden, within the sessions with details."""
    return protect([line.started, max(detailed - line.started, 0)], total_shown=total_shown,
                   forced={0} if line.started_forced else ()).cells[0]


def bases(facts: SessionFacts, names: ContentNames, period: Period) -> Bases:
    lines = tuple(_flow_lines(facts, names))
    detailed = facts.detailed
    detailed_forced = (any(protect([ln.started, max(detailed - ln.started, 0)], total_shown=True).total
                           for ln in lines)
                       or protect([facts.languages[c] for c, _n in labels.LANGUAGES] + [_other_languages(facts)],
                                  total_shown=True).total
                       or any(protect([facts.modes.get(k, 0), detailed - facts.modes.get(k, 0)],
                                      total_shown=True).total for k, _n in labels.MODES))
    day_counts = _day_counts(facts, period)
    weeks_forced = frozenset(i for i, days in enumerate(day_counts) if protect(days, total_shown=True).total)
    total_hidden = (protect_total(facts.total, [sum(days) for days in day_counts],
                                  [facts.assisted, facts.total - facts.assisted])
                    or (not detailed_forced and protect([detailed, facts.total - detailed], total_shown=True).total))
    detailed_hidden = protect([detailed, facts.total - detailed], total_shown=not total_hidden,
                              forced={0} if detailed_forced else ()).cells[0]
    return Bases(total_hidden, detailed_hidden, weeks_forced, lines)


def _other_languages(facts: SessionFacts) -> int:
    known = {code for code, _name in labels.LANGUAGES}
    return sum(n for code, n in facts.languages.items() if code not in known)


def _day_counts(facts: SessionFacts, period: Period) -> list[list[int]]:
    return [[facts.per_day.get(day, 0) for day in Period(first, last).each_day()] for first, last in period.weeks()]


def summary(facts: SessionFacts, base: Bases) -> Table:
    total = count(facts.total, hidden=base.total_hidden)
    assisted, alone = partition_rows([("assisted", ("支援を受けた利用",), facts.assisted),
                                      ("unassisted", ("支援なしの利用",), facts.total - facts.assisted)],
                                     total=facts.total, total_hidden=base.total_hidden, unit="回")
    detailed = count(facts.detailed, hidden=base.detailed_hidden)
    return Table("summary", "利用のまとめ",
                 "キオスクの利用（案内を開いたか、支援を呼んだ利用）の回数と、ボランティアの支援を受けた割合（支援率）です。",
                 ("項目",), COUNT,
                 (Row("sessions", (SESSIONS,), (total, Figure())), assisted, alone,
                  Row("detailed", ("言語・表示の記録がある利用",), (detailed, share(detailed, total)))))


def by_week_and_day(facts: SessionFacts, base: Bases, period: Period) -> tuple[Table, Table]:
    """Weeks divide the period's total and days divide each week, so both are protected together."""
    weeks, day_counts = period.weeks(), _day_counts(facts, period)
    week_counts = [sum(days) for days in day_counts]
    week_hidden = protect(week_counts, total_shown=not base.total_hidden, forced=base.weeks_forced).cells
    week_rows, day_rows = [], []
    for (first, last), n, hidden, days in zip(weeks, week_counts, week_hidden, day_counts, strict=True):
        week_rows.append(Row(first.isoformat(), (labels.week_label(first, last),), (count(n, hidden=hidden),)))
        for day, m, hide in zip(Period(first, last).each_day(), days,
                                protect(days, total_shown=not hidden).cells, strict=True):
            day_rows.append(Row(day.isoformat(), (labels.day_label(day),), (count(m, hidden=hide),)))
    column = (Column("sessions", SESSIONS),)
    total = total_row(facts.total, hidden=base.total_hidden, unit="回", columns=1)
    return (Table("sessions_by_day", "日別の利用回数", "その日に終わった利用の回数です。", ("日付",), column,
                  tuple(day_rows), total),
            Table("sessions_by_week", "週別の利用回数",
                  "月曜日から日曜日までの利用の回数です（期間の端の週は期間内の日だけ）。", ("週",), column,
                  tuple(week_rows), total))


def flows(facts: SessionFacts, base: Bases) -> tuple[Table, Table]:
    """Flows started and completed, and, for each flow whose unfinished count is shown, the
    step residents stopped on."""
    flow_rows: list[Row] = []
    stop_rows: list[Row] = []
    for line in base.flows:
        started_hidden = _outer(line, facts.detailed, total_shown=not base.detailed_hidden)
        unfinished = line.started - line.completed
        done_hidden, rest_hidden = protect([line.completed, unfinished], total_shown=not started_hidden,
                                           forced={1} if line.unfinished_forced else ()).cells
        begun, done = count(line.started, hidden=started_hidden), count(line.completed, hidden=done_hidden)
        flow_rows.append(Row(line.key, (line.title,), (begun, done, count(unfinished, hidden=rest_hidden),
                                                       share(done, begun))))
        if line.stops and not rest_hidden and unfinished:
            stop_rows.extend(partition_rows(line.stops, total=unfinished, total_hidden=False, unit="回"))
    return (Table("flows", "案内ごとの開始と完了",
                  "案内を始めた利用と、最後（結果や予約・相談の画面）まで進んだ利用の回数です。" + DETAILED_NOTE,
                  ("案内",), (Column("started", "始めた"), Column("completed", "最後まで進んだ"),
                             Column("unfinished", "途中まで"), Column("rate", "完了率")), tuple(flow_rows)),
            Table("stops", "途中でやめた場所",
                  "案内を最後まで進まなかった利用が、どの画面で終わったかです（割合は、その案内の「途中まで」に対して）。"
                  f"{K}回未満の画面は「その他の画面」にまとめます。" + DETAILED_NOTE,
                  ("案内", "画面"), COUNT, tuple(stop_rows)))


def languages(facts: SessionFacts, base: Bases) -> Table:
    items: Items = [(code, (name,), facts.languages[code]) for code, name in labels.LANGUAGES]
    other_key, other_name = labels.OTHER_LANGUAGE
    items.append((other_key, (other_name,), _other_languages(facts)))
    return Table("languages", "使われた言語", "利用が終わったときの表示の言語です。" + DETAILED_NOTE, ("言語",), COUNT,
                 partition_rows(items, total=facts.detailed, total_hidden=base.detailed_hidden, unit="回"),
                 total_row(facts.detailed, hidden=base.detailed_hidden, unit="回"))


def modes(facts: SessionFacts, base: Bases) -> Table:
    rows = []
    for key, name in labels.MODES:
        used = facts.modes.get(key, 0)
        used_row, unused_row = partition_rows([(key, (name,), used), (key, (name,), facts.detailed - used)],
                                              total=facts.detailed, total_hidden=base.detailed_hidden, unit="回")
        rows.append(Row(key, (name,), (used_row.figures[0], unused_row.figures[0], used_row.figures[1])))
    return Table("modes", "表示と読み上げの機能", "利用の中で一度でもその機能を使った回数です。" + DETAILED_NOTE,
                 ("機能",),
                 (Column("used", "使った"), Column("unused", "使わなかった"), Column("share", "使った割合")),
                 tuple(rows))


def session_tables(facts: SessionFacts, names: ContentNames, period: Period) -> tuple[Table, ...]:
    base = bases(facts, names, period)
    by_day, by_week = by_week_and_day(facts, base, period)
    flow_table, stop_table = flows(facts, base)
    return (summary(facts, base), by_day, by_week, flow_table, stop_table, languages(facts, base), modes(facts, base))
