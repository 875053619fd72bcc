"""Provides the slip's QR code as a module matrix (for the PDF) and as terminal text (for the screen).

The screen version lets a resident scan the booking reference off the kiosk with a phone instead
of printing at all. Every QR code drawn here passes ``require_safe_payload`` first.
"""

from __future__ import annotations

import segno

from kiosk.printing.slip import require_safe_payload

QUIET_ZONE = 4
"""Light modules around the symbol, as ISO/IEC 18004 asks for QR codes; phones need it."""

_HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
"""(top module dark, bottom module dark) → the character drawn in the dark foreground colour."""


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR code's modules, row by row, True for dark; no quiet zone. Error correction M.

    Raises:
        ValueError: the payload looks like it carries personal numbers (see qr_payload_is_safe).
    """
    code = segno.make(require_safe_payload(payload), error="m", boost_error=False, micro=False)
    return [[bool(module) for module in row] for row in code.matrix]


def with_quiet_zone(matrix: list[list[bool]], border: int = QUIET_ZONE) -> list[list[bool]]:
    """``matrix`` surrounded by ``border`` light modules on every side."""
    width = len(matrix[0]) + 2 * border if matrix else 2 * border
    blank = [False] * width
    middle = [[False] * border + row + [False] * border for row in matrix]
    return [list(blank) for _ in range(border)] + middle + [list(blank) for _ in range(border)]


def qr_text(payload: str) -> list[str]:
    """The QR code as lines of half blocks (▀ ▄ █ and space), two module rows per line.

    One character cell is about twice as tall as it is wide, so one column and half a cell per
    module keeps the modules square. The quiet zone is included (spaces).

    The widget must draw these lines in a dark foreground on a light background — black on white
    (``color: #000000; background: #ffffff``), also in high-contrast and dark themes, because
    phones read dark-on-light codes and many cannot read inverted ones. It needs no padding between
    lines, and the terminal must show block elements one cell wide (U+2580–U+2588 are East Asian
    "ambiguous" width; a terminal set to draw ambiguous characters wide, as some CJK setups are,
    doubles every column and breaks the code).

    Raises:
        ValueError: the payload looks like it carries personal numbers (see qr_payload_is_safe).
    """
    rows = with_quiet_zone(qr_matrix(payload))
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return ["".join(_HALF_BLOCKS[top, bottom] for top, bottom in zip(upper, lower, strict=True))
            for upper, lower in zip(rows[0::2], rows[1::2], strict=True)]
