"""Provides bar_chart and line_chart: a column of a figure table as a small SVG, for the staff
pages to put in their HTML as it is (no script).

Accessible without the picture: <title> and <desc> (which lists every value) are tied to the
<svg role="img">, every bar or point carries its number as text, and a hidden number is drawn as
the word 秘匿, never as a bar of some length, so nothing depends on colour or on reading a length.
"""

from __future__ import annotations

from html import escape

from backend.figures.tables import Figure, Table

WIDTH = 640
ROW = 28
LABEL_WIDTH = 220
VALUE_WIDTH = 70
FONT = 'font-family="sans-serif" font-size="13"'
INK = "#1a1a1a"
BAR = "#1f5fa8"


def _spoken(figure: Figure) -> str:
    """The number with its unit (12回, 3.5分), as a screen reader says it; 45.5% has its own."""
    shown = not figure.hidden and figure.value is not None
    return figure.text + (figure.unit if shown and figure.unit in ("回", "件", "分") else "")


def _description(points: list[tuple[str, Figure]]) -> str:
    return "、".join(f"{label}：{_spoken(figure) or 'なし'}" for label, figure in points)


def _short(label: str) -> str:
    """A day or week under the axis: 11-01 for 2026-11-01（日） or 2026-11-01〜2026-11-07."""
    return label[5:10] if label[:4].isdigit() and label[4:5] == "-" else label


def _frame(chart_id: str, title: str, description: str, height: int, body: list[str]) -> str:
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        *body, "</svg>"])


def _points(table: Table, column: str) -> tuple[list[tuple[str, Figure]], str]:
    label = next(c.label for c in table.columns if c.key == column)
    return table.column(column), f"{table.title}（{label}）"


def bar_chart(table: Table, column: str, *, chart_id: str | None = None) -> str:
    """Horizontal bars, one per row, with the row's words on the left and its number on the right."""
    points, title = _points(table, column)
    chart_id = chart_id or f"chart-{table.key}-{column}"
    largest = max((f.value or 0 for _l, f in points if not f.hidden), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 10
    body = []
    for index, (label, figure) in enumerate(points):
        y = 10 + index * ROW
        body.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 18}" text-anchor="end" fill="{INK}" {FONT}>'
                    f"{escape(label)}</text>")
        length = 0 if figure.hidden or figure.value is None else round(span * figure.value / largest)
        if length:
            body.append(f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length}" height="{ROW - 8}" fill="{BAR}"/>')
        body.append(f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 18}" fill="{INK}" {FONT}>'
                    f"{escape(figure.text)}</text>")
    return _frame(chart_id, title, _description(points), 20 + ROW * max(len(points), 1), body)


def line_chart(table: Table, column: str, *, chart_id: str | None = None, height: int = 260) -> str:
    """A line through the rows in order (days, weeks); a hidden number breaks the line and is
    written as 秘匿 where its point would be, so it is never drawn as if it were zero."""
    points, title = _points(table, column)
    chart_id = chart_id or f"chart-{table.key}-{column}"
    left, right, top, bottom = 50, 20, 30, 50
    largest = max((f.value or 0 for _l, f in points if not f.hidden), default=0) or 1
    step = (WIDTH - left - right) / max(len(points) - 1, 1)
    base = height - bottom
    body = [f'<line x1="{left}" y1="{base}" x2="{WIDTH - right}" y2="{base}" stroke="{INK}"/>',
            f'<text x="{left - 6}" y="{base + 4}" text-anchor="end" fill="{INK}" {FONT}>0</text>',
            f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" fill="{INK}" {FONT}>{largest:,.0f}</text>']
    segment: list[str] = []
    every = max(1, len(points) // 8)
    for index, (label, figure) in enumerate(points):
        x = round(left + index * step, 1)
        if index % every == 0 or index == len(points) - 1:
            body.append(f'<text x="{x}" y="{base + 18}" text-anchor="middle" fill="{INK}" font-family="sans-serif" '
                        f'font-size="11">{escape(_short(label))}</text>')
        if figure.hidden or figure.value is None:
            segment = _flush(body, segment)
            body.append(f'<text x="{x}" y="{base - 6}" text-anchor="middle" fill="{INK}" font-family="sans-serif" '
                        f'font-size="10">{escape(figure.text)}</text>')
            continue
        y = round(base - (base - top) * figure.value / largest, 1)
        segment.append(f"{x},{y}")
        body.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{BAR}"/>')
        if len(points) <= 31:
            body.append(f'<text x="{x}" y="{y - 7}" text-anchor="middle" fill="{INK}" font-family="sans-serif" '
                        f'font-size="10">{escape(figure.text)}</text>')
    _flush(body, segment)
    return _frame(chart_id, title, _description(points), height, body)


def _flush(body: list[str], segment: list[str]) -> list[str]:
    if len(segment) > 1:
        body.append(f'<polyline points="{" ".join(segment)}" fill="none" stroke="{BAR}" stroke-width="2"/>')
    return []
