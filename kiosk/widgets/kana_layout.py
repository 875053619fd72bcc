"""Provides the kana board's layout and its rules as plain data and functions, apart from the widget.

The board's cells, what each key types, how ゛ ゜ 小 change a character and where the highlight
goes next depend on nothing but the layout, so they live here, easy to read and to test, and
the widget (kiosk.widgets.kana_board) only routes keys and shows the result.
"""

from __future__ import annotations

import unicodedata

COLUMNS: tuple[tuple[str, ...], ...] = (
    ("あ", "い", "う", "え", "お"),
    ("か", "き", "く", "け", "こ"),
    ("さ", "し", "す", "せ", "そ"),
    ("た", "ち", "つ", "て", "と"),
    ("な", "に", "ぬ", "ね", "の"),
    ("は", "ひ", "ふ", "へ", "ほ"),
    ("ま", "み", "む", "め", "も"),
    ("や", "", "ゆ", "", "よ"),
    ("ら", "り", "る", "れ", "ろ"),
    ("わ", "を", "ん", "ー", ""),
)
"""The board's columns, left to right (keypad 1–9 then 0), each read top to bottom ("" is a gap).
ー sits with わ, as on the 0 key of Japanese phones."""

ROMAJI = dict(zip(
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんー",
    ("a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho "
     "ma mi mu me mo ya yu yo ra ri ru re ro wa wo n long").split(),
    strict=True,
))
"""Each key's id is ``kana-`` and this (ids must be ASCII): あ is ``#kana-a``, ー is ``#kana-long``."""
KANA_OF_KEY = {f"kana-{romaji}": kana for kana, romaji in ROMAJI.items()}
"""What each kana key types, by key id."""

FUNCTION_ROW: tuple[tuple[str, int], ...] = (
    ("dakuten", 1), ("handakuten", 1), ("small", 1), ("space", 2), ("delete", 2), ("done", 3),
)
"""The bottom row: key name (id ``key-<name>``) and how many columns it spans."""
FUNCTION_CYCLE = ("done", "dakuten", "handakuten", "small", "space", "delete")
"""The order in which + walks the bottom row: ✓ first, as finishing is the commonest need."""

VOICED = dict(zip("かきくけこさしすせそたちつてとはひふへほう",
                  "がぎぐげござじずぜぞだぢづでどばびぶべぼゔ", strict=True))
SEMI_VOICED = dict(zip("はひふへほ", "ぱぴぷぺぽ", strict=True))
SMALL = dict(zip("あいうえおつやゆよわ", "ぁぃぅぇぉっゃゅょゎ", strict=True))
_PLAIN_OF_VOICED = {v: k for k, v in VOICED.items()}
_PLAIN_OF_SEMI_VOICED = {v: k for k, v in SEMI_VOICED.items()}
_BIG_OF_SMALL = {v: k for k, v in SMALL.items()}

KANA_ROWS = 5
ALL_ROWS = KANA_ROWS + 1


def to_hiragana(text: str) -> str:
    """Fold half-width and full-width katakana (and ideographic spaces) into hiragana."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in folded)


def is_name_kana(char: str) -> bool:
    """Whether ``char`` may be part of a kana name: hiragana, ー or a space."""
    return "ぁ" <= char <= "ゖ" or char in "ー "


def name_kana(text: str) -> str:
    """What of ``text`` a kana name keeps: its kana as hiragana, ー and spaces; the rest dropped."""
    return "".join(c for c in to_hiragana(text) if is_name_kana(c))


def marked(last: str, mark: str) -> str | None:
    """``last`` with ゛ (``dakuten``) or ゜ (``handakuten``) put on or taken off, or made small or
    big again (``small``); None when that mark does not fit the character."""
    plain = _PLAIN_OF_VOICED.get(last) or _PLAIN_OF_SEMI_VOICED.get(last) or last
    if mark == "dakuten":
        return plain if last in _PLAIN_OF_VOICED else VOICED.get(plain)
    if mark == "handakuten":
        return plain if last in _PLAIN_OF_SEMI_VOICED else SEMI_VOICED.get(plain)
    return _BIG_OF_SMALL.get(last) or SMALL.get(last)


def _cells() -> tuple[tuple[str | None, ...], ...]:
    """The key id in each cell of the board, row by row (None for a gap)."""
    rows: list[tuple[str | None, ...]] = [
        tuple(f"kana-{ROMAJI[column[row]]}" if column[row] else None for column in COLUMNS)
        for row in range(KANA_ROWS)
    ]
    rows.append(tuple(f"key-{name}" for name, span in FUNCTION_ROW for _ in range(span)))
    return tuple(rows)


CELLS = _cells()


def cell_of(key_id: str | None) -> tuple[int, int] | None:
    """The (row, column) of a key's first cell on the board, or None for no key of the board."""
    for row, cells in enumerate(CELLS):
        if key_id in cells:
            return row, cells.index(key_id)
    return None


def next_down_column(column: int, row: int) -> str:
    """The key id of the first kana below ``row`` in ``column`` (-1: from the top), round to the
    top again past the last, skipping gaps."""
    for step in range(1, KANA_ROWS + 1):
        candidate = (row + step) % KANA_ROWS
        if COLUMNS[column][candidate]:
            return f"kana-{ROMAJI[COLUMNS[column][candidate]]}"
    raise ValueError(f"column {column} has no kana")


def next_on_bottom_row(current: str | None) -> str:
    """The bottom-row key id + goes to from ``current`` (None: not walking it yet, so ✓)."""
    name = (current or "").removeprefix("key-")
    following = FUNCTION_CYCLE[(FUNCTION_CYCLE.index(name) + 1) % len(FUNCTION_CYCLE)] if name else "done"
    return f"key-{following}"


def moved(row: int, column: int, rows: int, columns: int) -> str | None:
    """The key id an arrow reaches from the cell (row, column), moving by (rows, columns) past gaps
    and past the cells of the same wide key; None at the edge of the board."""
    here = CELLS[row][column]
    while True:
        row, column = row + rows, column + columns
        if not (0 <= row < ALL_ROWS and 0 <= column < len(COLUMNS)):
            return None
        target = CELLS[row][column]
        if target is not None and target != here:
            return target
