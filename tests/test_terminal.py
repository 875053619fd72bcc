"""The real `madoguchi` command in a real terminal (tmux): embedded backend, keys, clean exit."""

from __future__ import annotations

import shlex
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MADOGUCHI, madoguchi_env
from tests.tmux import Terminal

pytestmark = pytest.mark.terminal


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def terminal(data: Path) -> Iterator[tuple[Terminal, Path]]:
    env = madoguchi_env(data, TERM="xterm-256color")
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items() if k.startswith(("MADOGUCHI_", "LANG")))
    command = f"env {exports} {shlex.join(MADOGUCHI)}; echo MADOGUCHI-EXIT=$?; sleep 60"
    term = Terminal(command, 100, 34)
    try:
        yield term, data
    finally:
        term.close()


def test_kiosk_runs_a_flow_in_a_real_terminal_and_exits_cleanly(terminal: tuple[Terminal, Path]) -> None:
    term, data = terminal
    started = time.monotonic()
    term.wait_for("Press any key or touch the screen to start.")
    first_screen = time.monotonic() - started
    term.keys("Enter")
    term.wait_for("何を しますか")
    term.keys("1")
    term.wait_for("カードを紛失した・盗まれた")
    term.keys("1")
    term.wait_for("0120-95-0178")
    term.keys("Enter")
    term.wait_for("カードをどこで紛失しましたか")
    term.keys("2")
    term.wait_for("警察への届出は不要です")
    term.keys("Enter")
    term.wait_for("再発行を申請します")
    term.keys("Enter")
    term.wait_for("これからすること")
    term.wait_for("1,000円")
    term.keys("F10")
    term.wait_for("Press any key or touch the screen to start.")
    term.keys("C-q")
    term.wait_for("MADOGUCHI-EXIT=0")
    log = (data / "madoguchi.log").read_text(encoding="utf-8")
    assert "Traceback" not in log
    assert first_screen < 15  # generous: this is a smoke check; timings live in benchmarks/


def test_backend_that_cannot_start_shows_a_bilingual_screen_then_one_line(data: Path, request) -> None:  # type: ignore[no-untyped-def]
    data.mkdir()
    (data / "madoguchi.sqlite3").write_bytes(b"this is not a database" * 100)
    term, _ = request.getfixturevalue("terminal")
    term.wait_for("Press any key or touch the screen to start.")
    term.keys("Enter")
    screen = term.wait_for("The service is not available right now")
    assert "いま サービスに つながりません" in screen and "Traceback" not in screen
    term.keys("C-q")
    screen = term.wait_for("MADOGUCHI-EXIT=1")
    line = screen.replace("\n", "")  # the line names the file, so it wraps at 80 columns
    assert "madoguchi: the backend could not start: cannot open the SQLite database" in line
    assert "madoguchi.sqlite3: file is not a database" in line
    assert "Traceback" not in screen


def test_a_flow_with_the_numeric_keypad_alone(terminal: tuple[Terminal, Path]) -> None:
    """Only keys a numeric keypad has: digits, Enter, − back, * help, . finish."""
    term, _data = terminal
    term.wait_for("Press any key or touch the screen to start.")
    term.keys("Enter")
    term.wait_for("何を しますか")
    term.keys("1")
    term.wait_for("カードを紛失した・盗まれた")
    term.keys("-")  # back
    term.wait_for("何を しますか")
    term.keys("1")
    term.wait_for("カードを紛失した・盗まれた")
    term.keys("1")
    term.wait_for("0120-95-0178")
    term.keys("*")  # help, same key on every screen: why do you need a volunteer?
    term.wait_for("何を 手伝って ほしいですか")
    term.keys("-")  # back, without calling anyone
    term.wait_for("0120-95-0178")
    term.keys("Enter")
    term.wait_for("カードをどこで紛失しましたか")
    term.keys("2")
    term.wait_for("警察への届出は不要です")
    term.keys("Enter")
    term.wait_for("再発行を申請します")
    term.keys("Enter")
    term.wait_for("これからすること")
    term.keys(".")  # finish: wiped, back to the welcome screen
    term.wait_for("Press any key or touch the screen to start.")
    term.keys("C-q")
    term.wait_for("MADOGUCHI-EXIT=0")
