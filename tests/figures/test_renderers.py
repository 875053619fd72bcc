"""The CSV and SVG renderers on their own (pure): Japanese that Excel reads, charts that say
every number in text, hidden numbers as 秘匿 and never drawn."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ElementTree

from backend.figures.charts import bar_chart, line_chart
from backend.figures.spreadsheet import table_csv
from backend.figures.tables import Column, Figure, Row, Table, count

SVG = "{http://www.w3.org/2000/svg}"
TABLE = Table("languages", "使われた言語", "説明", ("言語",), (Column("count", "回数"), Column("share", "割合")),
              (Row("ja", ("日本語",), (count(12, hidden=False), Figure(70.6, "%"))),
               Row("vi", ("ベトナム語",), (count(3, hidden=True), Figure(None, "%", True))),
               Row("x", ("=HYPERLINK(1)",), (count(5, hidden=False), Figure(29.4, "%")))),
              Row("total", ("合計",), (count(17, hidden=False), Figure())))


def test_csv_is_utf8_with_a_bom_crlf_and_hidden_numbers_as_words() -> None:
    data = table_csv(TABLE)
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["言語", "回数", "割合（%）"], ["日本語", "12", "70.6"], ["ベトナム語", "秘匿", "秘匿"],
                    ["'=HYPERLINK(1)", "5", "29.4"], ["合計", "17", ""]]


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def test_a_bar_chart_names_itself_says_every_number_and_draws_no_bar_for_a_hidden_one() -> None:
    root = parse(bar_chart(TABLE, "count"))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "chart-languages-count-title " \
                                                                        "chart-languages-count-desc"
    assert root.find(f"{SVG}title").text == "使われた言語（回数）"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == "日本語：12回、ベトナム語：秘匿、=HYPERLINK(1)：5回"  # type: ignore[union-attr]
    words = [t.text for t in root.iter(f"{SVG}text")]
    assert words == ["日本語", "12", "ベトナム語", "秘匿", "=HYPERLINK(1)", "5"]
    assert len(list(root.iter(f"{SVG}rect"))) == 2  # no bar stands for the hidden count
    assert not list(root.iter(f"{SVG}script"))


def test_a_line_chart_breaks_at_a_hidden_number_and_writes_it() -> None:
    days = Table("sessions_by_day", "日別の利用回数", "", ("日付",), (Column("sessions", "利用回数"),),
                 tuple(Row(f"2026-11-0{d}", (f"2026-11-0{d}（月）",), (count(n, hidden=n < 5),))
                       for d, n in ((1, 7), (2, 9), (3, 2), (4, 8), (5, 6))))
    root = parse(line_chart(days, "sessions", chart_id="days"))
    assert root.find(f"{SVG}title").text == "日別の利用回数（利用回数）"  # type: ignore[union-attr]
    assert "2026-11-03（月）：秘匿" in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]
    lines = list(root.iter(f"{SVG}polyline"))
    assert len(lines) == 2  # 7–9, then 8–6: never drawn through the hidden day as if it were 0
    words = [t.text for t in root.iter(f"{SVG}text")]
    assert {"7", "9", "秘匿", "8", "6", "11-01", "11-05"} <= set(words)
    assert len(list(root.iter(f"{SVG}circle"))) == 4
