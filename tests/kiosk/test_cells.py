"""Display width as terminals draw it (issue 12): Devanagari spacing marks take a cell in tmux but
none in Rich's table, so Nepali lines overflowed and were cut. kiosk.cells corrects the source."""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

import pytest

from accessibility.furigana import cell_width
from kiosk.cells import corrected, install, truncate
from tests.tmux import Terminal

NEPALI = ("सकाउनुहोस्", "स्वयंसेवकलाई बोलाउनुहोस्", "कार्ड हरायो वा चोरी भयो", "पढेर सुनाउने", "निःशुल्क",
          "माइ नम्बर कार्ड", "हामी मद्दत गर्छौं।")
OTHERS = ("giấy chứng nhận", "cartão de residente", "マイナンバーカード", "한국어", "中文（简体）")


def tmux_width(text: str, tmp_path: Path) -> int:
    """How many cells a real terminal (tmux) advances the cursor for ``text``."""
    script = tmp_path / f"width-{uuid.uuid4().hex[:8]}.sh"
    script.write_text(f"printf '%s' {text!r}; sleep 30\n", encoding="utf-8")
    term = Terminal(f"env LANG=C.UTF-8 bash {script}", 200, 5, prefix="width")
    try:
        previous, deadline = -1, time.monotonic() + 5
        while time.monotonic() < deadline:
            time.sleep(0.2)
            x = int(term.display("#{cursor_x}"))
            if x == previous and x > 0:
                return x
            previous = x
        return previous
    finally:
        term.close()


@pytest.mark.terminal
def test_the_width_rule_matches_what_tmux_draws(tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is installed by scripts/setup; run the README's test command"
    for text in (*NEPALI, *OTHERS):
        assert cell_width(text) == tmux_width(text, tmp_path), text


def test_rich_measures_spacing_marks_as_terminals_do_once_installed() -> None:
    from rich.cells import cell_len

    install()
    for text in (*NEPALI, *OTHERS):
        assert cell_len(text) == cell_width(text), text
    assert cell_len("\u093e") == 1 and cell_len("\u094d") == 0  # ा is one cell, the virama none


def test_corrected_keeps_ranges_and_only_widens_spacing_marks() -> None:
    table = [(0x0300, 0x036F, 0), (0x0900, 0x0903, 0), (0x093A, 0x0940, 0), (0x1100, 0x115F, 2)]
    fixed = corrected(table)
    width = {cp: w for start, end, w in fixed for cp in range(start, end + 1)}
    assert width[0x0301] == 0 and width[0x0903] == 1 and width[0x093E] == 1 and width[0x0941 - 1] == 1
    assert width[0x093C] == 0 and width[0x1100] == 2


def test_truncate_ends_in_an_ellipsis_within_the_width() -> None:
    cut = truncate("स्वयंसेवकलाई बोलाउनुहोस्", 10)
    assert cut.endswith("…") and cell_width(cut) <= 10
    assert truncate("short", 10) == "short"
