"""Issue 12's "done when", as a resident meets it: the real `madoguchi` in a real 80×24 terminal
(tmux), driven by a numeric keypad's own keys (tmux sends KPEnter as a line feed and KP1 … as
digits, as a terminal in normal keypad mode does), in plain Japanese with furigana and in Nepali.
"""

from __future__ import annotations

import shlex
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MADOGUCHI, madoguchi_env
from tests.tmux import Terminal

pytestmark = pytest.mark.terminal

START = "Press any key or touch the screen to start."


@pytest.fixture
def small_terminal(tmp_path: Path) -> Iterator[Terminal]:
    env = madoguchi_env(tmp_path / "data", TERM="xterm-256color")
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items() if k.startswith(("MADOGUCHI_", "LANG")))
    command = f"env {exports} {shlex.join(MADOGUCHI)}; echo MADOGUCHI-EXIT=$?; sleep 60"
    term = Terminal(command, 80, 24, prefix="madoguchi-kp")
    try:
        yield term
    finally:
        term.close()


def test_lost_card_with_the_keypad_in_plain_japanese_with_furigana(small_terminal: Terminal) -> None:
    term = small_terminal
    term.wait_for(START)
    term.keys("KPEnter")
    term.wait_for("みほん市")
    term.keys("KP0")  # settings
    term.wait_for("やさしい 日本語：オフ")
    term.keys("KP2", "KP3")  # plain Japanese, furigana
    term.wait_for("ふりがな（漢字の 読み方）：オン")
    term.keys("KP8")  # close
    term.keys("KP1")
    term.wait_for("カードを なくした・とられた")
    term.keys("KP1")
    term.wait_for("1番目")
    term.keys("KPEnter")  # next: a keypad's Enter did nothing here before
    screen = term.wait_for("2番目")
    assert "家の 中で なくした" in screen  # every option on screen
    term.keys("KP2")
    term.wait_for("3番目")
    term.keys("KPEnter")
    term.wait_for("4番目")
    term.keys("KPEnter")
    term.wait_for("5番目")
    screen = term.wait_for("4  ▼ つづきを 読む")  # the rest of the text, from the keypad
    for option in ("1  最初の 画面に もどる", "2  おわる", "3  持ち帰り用の メモ"):
        assert option in screen, screen  # the third was below the fold; in furigana mode all were
    for _ in range(8):  # "more text" pages down until the text's end, then offers the top again
        if "▲ 文の はじめに もどる" in term.screen():
            break
        before = term.screen()
        term.keys("KP4")
        term.wait_for_change(before)
    assert "▲ 文の はじめに もどる" in term.screen(), term.screen()
    term.keys("KP3")  # the take-home note, a dialog
    screen = term.wait_for("1  もどる")
    assert "0120-95-0178" in screen, screen
    term.keys("KP-")  # − closes the dialog (the app's keys did nothing on dialogs)
    for _ in range(100):  # the dialog goes; the screen behind it shows through until it does
        screen = term.screen()
        if "1  もどる" not in screen:
            break
        time.sleep(0.1)
    assert "1  もどる" not in screen and "4  ▲ 文の はじめに もどる" in screen, screen
    term.keys("KP.")  # finish: wiped
    term.wait_for(START)
    term.keys("C-q")
    term.wait_for("MADOGUCHI-EXIT=0")


NEPALI_PRECHECK = ("KP2", "KP1", "KP2", "KPEnter", "KPEnter")
"""Telemedicine pre-check steps 1–5: not urgent, the usual doctor, at a public facility, next, next."""


def test_a_booking_with_the_keypad_in_nepali(small_terminal: Terminal) -> None:
    term = small_terminal
    term.wait_for(START)
    term.keys("KP7")  # नेपाली: chosen on the welcome screen, which starts the session
    term.wait_for("तपाईं के गर्न चाहनुहुन्छ?")
    term.keys("KP3")  # telemedicine
    term.wait_for("अघि जाँच्ने कुरा")
    term.keys("KP1")  # the pre-check
    for step, key in enumerate(NEPALI_PRECHECK, start=1):
        term.wait_for(f"चरण {step} ")
        term.keys(key)
    screen = term.wait_for("चरण 6")
    assert "1  परामर्श बुक गर्नुहोस्" in screen, screen
    term.keys("KP1")
    term.wait_for("के बुक गर्ने, छान्नुहोस्")
    term.keys("KP2")  # the video call at the community hall's telemedicine room
    term.wait_for("दिन छान्नुहोस्")
    term.keys("KP1")  # the first day
    term.wait_for("समय छान्नुहोस्")
    term.keys("KP1")  # the first time
    screen = term.wait_for("काना मा तपाईंको नाम")
    for cell in ("わ", "お", "ろ", "✓"):  # the whole board at 80×24: お row and the ✓ row were off screen
        assert cell in screen, screen
    term.keys("KP2", "KPEnter", "KP+", "KPEnter")  # か, then the bottom row's ✓
    term.wait_for("तपाईंको फोन नम्बर")
    term.keys(*[f"KP{digit}" for digit in "09087654321"])
    term.wait_for("0 9 0 8 7 6 5 4 3 2 1")
    term.keys("KPEnter")
    screen = term.wait_for("कृपया आफ्नो बुकिङ जाँच्नुहोस्")
    assert "090-8765-4321" in screen and "नाम: か" in screen, screen
    term.keys("KP1")  # book it
    screen = term.wait_for("तपाईंको बुकिङ भयो")
    assert "बुकिङ नम्बर" in screen, screen
    term.keys("KP.")  # finish: the next resident meets the welcome in Japanese with its nine languages
    screen = term.wait_for("窓口（まどぐち）— 手続きの 案内")
    assert "7  नेपाली" in term.wait_for("9  Bahasa Indonesia"), screen
    assert "090" not in term.screen() and "बुकिङ" not in term.screen()
    term.keys("C-q")
    term.wait_for("MADOGUCHI-EXIT=0")
